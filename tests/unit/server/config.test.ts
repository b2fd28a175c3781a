// The server's settings from the environment: the public address of share links and the proxies
// whose X-Forwarded-For is believed.
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../src-server/config.ts';

describe('server config', () => {
  it('reads the public URL without a trailing slash, and refuses one with a query', () => {
    expect(configFromEnv({ SHAMAY_PUBLIC_URL: 'https://shamay.example.org/office/' }).publicUrl).toBe('https://shamay.example.org/office');
    expect(() => configFromEnv({ SHAMAY_PUBLIC_URL: 'https://shamay.example.org/?x=1' })).toThrow();
  });

  it('trusts no proxy unless told which', () => {
    expect(configFromEnv({}).trustProxy).toBeUndefined();
    expect(configFromEnv({ SHAMAY_TRUST_PROXY: ' ' }).trustProxy).toBeUndefined();
    expect(configFromEnv({ SHAMAY_TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,' }).trustProxy).toEqual(['10.0.0.5', '192.168.0.0/16']);
  });
});
