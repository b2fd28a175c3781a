// The server's side of signing (src-server/sync/signing.ts): who may seal, what the seal must name,
// and that a signed valuation stays as it was signed, on the server whatever a client sends.
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../src-shared/sync/protocol.ts';
import { rawClient } from '../../helpers/http-client.ts';
import { TEST_DATABASE_URL } from '../../helpers/postgres.ts';
import { startTestServer, type TestServer } from '../../helpers/sync-stack.ts';

type Client = Awaited<ReturnType<typeof rawClient>>;

async function pdfBytes(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return doc.save();
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function upload(server: TestServer, client: Client, bytes: Uint8Array): Promise<string> {
  const hash = sha256(bytes);
  const response = await fetch(`${server.url}/v1/orgs/${client.organizationId}/blobs/${hash}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/pdf', 'upload-length': String(bytes.byteLength) },
    body: bytes,
  });
  expect(response.status).toBeLessThan(300);
  return hash;
}

const activity = (subjectType: 'valuation' | 'asset', subjectId: string, valuationId: string, action: 'created' | 'signed' | 'generated' | 'status_changed') => ({
  id: uuidv7(),
  subjectType,
  subjectId,
  valuationId,
  action,
  payload: {},
  createdAt: new Date().toISOString(),
});

/** A READY valuation of `client`, as the server has it (inserted and moved along its lifecycle). */
async function readyValuation(client: Client): Promise<{ id: string; version: number }> {
  const id = uuidv7();
  const steps: Mutation[] = [
    client.mutation({ table: 'valuations', rowId: id, op: 'insert', changes: { id, organization_id: client.organizationId, created_by_id: client.userId, title: 'דירה לחתימה', status: 'IN_PROGRESS', meta: {} } }),
    client.mutation({ table: 'valuations', rowId: id, op: 'update', changes: { status: 'READY' }, base: { status: 'IN_PROGRESS' } }),
  ];
  const { body } = await client.push(steps);
  expect(body.results.map((r) => r.outcome)).toEqual(['applied', 'merged']);
  return { id, version: Number(body.results[1]!.serverVersion) };
}

function assetInsert(client: Client, valuationId: string, hash: string, size: number, slug = 'signed-report', version = 1): Mutation {
  const assetId = uuidv7();
  return client.mutation({
    table: 'assets',
    rowId: assetId,
    op: 'insert',
    blobSha256: hash,
    changes: {
      id: assetId,
      valuation_id: valuationId,
      organization_id: client.organizationId,
      asset_type: 'PDF',
      file_name: 'חוות דעת.pdf',
      storage_key: `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`,
      sha256: hash,
      size_bytes: size,
      slug,
      generated_by_id: client.userId,
      version,
    },
    activity: activity('asset', assetId, valuationId, 'generated'),
  });
}

function seal(client: Client, valuationId: string, hash: string, baseVersion: number, overrides: Record<string, unknown> = {}): Mutation {
  return client.mutation({
    table: 'valuations',
    rowId: valuationId,
    op: 'update',
    blobSha256: hash,
    baseVersion,
    base: { status: 'READY' },
    changes: { status: 'SIGNED', signed_by_id: client.userId, signed_at: new Date().toISOString(), report_sha256: hash, ...overrides },
    activity: activity('valuation', valuationId, valuationId, 'signed'),
  });
}

const ENGINES = [
  { name: 'PGlite', postgres: false, skip: false },
  { name: 'PostgreSQL', postgres: true, skip: !TEST_DATABASE_URL },
];

describe.each(ENGINES)('signing through push ($name)', ({ postgres, skip }) => {
  const startServer = () => startTestServer({ postgres });

  it.skipIf(skip)('seals a READY valuation with its report file, and from then on keeps it as signed', async () => {
    const server = await startServer();
    const appraiser = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const { id, version } = await readyValuation(appraiser);
    const bytes = await pdfBytes('sealed report');
    const hash = await upload(server, appraiser, bytes);

    const signedAt = new Date(Date.now() - 60_000).toISOString();
    const { body } = await appraiser.push([assetInsert(appraiser, id, hash, bytes.byteLength), seal(appraiser, id, hash, version, { signed_at: signedAt })]);
    expect(body.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect(body.results[1]!.row).toMatchObject({ status: 'SIGNED', signed_by_id: appraiser.userId, report_sha256: hash });
    expect(Date.parse(String(body.results[1]!.row!.signed_at))).toBe(Date.parse(signedAt));

    const signed = body.results[1]!.row!;
    const documentId = uuidv7();
    const exportId = uuidv7();
    const after = await appraiser.push([
      appraiser.mutation({ table: 'valuations', rowId: id, op: 'update', changes: { title: 'שונה' }, baseVersion: Number(signed.server_version), base: { title: signed.title } }),
      appraiser.mutation({ table: 'valuations', rowId: id, op: 'update', changes: { status: 'READY' }, baseVersion: Number(signed.server_version), base: { status: 'SIGNED' } }),
      appraiser.mutation({
        table: 'documents',
        rowId: documentId,
        op: 'insert',
        blobSha256: hash,
        changes: { id: documentId, valuation_id: id, organization_id: appraiser.organizationId, doc_type: 'OTHER', file_name: 'x.pdf', storage_key: 'k', sha256: hash, size_bytes: bytes.byteLength, mime_type: 'application/pdf', source: 'USER_UPLOAD', uploaded_by_id: appraiser.userId },
      }),
      appraiser.mutation({ table: 'assets', rowId: String(body.results[0]!.row!.id), op: 'delete', changes: {} }),
      appraiser.mutation({ table: 'valuations', rowId: id, op: 'update', changes: { signed_at: new Date().toISOString() }, baseVersion: Number(signed.server_version) }),
      // an export of the signed valuation is a new file, not a change of it
      { ...assetInsert(appraiser, id, hash, bytes.byteLength, 'report-pdf'), rowId: exportId, changes: { ...assetInsert(appraiser, id, hash, bytes.byteLength, 'report-pdf').changes, id: exportId } },
    ]);
    expect(after.body.results.map((r) => [r.outcome, r.reasonCode])).toEqual([
      ['rejected', 'LIFECYCLE'],
      ['rejected', 'LIFECYCLE'],
      ['rejected', 'LIFECYCLE'],
      ['rejected', 'LIFECYCLE'],
      ['rejected', 'FORBIDDEN'],
      ['applied', undefined],
    ]);
    const { body: pulled } = await appraiser.pull(0, 5000);
    const row = pulled.changes.find((c) => c.table === 'valuations' && c.row.id === id)!.row;
    expect(row).toMatchObject({ status: 'SIGNED', title: 'דירה לחתימה', report_sha256: hash });
    expect(pulled.changes.filter((c) => c.table === 'assets' && c.row.valuation_id === id)).toHaveLength(2);
  });

  it.skipIf(skip)('refuses a seal that does not hold: wrong person, wrong file, extra changes, wrong status, a future date', async () => {
    const server = await startServer();
    const appraiser = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const colleague = await rawClient(server.url, 'appraiser2@demo.shamay.local');
    const viewer = await rawClient(server.url, 'viewer@demo.shamay.local');
    const { id, version } = await readyValuation(appraiser);
    const bytes = await pdfBytes('report');
    const hash = await upload(server, appraiser, bytes);
    const other = await pdfBytes('another file');
    const otherHash = await upload(server, appraiser, other);
    const { body: assets } = await appraiser.push([assetInsert(appraiser, id, hash, bytes.byteLength)]);
    expect(assets.results[0]!.outcome).toBe('applied');

    const attempts: [Client, Mutation][] = [
      [appraiser, seal(appraiser, id, hash, version, { signed_by_id: colleague.userId })],
      [appraiser, { ...seal(appraiser, id, otherHash, version), blobSha256: otherHash }],
      [appraiser, seal(appraiser, id, hash, version, { title: 'גם זה' })],
      [appraiser, seal(appraiser, id, hash, version, { signed_at: new Date(Date.now() + 3_600_000).toISOString() })],
      [appraiser, { ...seal(appraiser, id, hash, version), blobSha256: null }],
      [colleague, seal(colleague, id, hash, version)],
      [viewer, seal(viewer, id, hash, version)],
    ];
    const outcomes = [];
    for (const [client, mutation] of attempts) {
      const { body } = await client.push([mutation]);
      outcomes.push([body.results[0]!.outcome, body.results[0]!.reasonCode]);
    }
    expect(outcomes).toEqual([
      ['rejected', 'FORBIDDEN'],
      ['rejected', 'NOT_FOUND'],
      ['rejected', 'INVALID'],
      ['rejected', 'INVALID'],
      ['rejected', 'INVALID'],
      ['rejected', 'FORBIDDEN'],
      ['rejected', 'FORBIDDEN'],
    ]);

    // A file the server does not hold yet: retryable, not recorded.
    const unsent = await pdfBytes('not uploaded');
    const { body: missing } = await appraiser.push([seal(appraiser, id, sha256(unsent), version)]);
    expect(missing.results[0]!.reasonCode).toBe('BLOB_MISSING');

    // A colleague's change after the signer last saw the valuation is not in the sealed PDF.
    const admin = await rawClient(server.url, 'admin@demo.shamay.local');
    const { body: edited } = await admin.push([admin.mutation({ table: 'valuations', rowId: id, op: 'update', changes: { address_full: 'הרצל 1, חיפה' }, baseVersion: version, base: { address_full: null } })]);
    expect(edited.results[0]!.outcome).toBe('applied');
    const { body: stale } = await appraiser.push([seal(appraiser, id, hash, version)]);
    expect([stale.results[0]!.outcome, stale.results[0]!.reasonCode]).toEqual(['rejected', 'LIFECYCLE']);
    expect(stale.results[0]!.row).toMatchObject({ status: 'READY', signed_at: null, report_sha256: null });

    // Nor when the signer's own edit of the valuation travels in the same batch as the seal.
    const ownEditAndSeal = await appraiser.push([
      appraiser.mutation({ table: 'valuations', rowId: id, op: 'update', changes: { title: 'שם חדש' }, baseVersion: version, base: { title: 'דירה לחתימה' } }),
      seal(appraiser, id, hash, version),
    ]);
    expect(ownEditAndSeal.body.results.map((r) => [r.outcome, r.reasonCode])).toEqual([['merged', undefined], ['rejected', 'LIFECYCLE']]);

    // Seen the change: an office admin may sign another appraiser's valuation.
    const current = Number(ownEditAndSeal.body.results[0]!.serverVersion);
    const { body: byAdmin } = await admin.push([seal(admin, id, hash, current)]);
    expect(byAdmin.results[0]).toMatchObject({ outcome: 'applied', row: { status: 'SIGNED', signed_by_id: admin.userId } });
  });

  it.skipIf(skip)('a seal names a file the valuation still has, and counts changes to its documents; rows keep their parent', async () => {
    const server = await startServer();
    const appraiser = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const admin = await rawClient(server.url, 'admin@demo.shamay.local');
    const { id, version } = await readyValuation(appraiser);
    const bytes = await pdfBytes('report');
    const hash = await upload(server, appraiser, bytes);
    const asset = assetInsert(appraiser, id, hash, bytes.byteLength);
    const documentId = uuidv7();
    const inserted = await appraiser.push([
      asset,
      appraiser.mutation({
        table: 'documents',
        rowId: documentId,
        op: 'insert',
        blobSha256: hash,
        changes: { id: documentId, valuation_id: id, organization_id: appraiser.organizationId, doc_type: 'TABU', file_name: 'נסח.pdf', storage_key: 'k', sha256: hash, size_bytes: bytes.byteLength, mime_type: 'application/pdf', source: 'USER_UPLOAD', uploaded_by_id: appraiser.userId },
      }),
    ]);
    expect(inserted.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const seen = Math.max(version, ...inserted.body.results.map((r) => Number(r.serverVersion)));

    // Deleting the sealed file in the same batch as the seal: the seal names nothing.
    const deleted = await appraiser.push([appraiser.mutation({ table: 'assets', rowId: asset.rowId, op: 'delete', changes: {} }), seal(appraiser, id, hash, seen)]);
    expect(deleted.body.results.map((r) => [r.outcome, r.reasonCode])).toEqual([['applied', undefined], ['rejected', 'NOT_FOUND']]);
    const again = await appraiser.push([{ ...assetInsert(appraiser, id, hash, bytes.byteLength) }]);
    expect(again.body.results[0]!.outcome).toBe('applied');

    // A colleague corrects the land-registry extract: the report the appraiser printed lacks it.
    const corrected = await admin.push([
      admin.mutation({ table: 'documents', rowId: documentId, op: 'update', changes: { extracted: { sections: {} } }, baseVersion: seen, base: { extracted: null } }),
    ]);
    expect(corrected.body.results[0]!.outcome).toBe('applied');
    const printedBefore = Math.max(seen, Number(again.body.results[0]!.serverVersion));
    const stale = await appraiser.push([seal(appraiser, id, hash, printedBefore)]);
    expect([stale.body.results[0]!.outcome, stale.body.results[0]!.reasonCode]).toEqual(['rejected', 'LIFECYCLE']);
    const fresh = await appraiser.push([seal(appraiser, id, hash, Number(corrected.body.results[0]!.serverVersion))]);
    expect(fresh.body.results[0]!.outcome).toBe('applied');

    // Moving a draft's document into the signed valuation (or anywhere) is refused.
    const draft = await readyValuation(appraiser);
    const otherDocument = uuidv7();
    await appraiser.push([
      appraiser.mutation({
        table: 'documents',
        rowId: otherDocument,
        op: 'insert',
        blobSha256: hash,
        changes: { id: otherDocument, valuation_id: draft.id, organization_id: appraiser.organizationId, doc_type: 'OTHER', file_name: 'x.pdf', storage_key: 'k', sha256: hash, size_bytes: bytes.byteLength, mime_type: 'application/pdf', source: 'USER_UPLOAD', uploaded_by_id: appraiser.userId },
      }),
    ]);
    const moved = await appraiser.push([appraiser.mutation({ table: 'documents', rowId: otherDocument, op: 'update', changes: { valuation_id: id } })]);
    expect(moved.body.results[0]!.reasonCode).toBe('FORBIDDEN');
  });

  it.skipIf(skip)('takes a generated file only when it is what its type says and is named so', async () => {
    const server = await startServer();
    const appraiser = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const { id } = await readyValuation(appraiser);
    const bytes = await pdfBytes('report');
    const hash = await upload(server, appraiser, bytes);
    const withChanges = (changes: Record<string, unknown>, extra: Partial<Mutation> = {}) => {
      const base = assetInsert(appraiser, id, hash, bytes.byteLength, 'report-pdf');
      return { ...base, ...extra, changes: { ...base.changes, ...changes } };
    };
    const { body } = await appraiser.push([
      withChanges({ asset_type: 'CSV', file_name: 'x.csv' }), // a PDF is not a CSV
      withChanges({ file_name: 'חוות דעת.hta' }), // opened by the system by its extension
      withChanges({ file_name: '..\\evil\\x.pdf' }),
      withChanges({ asset_type: 'IMAGE', file_name: 'x.png' }),
      withChanges({ sha256: 'b'.repeat(64) }), // names another file than it uploads
      withChanges({ file_name: 'חוות דעת.PDF' }),
    ]);
    expect(body.results.map((r) => [r.outcome, r.reasonCode])).toEqual([
      ['rejected', 'INVALID'],
      ['rejected', 'INVALID'],
      ['rejected', 'INVALID'],
      ['rejected', 'INVALID'],
      ['rejected', 'INVALID'],
      ['applied', undefined],
    ]);
  });

  it.skipIf(skip)('links a revision only to a signed valuation of the same organization, and numbers asset versions itself', async () => {
    const server = await startServer();
    const appraiser = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const { id, version } = await readyValuation(appraiser);
    const bytes = await pdfBytes('report');
    const hash = await upload(server, appraiser, bytes);

    const revision = (revisionOf: string) => {
      const revisionId = uuidv7();
      return appraiser.mutation({
        table: 'valuations',
        rowId: revisionId,
        op: 'insert',
        changes: { id: revisionId, organization_id: appraiser.organizationId, created_by_id: appraiser.userId, title: 'מהדורה', status: 'IN_PROGRESS', meta: {}, revision_of_id: revisionOf },
      });
    };
    const early = await appraiser.push([revision(id), revision(uuidv7())]);
    expect(early.body.results.map((r) => r.reasonCode)).toEqual(['LIFECYCLE', 'NOT_FOUND']);

    // Two devices offline both call their export version 1: the server makes them 1 and 2.
    const secondDevice = await rawClient(server.url, 'appraiser1@demo.shamay.local');
    const first = await appraiser.push([assetInsert(appraiser, id, hash, bytes.byteLength, 'report-pdf', 1)]);
    const second = await secondDevice.push([assetInsert(secondDevice, id, hash, bytes.byteLength, 'report-pdf', 1)]);
    expect([first.body.results[0]!.row!.version, second.body.results[0]!.row!.version]).toEqual([1, 2]);

    const signing = await appraiser.push([assetInsert(appraiser, id, hash, bytes.byteLength), seal(appraiser, id, hash, version)]);
    expect(signing.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const revised = await appraiser.push([revision(id)]);
    expect(revised.body.results[0]).toMatchObject({ outcome: 'applied', row: { revision_of_id: id, status: 'IN_PROGRESS' } });
    const relink = await appraiser.push([
      appraiser.mutation({ table: 'valuations', rowId: String(revised.body.results[0]!.row!.id), op: 'update', changes: { revision_of_id: null } }),
    ]);
    expect(relink.body.results[0]!.reasonCode).toBe('FORBIDDEN');
  });
});
