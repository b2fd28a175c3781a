import { describe, expect, it } from 'vitest';
import { parseStartArgs, StartArgsError } from '../../../scripts/start-args.ts';

describe('npm start arguments', () => {
  it('starts the server and the app with no arguments', () => {
    expect(parseStartArgs([])).toEqual({});
  });

  it('starts a client only against the given server, without a slash at the end', () => {
    expect(parseStartArgs(['--client-only', '--server-url', 'http://127.0.0.1:8787/'])).toEqual({ serverUrl: 'http://127.0.0.1:8787' });
    expect(parseStartArgs(['--client-only', '--server-url=https://shamay.example.co.il/sync', '--data-dir', '/tmp/second'])).toEqual({
      serverUrl: 'https://shamay.example.co.il/sync',
      dataDir: '/tmp/second',
    });
  });

  it('refuses a client without a server, an address that is not one, and unknown flags', () => {
    expect(() => parseStartArgs(['--client-only'])).toThrow(StartArgsError);
    expect(() => parseStartArgs(['--client-only'])).toThrow(/--server-url/);
    expect(() => parseStartArgs(['--client-only', '--server-url', '127.0.0.1:8787'])).toThrow(/http/);
    expect(() => parseStartArgs(['--client-only', '--server-url', 'not an address'])).toThrow(/not an address/);
    expect(() => parseStartArgs(['--client-only', '--server-url', 'http://127.0.0.1:8787/?x=1'])).toThrow(/without \?/);
    expect(() => parseStartArgs(['--client'])).toThrow(/usage: npm start/);
  });
});
