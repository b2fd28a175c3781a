// The browser version's local address (port and access token), kept in its data folder so that a
// restart of the same folder opens at the same address: a bookmarked or still-open page keeps working.
// The token is the key to the local core, so the file is readable by its owner only.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const LOCAL_ADDRESS_FILE = 'browser-address.json';

const localAddressSchema = z.object({
  port: z.number().int().min(1).max(65535),
  // As the browser host makes it (32 random bytes, base64url); it refuses fewer than 16 characters.
  token: z.string().regex(/^[A-Za-z0-9_-]{16,200}$/),
});
export type LocalAddress = z.infer<typeof localAddressSchema>;

/** The address saved in the data folder, or null when there is none or it does not read. */
export function readLocalAddress(dataDir: string): LocalAddress | null {
  try {
    const parsed = localAddressSchema.safeParse(JSON.parse(readFileSync(join(dataDir, LOCAL_ADDRESS_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveLocalAddress(dataDir: string, address: LocalAddress): void {
  const file = join(dataDir, LOCAL_ADDRESS_FILE);
  writeFileSync(file, `${JSON.stringify(localAddressSchema.parse(address))}\n`, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file.
  chmodSync(file, 0o600);
}
