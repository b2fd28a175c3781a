import { expect, onTestFinished } from 'vitest';
import type { AppErrorShape } from '../../src-shared/contract/errors.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/contract/methods.ts';
import { generateDemoPeople, type DemoPeople } from '../../src-shared/seed/index.ts';
import type { AuthClient } from '../../src-main/core/context.ts';
import { createCore, type Core, type CoreDeps } from '../../src-main/core/create-core.ts';
import { tempDir } from './temp.ts';

/**
 * Stands in for the sync server's sign-in (the HTTP auth client arrives with the sync server): it
 * knows the demo office's people and answers with their memberships, as the server would.
 */
export function demoAuth(people: DemoPeople, extra: { email: string; organization: { id: string; name: string } }[] = []): AuthClient {
  const all = [people.owner, people.orgAdmin, ...people.appraisers, people.clientViewer];
  return {
    async signIn(email) {
      const user = all.find((u) => u.email === email);
      if (!user) throw new Error(`unknown user ${email}`);
      const memberships = people.memberships
        .filter((m) => m.userId === user.id)
        .map((m) => ({ id: m.id, role: m.role, organization: { id: people.organization.id, name: people.organization.name } }));
      for (const other of extra.filter((e) => e.email === email)) {
        memberships.push({ id: `${other.organization.id.slice(0, 30)}aaaaaa`, role: 'APPRAISER', organization: other.organization });
      }
      return { user: { id: user.id, email: user.email, name: user.name, image: null }, memberships };
    },
  };
}

export async function call<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

export async function callError(core: Core, method: string, input: unknown): Promise<AppErrorShape> {
  const result = await core.dispatch(method, input);
  expect(result.ok, `${method} was expected to fail`).toBe(false);
  return (result as { ok: false; error: AppErrorShape }).error;
}

export interface TestCore {
  core: Core;
  people: DemoPeople;
  dataDir: string;
}

/** A core on a fresh data folder, signed in as the given demo person (an appraiser by default). */
export async function signedInCore(
  email = 'appraiser1@demo.shamay.local',
  deps: Partial<CoreDeps> = {},
): Promise<TestCore> {
  const people = generateDemoPeople(1);
  const dataDir = deps.dataDir ?? tempDir();
  const core = createCore({ dataDir, auth: demoAuth(people), ...deps });
  onTestFinished(() => core.close());
  await call(core, 'session.signIn', { email, password: 'demo' });
  return { core, people, dataDir };
}
