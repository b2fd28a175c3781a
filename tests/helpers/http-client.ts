import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_PASSWORD } from '../../src-server/start.ts';
import type { Mutation } from '../../src-shared/sync/protocol.ts';

/** A raw protocol client for server tests: signs in as a demo person and speaks JSON. */
export async function rawClient(baseUrl: string, email: string) {
  const deviceId = uuidv7();
  const login = (await (
    await fetch(`${baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD, device: { id: deviceId, name: `test ${randomUUID().slice(0, 8)}`, platform: 'linux' } }),
    })
  ).json()) as { accessToken: string; user: { id: string }; memberships: { organization: { id: string } }[] };
  const organizationId = login.memberships[0]!.organization.id;
  const headers = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
  let seq = 0;
  return {
    deviceId,
    organizationId,
    userId: login.user.id,
    token: login.accessToken,
    async push(mutations: Mutation[], org = organizationId) {
      const response = await fetch(`${baseUrl}/v1/orgs/${org}/push`, { method: 'POST', headers, body: JSON.stringify({ deviceId, mutations }) });
      return { status: response.status, body: (await response.json()) as { results: (Record<string, unknown> & { outcome: string; reasonCode?: string; row?: Record<string, unknown> | null })[] } };
    },
    async pull(cursor = 0, limit = 1000, org = organizationId) {
      const response = await fetch(`${baseUrl}/v1/orgs/${org}/pull?cursor=${cursor}&limit=${limit}`, { headers });
      return { status: response.status, body: (await response.json()) as { changes: { table: string; row: Record<string, unknown> }[]; tombstones: { table: string; rowId: string }[]; cursor: number; hasMore: boolean } };
    },
    /** A mutation of this device with the next sequence number. */
    mutation(fields: Partial<Mutation> & Pick<Mutation, 'table' | 'rowId' | 'op' | 'changes'>): Mutation {
      return { mutationId: uuidv7(), seq: ++seq, schemaVersion: 1, organizationId, base: {}, baseVersion: 0, blobSha256: null, activity: null, ...fields };
    },
  };
}
