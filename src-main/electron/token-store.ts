// The sign-in tokens at rest, encrypted with the OS keychain through Electron's safeStorage
// (userData/tokens.bin). When the OS offers no real encryption (safeStorage unavailable, or Linux
// without a secret service, where Electron falls back to a hard-coded key: 'basic_text'), the tokens
// live in memory only: the user signs in again after a restart, and the log says why.
// The core worker gets the decrypted tokens at start and reports changes (see core/worker/protocol.ts).
import { readFileSync, rmSync } from 'node:fs';
import type { StoredTokens } from '../core/sync/server-client.ts';
import { storedTokensSchema } from '../core/worker/protocol.ts';
import { saveFileAtomically } from './files.ts';

/** The part of Electron's safeStorage used here (tests pass a fake). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface TokenKeeper {
  readonly mode: 'encrypted' | 'memory';
  load(): StoredTokens | null;
  save(tokens: StoredTokens | null): void;
}

export interface TokenKeeperOptions {
  file: string;
  cipher: SecretCipher;
  platform: NodeJS.Platform;
  log: { warn(message: string, details?: Record<string, unknown>): void; info(message: string, details?: Record<string, unknown>): void };
}

/** Why the tokens cannot be encrypted at rest, or null when they can. Call after app 'ready'. */
export function encryptionUnavailableReason(cipher: SecretCipher, platform: NodeJS.Platform): string | null {
  if (!cipher.isEncryptionAvailable()) return 'safeStorage reports that encryption is not available';
  if (platform === 'linux' && cipher.getSelectedStorageBackend?.() === 'basic_text') {
    return 'no secret service (gnome-keyring/kwallet) was found, so safeStorage would use a hard-coded key';
  }
  return null;
}

export function createTokenKeeper(options: TokenKeeperOptions): TokenKeeper {
  const { file, cipher, log } = options;
  const unavailable = encryptionUnavailableReason(cipher, options.platform);
  let memory: StoredTokens | null = null;

  if (unavailable) {
    log.warn('sign-in tokens are kept in memory only: you will sign in again after a restart', { reason: unavailable });
    // A file from a time when encryption worked cannot be read now; do not leave it behind.
    rmSync(file, { force: true });
    return {
      mode: 'memory',
      load: () => memory,
      save: (tokens) => {
        memory = tokens;
      },
    };
  }

  return {
    mode: 'encrypted',
    load() {
      let encrypted: Buffer;
      try {
        encrypted = readFileSync(file);
      } catch {
        return null;
      }
      try {
        const parsed = storedTokensSchema.safeParse(JSON.parse(cipher.decryptString(encrypted)));
        if (parsed.success) return parsed.data;
        log.warn('stored sign-in tokens were not valid and were removed');
      } catch {
        // A different OS user or a reset keychain: the old tokens are useless.
        log.warn('stored sign-in tokens could not be decrypted and were removed');
      }
      rmSync(file, { force: true });
      return null;
    },
    save(tokens) {
      if (!tokens) {
        rmSync(file, { force: true });
        return;
      }
      saveFileAtomically(file, cipher.encryptString(JSON.stringify(tokens)));
    },
  };
}
