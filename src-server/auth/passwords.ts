// Password hashing: argon2id, a memory-hard KDF. The parameters are above OWASP's minimum
// (m=19 MiB, t=2, p=1): 64 MiB and 3 passes, about 50 ms per hash on one core. Hashes are PHC strings
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash) that carry their own parameters, so raising them later only
// needs needsRehash() at sign-in; old hashes keep verifying.
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';

export const PASSWORD_HASH_OPTIONS = { memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

/** Argon2id in @node-rs/argon2's (ambient const) Algorithm enum; it is also the library's default. */
const ARGON2ID = 2 as Algorithm;

/**
 * A hash of a random password nobody knows, with the same parameters as real ones. Sign-in with an
 * unknown email verifies against it, so that the answer takes as long as for a known email with a
 * wrong password and the timing does not tell whether the email exists.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=65536,t=3,p=1$ach01GkmbKCrUCS+iUXTZA$r19KOZVcfaMhpC5l0NA5prGkbF/LbJPmd3HajSF/Zmo';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

// The same password typed on different keyboards/platforms may arrive in different Unicode forms.
const normalize = (password: string) => password.normalize('NFC');

export async function hashPassword(password: string): Promise<string> {
  const encoded = await hash(normalize(password), { ...PASSWORD_HASH_OPTIONS, algorithm: ARGON2ID });
  if (!encoded.startsWith('$argon2id$')) throw new Error('password hashing did not produce an argon2id hash');
  return encoded;
}

/**
 * Whether password matches storedHash. With no stored hash (unknown email, or a user without a
 * password) it still verifies, against DUMMY_PASSWORD_HASH, and returns false.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const target = storedHash ?? DUMMY_PASSWORD_HASH;
  let ok: boolean;
  try {
    ok = await verify(target, normalize(password));
  } catch {
    // A corrupt stored hash: refuse, but spend the same time as a real check.
    await verify(DUMMY_PASSWORD_HASH, normalize(password)).catch(() => false);
    ok = false;
  }
  return ok && storedHash !== null && storedHash !== undefined;
}

/** True when storedHash was made with weaker parameters (or another algorithm) than today's. */
export function needsRehash(storedHash: string): boolean {
  if (!storedHash.startsWith('$argon2id$')) return true;
  try {
    const options = parseOptions(storedHash);
    return (
      options.memoryCost < PASSWORD_HASH_OPTIONS.memoryCost ||
      options.timeCost < PASSWORD_HASH_OPTIONS.timeCost ||
      options.parallelism !== PASSWORD_HASH_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}

/** A sentence saying what is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...normalize(password)].length;
  if (length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  return null;
}
