// Sign-in must not reveal whether an email exists: a wrong password and an unknown email both run an
// argon2 verification (the unknown one against a dummy hash) and get the same answer. Timing itself
// is not asserted (too noisy for CI); that both paths do the same expensive work is.
import type * as Argon2 from '@node-rs/argon2';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DUMMY_PASSWORD_HASH } from '../../../src-server/auth/passwords.ts';
import { createAuthService } from '../../../src-server/auth/service.ts';
import type { ServerContext } from '../../../src-server/context.ts';
import type { ServerDatabase } from '../../../src-server/db/database.ts';
import { openServerDatabase } from '../../../src-server/db/open.ts';
import { device, seedUser, testContext, type SeededUser } from './harness.ts';

vi.mock('@node-rs/argon2', async (importOriginal) => {
  const actual = await importOriginal<typeof Argon2>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

describe('sign-in paths', () => {
  let db: ServerDatabase;
  let user: SeededUser;
  let ctx: ServerContext;

  beforeAll(async () => {
    ({ db } = await openServerDatabase({}));
    user = await seedUser(db);
    ctx = testContext(db, () => new Date());
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(() => {
    vi.mocked(verify).mockClear();
  });

  const attempt = async (email: string, password: string) => {
    const service = createAuthService(ctx);
    const error = await service.login(email, password, device(), '10.1.1.1').then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, calls: vi.mocked(verify).mock.calls.map(([hash]) => String(hash)) };
  };

  it('a wrong password verifies the user’s own hash once', async () => {
    const { error, calls } = await attempt(user.email, 'wrong password');
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^\$argon2id\$/);
    expect(calls[0]).not.toBe(DUMMY_PASSWORD_HASH);
  });

  it('an unknown email verifies the dummy hash once, and gets the same error', async () => {
    const wrong = await attempt(user.email, 'wrong password');
    vi.mocked(verify).mockClear();
    const { error, calls } = await attempt('nobody@example.com', 'wrong password');
    expect(calls).toEqual([DUMMY_PASSWORD_HASH]);
    expect(error).toEqual(wrong.error);
    expect((error as Error).message).toBe((wrong.error as Error).message);
  });

  it('a user without a password also verifies the dummy hash and is refused', async () => {
    await db.query('DELETE FROM user_credentials WHERE user_id = $1', [user.userId]);
    const { error, calls } = await attempt(user.email, user.password);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(calls).toEqual([DUMMY_PASSWORD_HASH]);
  });
});
