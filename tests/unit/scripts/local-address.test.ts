import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_ADDRESS_FILE, readLocalAddress, saveLocalAddress } from '../../../scripts/local-address.ts';
import { newHostToken } from '../../../src-main/host/server.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('the browser version address kept in its data folder', () => {
  it('reads back the port and token it saved, in a file only its owner can read', () => {
    const dir = tempDir();
    expect(readLocalAddress(dir)).toBeNull();
    const address = { port: 8788, token: newHostToken() };
    saveLocalAddress(dir, address);
    expect(readLocalAddress(dir)).toEqual(address);
    expect(statSync(join(dir, LOCAL_ADDRESS_FILE)).mode & 0o777).toBe(0o600);
    saveLocalAddress(dir, { port: 40123, token: address.token });
    expect(readLocalAddress(dir)).toEqual({ port: 40123, token: address.token });
  });

  it('ignores a damaged or edited file rather than using a weak token or a wrong port', () => {
    const dir = tempDir();
    const file = join(dir, LOCAL_ADDRESS_FILE);
    for (const content of ['{', '{"port":8788,"token":"short"}', '{"port":70000,"token":"aaaaaaaaaaaaaaaaaaaaaa"}', '{"port":8788,"token":"has spaces in it, not a token"}']) {
      writeFileSync(file, content);
      expect(readLocalAddress(dir)).toBeNull();
    }
  });
});
