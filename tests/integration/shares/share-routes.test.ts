// Share links over real HTTP on 127.0.0.1 (the whole server, buildServer), on PGlite and on the real
// PostgreSQL: creating a link to a signed report, opening it (the sealed PDF, byte for byte),
// passwords and their rate limit, expiry, revocation, refusals that change nothing, tenant isolation,
// hostile file names, the change feed that brings counts and access logs to the devices, and the
// request limits and coalesced log rows that keep a flood of requests out of that feed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShareEntity } from '../../../src-shared/contract/entities.ts';
import { DEMO, OFFICE, OTHER_EMAIL, api, createReport, engines, sha256, signIn, startShareServer, type Caller, type ShareServer } from './harness.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const APPRAISER = DEMO.appraisers[0].email;

const tokenOf = (share: ShareEntity) => new URL(share.url!).pathname.replace(/^\/s\//, '');

/** Opens a link as someone outside the office would: no credentials, just the URL. */
async function open(url: string, init: { method?: string; password?: string; body?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  let body: string | undefined = init.body;
  if (init.password !== undefined) body = new URLSearchParams({ password: init.password }).toString();
  if (body !== undefined) headers['content-type'] = init.contentType ?? 'application/x-www-form-urlencoded';
  const response = await fetch(url, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

describe.each(engines)('share links on the real server ($name)', ({ postgres, skip }) => {
  let server: ShareServer;
  let appraiser: Caller;

  beforeAll(async () => {
    if (skip) return;
    server = await startShareServer({ postgres });
    appraiser = await signIn(server, APPRAISER);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const createShare = (caller: Caller, body: unknown) => api<ShareEntity>(server, caller, 'POST', `/v1/orgs/${caller.organizationId}/shares`, { json: body });
  const shareRow = async (id: string) =>
    (await server.db.query<{ access_count: number; server_version: number; revoked_at: string | null; updated_at: string }>(
      'SELECT access_count, server_version, revoked_at, updated_at FROM document_shares WHERE id = $1',
      [id],
    ))[0]!;
  const accessLogs = (shareId: string) =>
    server.db.query<{ action: string; success: boolean; user_id: string | null; asset_id: string; server_version: number }>(
      'SELECT action, success, user_id, asset_id, server_version FROM document_access_logs WHERE share_id = $1 ORDER BY server_version',
      [shareId],
    );
  /** Rows of everything a share request could write. */
  const footprint = async () =>
    (
      await server.db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM document_shares) AS shares, (SELECT count(*)::int FROM share_passwords) AS passwords,
           (SELECT count(*)::int FROM document_access_logs) AS access_logs, (SELECT count(*)::int FROM activity_logs) AS activity,
           (SELECT count(*)::int FROM outbox) AS outbox, (SELECT count(*)::int FROM sync_changes) AS feed,
           (SELECT last_version::int FROM sync_counters WHERE organization_id = $1) AS head`,
        [OFFICE],
      )
    )[0]!;

  it.skipIf(skip)('creates a link to the signed report and serves the sealed PDF; every view is counted, and logged once per address per 10 minutes', async () => {
    const report = await createReport(server, appraiser);
    const created = await createShare(appraiser, { assetId: report.assetId, expiresInDays: 7 });
    expect(created.status).toBe(201);
    const share = created.body;
    expect(share).toMatchObject({ assetId: report.assetId, sharedById: appraiser.userId, hasPassword: false, accessCount: 0, revokedAt: null });
    expect(share.url).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{43}$`));
    expect(new Date(share.expiresAt).getTime() - new Date(share.createdAt).getTime()).toBe(7 * DAY_MS);
    // The share row, its activity and a 'share' access log are written together, through the feed.
    expect(await accessLogs(share.id)).toMatchObject([{ action: 'share', success: true, user_id: appraiser.userId, asset_id: report.assetId }]);
    const [activity] = await server.db.query<{ subject_type: string; subject_id: string; action: string; payload: { shareId: string } }>(
      "SELECT subject_type, subject_id, action, payload FROM activity_logs WHERE payload->>'shareId' = $1",
      [share.id],
    );
    expect(activity).toMatchObject({ subject_type: 'asset', subject_id: report.assetId, action: 'shared' });
    const [event] = await server.db.query<{ event_type: string }>("SELECT event_type FROM outbox WHERE payload->>'shareId' = $1", [share.id]);
    expect(event?.event_type).toBe('document_shares.insert');

    for (let view = 1; view <= 2; view++) {
      const opened = await open(share.url!);
      expect(opened.status).toBe(200);
      expect(sha256(opened.bytes)).toBe(report.sha256);
      expect(opened.bytes.equals(report.bytes)).toBe(true);
      expect(opened.headers.get('content-type')).toBe('application/pdf');
      expect(opened.headers.get('content-length')).toBe(String(report.bytes.length));
      expect(opened.headers.get('cache-control')).toBe('no-store');
      expect(opened.headers.get('x-content-type-options')).toBe('nosniff');
      expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
      expect(opened.headers.get('content-disposition')).toBe(
        `inline; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent('דוח שמאות - הרצל 12.pdf')}`,
      );
      expect((await shareRow(share.id)).access_count).toBe(view);
    }
    const logs = await accessLogs(share.id);
    expect(logs.map((l) => [l.action, l.success, l.user_id])).toEqual([
      ['share', true, appraiser.userId],
      ['view', true, null], // both views came from 127.0.0.1 within 10 minutes: one row
    ]);

    // HEAD is not a view (no automatic HEAD route): nothing is counted.
    expect((await open(share.url!, { method: 'HEAD' })).status).toBe(404);
    expect((await shareRow(share.id)).access_count).toBe(2);

    // Listing by valuation and by report gives the counted share, with its url.
    for (const query of [`valuationId=${report.valuationId}`, `assetId=${report.assetId}`]) {
      const listed = await api<{ shares: ShareEntity[] }>(server, appraiser, 'GET', `/v1/orgs/${OFFICE}/shares?${query}`);
      expect(listed.status).toBe(200);
      expect(listed.body.shares).toEqual([{ ...share, accessCount: 2 }]);
    }
  });

  it.skipIf(skip)('the change feed: pulls bring the new share, each counted view with its log row, and the revocation; a client viewer gets none of it', async () => {
    const report = await createReport(server, appraiser);
    type Pull = { changes: { table: string; row: Record<string, unknown> }[]; tombstones: { table: string; rowId: string }[]; cursor: number };
    const pullAll = async (caller: Caller, cursor: number) => {
      const all: Pull = { changes: [], tombstones: [], cursor };
      for (;;) {
        const page = (await api<Pull & { hasMore: boolean }>(server, caller, 'GET', `/v1/orgs/${OFFICE}/pull?cursor=${all.cursor}&limit=500`)).body;
        all.changes.push(...page.changes);
        all.tombstones.push(...page.tombstones);
        all.cursor = page.cursor;
        if (!page.hasMore) return all;
      }
    };
    const start = (await pullAll(appraiser, 0)).cursor;
    const share = (await createShare(appraiser, { assetId: report.assetId, expiresInDays: 1 })).body;
    const created = await pullAll(appraiser, start);
    const rowsOf = (pull: Pull, table: string) => pull.changes.filter((c) => c.table === table).map((c) => c.row);
    expect(rowsOf(created, 'document_shares')).toMatchObject([{ id: share.id, access_count: 0, revoked_at: null }]);
    expect(rowsOf(created, 'activity_logs')).toMatchObject([{ subject_id: report.assetId, action: 'shared', actor_id: appraiser.userId }]);
    expect(rowsOf(created, 'document_access_logs')).toMatchObject([{ share_id: share.id, action: 'share', success: true }]);
    expect(new Set(created.changes.map((c) => c.row.server_version)).size).toBe(3); // one version each

    const before = created.cursor;
    expect((await open(share.url!)).status).toBe(200);

    const after = await pullAll(appraiser, before);
    const shareRows = after.changes.filter((c) => c.table === 'document_shares');
    expect(shareRows).toMatchObject([{ row: { id: share.id, access_count: 1, share_token: tokenOf(share) } }]);
    expect(Number(shareRows[0]!.row.server_version)).toBeGreaterThan(before);
    const logRows = after.changes.filter((c) => c.table === 'document_access_logs');
    expect(logRows).toMatchObject([{ row: { share_id: share.id, action: 'view', success: true, user_id: null } }]);
    expect(after.changes.every((c) => Number(c.row.server_version) > before)).toBe(true);

    const revoked = (await api<ShareEntity>(server, appraiser, 'POST', `/v1/orgs/${OFFICE}/shares/${share.id}/revoke`)).body;
    const afterRevoke = await pullAll(appraiser, after.cursor);
    expect(rowsOf(afterRevoke, 'document_shares')).toMatchObject([{ id: share.id, revoked_at: revoked.revokedAt, access_count: 1 }]);
    expect(rowsOf(afterRevoke, 'activity_logs')).toMatchObject([{ action: 'revoked', payload: { shareId: share.id } }]);

    // Shares carry tokens: a client viewer's device receives them only as tombstones.
    const viewer = await signIn(server, DEMO.clientViewer.email);
    const seen = await pullAll(viewer, before);
    expect(seen.changes.filter((c) => c.table === 'document_shares' || c.table === 'document_access_logs')).toEqual([]);
    expect(seen.tombstones).toEqual(expect.arrayContaining([{ table: 'document_shares', rowId: share.id }]));
  });

  it.skipIf(skip)('a password-protected link asks for the password on a self-contained page and serves the PDF for the right one', async () => {
    const report = await createReport(server, appraiser);
    const password = 'סיסמה-Secret 1';
    const created = await createShare(appraiser, { assetId: report.assetId, expiresInDays: 30, password });
    expect(created.status).toBe(201);
    const share = created.body;
    expect(share.hasPassword).toBe(true);
    const [stored] = await server.db.query<{ password_hash: string }>('SELECT password_hash FROM share_passwords WHERE share_id = $1', [share.id]);
    expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored?.password_hash).not.toContain(password);

    const page = await open(share.url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).toContain('<html lang="he" dir="rtl">');
    expect(page.text).toContain('<form method="post"');
    expect(page.text).toContain('name="password"');
    expect(page.text).not.toMatch(/<script|src=|href=|https?:\/\//i); // nothing external, nothing runs
    expect(page.text).not.toContain(tokenOf(share));

    const wrong = await open(share.url!, { password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('The password is incorrect.');
    expect(wrong.text).toContain('name="password"');
    const empty = await open(share.url!, { password: '' });
    expect(empty.status).toBe(400);
    expect((await shareRow(share.id)).access_count).toBe(0);

    const right = await open(share.url!, { password });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toBe('application/pdf');
    expect(sha256(right.bytes)).toBe(report.sha256);
    expect((await shareRow(share.id)).access_count).toBe(1);
    expect((await accessLogs(share.id)).map((l) => [l.action, l.success])).toEqual([
      ['share', true],
      ['view', false], // the wrong password
      ['view', true],
    ]);

    // Only the small password form is accepted: JSON is refused, a huge body too, both as pages.
    const json = await open(share.url!, { body: JSON.stringify({ password }), contentType: 'application/json' });
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const huge = await open(share.url!, { body: `password=${'x'.repeat(10_000)}` });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await shareRow(share.id)).access_count).toBe(1);
  });

  it.skipIf(skip)('wrong passwords are limited per link and per IP address: 429 with Retry-After, even for the right password', async () => {
    // Start with a clean window (earlier tests' failures from 127.0.0.1 age out).
    server.advance(16 * MINUTE_MS);
    const caller = await signIn(server, APPRAISER);
    const password = 'correct horse';
    const link = async () => (await createShare(caller, { assetId: (await createReport(server, caller)).assetId, expiresInDays: 1, password })).body;

    const first = await link();
    for (let i = 0; i < 5; i++) expect((await open(first.url!, { password: `wrong ${i}` })).status).toBe(401);
    const limited = await open(first.url!, { password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.text).toContain('Too many wrong passwords');
    expect((await shareRow(first.id)).access_count).toBe(0);
    expect((await accessLogs(first.id)).filter((l) => l.action === 'view').length).toBe(5); // the 429 itself is not logged

    // Another link is not limited by the first one's failures...
    const second = await link();
    expect((await open(second.url!, { password })).status).toBe(200);
    // ...until this address has used up its 20 failures across links.
    for (let n = 0; n < 3; n++) {
      const other = await link();
      for (let i = 0; i < 5; i++) expect((await open(other.url!, { password: `wrong ${i}` })).status).toBe(401);
    }
    const fresh = await link();
    expect((await open(fresh.url!, { password })).status).toBe(429);

    // The window passes and the right password opens both links again.
    server.advance(16 * MINUTE_MS);
    expect((await open(fresh.url!, { password })).status).toBe(200);
    expect((await open(first.url!, { password })).status).toBe(200);
  });

  it.skipIf(skip)('an expired link answers 410 and logs the refused attempt', async () => {
    const caller = await signIn(server, APPRAISER);
    const report = await createReport(server, caller);
    const share = (await createShare(caller, { assetId: report.assetId, expiresInDays: 1 })).body;
    expect((await open(share.url!)).status).toBe(200);

    server.advance(DAY_MS + 1000);
    const expired = await open(share.url!);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This link has expired');
    expect(expired.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await shareRow(share.id)).access_count).toBe(1);
    expect((await accessLogs(share.id)).map((l) => [l.action, l.success])).toEqual([
      ['share', true],
      ['view', true],
      ['view', false],
    ]);
  });

  it.skipIf(skip)('a revoked link answers 410; revoking again changes nothing', async () => {
    const author = await signIn(server, APPRAISER);
    const caller = await signIn(server, DEMO.orgAdmin.email); // a colleague may revoke it too
    const report = await createReport(server, author);
    const share = (await createShare(author, { assetId: report.assetId, expiresInDays: 5, password: 'secret-pw' })).body;

    const revoked = await api<ShareEntity>(server, caller, 'POST', `/v1/orgs/${OFFICE}/shares/${share.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: share.id, revokedAt: server.clock.now.toISOString(), accessCount: 0 });
    const once = await shareRow(share.id);
    const head = (await footprint()).head;

    server.advance(1000);
    const again = await api<ShareEntity>(server, caller, 'POST', `/v1/orgs/${OFFICE}/shares/${share.id}/revoke`);
    expect(again.body).toEqual(revoked.body);
    expect(await shareRow(share.id)).toEqual(once);
    expect((await footprint()).head).toBe(head);

    // Revoked wins over the password: no form, no PDF, even with the right password.
    for (const attempt of [await open(share.url!), await open(share.url!, { password: 'secret-pw' })]) {
      expect(attempt.status).toBe(410);
      expect(attempt.text).toContain('This link was revoked');
    }
    expect((await accessLogs(share.id)).map((l) => [l.action, l.success])).toEqual([
      ['share', true],
      ['view', false], // one refusal row per hour, however often the closed link is tried
    ]);
    const [activity] = await server.db.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM activity_logs WHERE payload->>'shareId' = $1 AND action = 'revoked'",
      [share.id],
    );
    expect(activity).toEqual({ action: 'revoked', actor_id: caller.userId });
  });

  it.skipIf(skip)('unknown and malformed tokens get the same 404 page, which says nothing more', async () => {
    const unknown = await open(`${server.url}/s/${randomBytes(32).toString('base64url')}`);
    const malformed = await open(`${server.url}/s/not-a-token`);
    const posted = await open(`${server.url}/s/${randomBytes(32).toString('base64url')}`, { password: 'x' });
    for (const answer of [unknown, malformed, posted]) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(answer.text).toBe(unknown.text);
    }
  });

  it.skipIf(skip)('refuses what is not a sealed, held report, and bad input, with a clear error and nothing written', async () => {
    const caller = await signIn(server, APPRAISER);
    const notSigned = await createReport(server, caller, { status: 'READY' });
    const draftPdf = await createReport(server, caller, { sealed: false });
    const docx = await createReport(server, caller, { assetType: 'DOCX' });
    const notHeld = await createReport(server, caller, { uploaded: false });
    const archived = await createReport(server, caller, { status: 'ARCHIVED' });
    const signed = await createReport(server, caller);
    const before = await footprint();

    const refusals: [unknown, number, string][] = [
      [{ assetId: notSigned.assetId, expiresInDays: 7 }, 409, 'LIFECYCLE'],
      [{ assetId: draftPdf.assetId, expiresInDays: 7 }, 422, 'NOT_SIGNED_REPORT'],
      [{ assetId: docx.assetId, expiresInDays: 7 }, 422, 'NOT_SIGNED_REPORT'],
      [{ assetId: notHeld.assetId, expiresInDays: 7 }, 409, 'BLOB_MISSING'],
      [{ assetId: '01900000-0000-7000-8000-000000000000', expiresInDays: 7 }, 404, 'NOT_FOUND'],
      [{ assetId: signed.assetId, expiresInDays: 0 }, 400, 'VALIDATION'],
      [{ assetId: signed.assetId, expiresInDays: 91 }, 400, 'VALIDATION'],
      [{ assetId: signed.assetId, expiresInDays: 1.5 }, 400, 'VALIDATION'],
      [{ assetId: signed.assetId, expiresInDays: '7' }, 400, 'VALIDATION'],
      [{ assetId: signed.assetId, expiresInDays: 7, password: '12345' }, 400, 'VALIDATION'],
      [{ assetId: signed.assetId, expiresInDays: 7, password: 'x'.repeat(201) }, 400, 'VALIDATION'],
      [{ assetId: signed.assetId, expiresInDays: 7, extra: true }, 400, 'VALIDATION'],
      [{ assetId: 'not-an-id', expiresInDays: 7 }, 400, 'VALIDATION'],
      [{ expiresInDays: 7 }, 400, 'VALIDATION'],
      [[], 400, 'VALIDATION'],
    ];
    for (const [body, status, code] of refusals) {
      const answer = await createShare(caller, body);
      expect([JSON.stringify(body), answer.status, (answer.body as unknown as { error: { code: string } }).error?.code]).toEqual([JSON.stringify(body), status, code]);
      expect((answer.body as unknown as { error: { message: string } }).error.message).not.toMatch(/12345|xxxxxxxx/); // passwords are never echoed
    }
    const broken = await api(server, caller, 'POST', `/v1/orgs/${OFFICE}/shares`, { raw: '{"assetId": ' });
    expect(broken.status).toBe(400);
    const badQuery = await api(server, caller, 'GET', `/v1/orgs/${OFFICE}/shares?assetId=${signed.assetId}&valuationId=${signed.valuationId}`);
    expect(badQuery.status).toBe(400);
    expect((await api(server, caller, 'GET', `/v1/orgs/${OFFICE}/shares`)).status).toBe(400);
    expect((await api(server, caller, 'POST', `/v1/orgs/${OFFICE}/shares/not-an-id/revoke`)).status).toBe(400);
    expect((await api(server, caller, 'POST', `/v1/orgs/${OFFICE}/shares/01900000-0000-7000-8000-000000000000/revoke`)).status).toBe(404);
    expect(await footprint()).toEqual(before);

    // The sealed report of an archived (signed before) valuation may be shared.
    expect((await createShare(caller, { assetId: archived.assetId, expiresInDays: 90 })).status).toBe(201);
  });

  it.skipIf(skip)('client viewers are refused (403); another organization sees 404 and never the file', async () => {
    const report = await createReport(server, await signIn(server, APPRAISER));
    const share = (await createShare(await signIn(server, APPRAISER), { assetId: report.assetId, expiresInDays: 3 })).body;
    const before = await footprint();

    const viewer = await signIn(server, DEMO.clientViewer.email);
    expect((await createShare(viewer, { assetId: report.assetId, expiresInDays: 3 })).status).toBe(403);
    expect((await api(server, viewer, 'GET', `/v1/orgs/${OFFICE}/shares?valuationId=${report.valuationId}`)).status).toBe(403);
    expect((await api(server, viewer, 'POST', `/v1/orgs/${OFFICE}/shares/${share.id}/revoke`)).status).toBe(403);

    const stranger = await signIn(server, OTHER_EMAIL);
    expect(stranger.organizationId).not.toBe(OFFICE);
    // In its own organization the office's report does not exist...
    const foreign = await createShare(stranger, { assetId: report.assetId, expiresInDays: 3 });
    expect([foreign.status, (foreign.body as unknown as { error: { code: string } }).error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api(server, stranger, 'POST', `/v1/orgs/${stranger.organizationId}/shares/${share.id}/revoke`)).status).toBe(404);
    const theirList = await api<{ shares: ShareEntity[] }>(server, stranger, 'GET', `/v1/orgs/${stranger.organizationId}/shares?assetId=${report.assetId}`);
    expect(theirList.body.shares).toEqual([]);
    // ...and the office itself is not theirs to address.
    expect((await api(server, stranger, 'GET', `/v1/orgs/${OFFICE}/shares?assetId=${report.assetId}`)).status).toBe(404);
    expect((await createShare({ ...stranger, organizationId: OFFICE }, { assetId: report.assetId, expiresInDays: 3 })).status).toBe(404);
    expect((await api(server, stranger, 'POST', `/v1/orgs/${OFFICE}/shares/${share.id}/revoke`)).status).toBe(404);
    // Without a sign-in there is nothing at all.
    expect((await fetch(`${server.url}/v1/orgs/${OFFICE}/shares?assetId=${report.assetId}`)).status).toBe(401);

    expect(await footprint()).toEqual(before);
    expect((await shareRow(share.id)).revoked_at).toBeNull();
  });

  it.skipIf(skip)('Content-Disposition carries no hostile file name: no injection, no path, no bidi tricks, always .pdf', async () => {
    const caller = await signIn(server, APPRAISER);
    const cases: [string, string][] = [
      ['evil"; filename=run.exe', 'evil_; filename=run.exe.pdf'],
      ['../../etc/passwd', '_.._etc_passwd.pdf'],
      ['report\r\nSet-Cookie: stolen=1.pdf', 'reportSet-Cookie_ stolen=1.pdf'],
      ['דוח\u202Efdp.exe', 'דוחfdp.exe.pdf'],
      ['C:\\Users\\x\\report.PDF', 'C__Users_x_report.PDF'],
      ['\u200F\u0007   ', 'report.pdf'],
      [`${'א'.repeat(300)}.pdf`, `${'א'.repeat(146)}.pdf`],
    ];
    for (const [fileName, shown] of cases) {
      const report = await createReport(server, caller, { fileName });
      const share = (await createShare(caller, { assetId: report.assetId, expiresInDays: 1 })).body;
      const opened = await open(share.url!);
      expect(opened.status).toBe(200);
      const header = opened.headers.get('content-disposition') ?? '';
      expect(header).toMatch(/^inline; filename="[\x20-\x21\x23-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/);
      expect(opened.headers.get('set-cookie')).toBeNull();
      const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
      expect(decodeURIComponent(encoded)).toBe(shown);
      expect(/filename="([^"]*)"/.exec(header)![1]).toMatch(/\.(pdf|PDF)$/);
    }
  });

  // The request limits: 30 a minute per client address, 60 a minute per link (request-limit.ts). These
  // requests come through inject from documentation addresses (RFC 5737/3849), not from 127.0.0.1.
  const FORM = 'application/x-www-form-urlencoded';
  const from = async (remoteAddress: string, url: string, init: { password?: string } = {}) => {
    const response = await server.inject({
      method: init.password === undefined ? 'GET' : 'POST',
      url: new URL(url).pathname,
      remoteAddress,
      ...(init.password === undefined ? {} : { headers: { 'content-type': FORM }, payload: new URLSearchParams({ password: init.password }).toString() }),
    });
    return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, text: response.body };
  };
  const statuses = (answers: { status: number }[]) => answers.map((a) => a.status);
  const refusalRows = async (shareId: string) => (await accessLogs(shareId)).filter((l) => l.action === 'view' && !l.success).length;
  const viewRows = async (shareId: string) => (await accessLogs(shareId)).filter((l) => l.action === 'view' && l.success).length;

  it.skipIf(skip)('a flood on a revoked link: 429 after 30 requests per address and 60 per link, one refusal row per hour, nothing else written', async () => {
    server.advance(2 * MINUTE_MS); // fresh request windows
    const caller = await signIn(server, APPRAISER);
    const share = (await createShare(caller, { assetId: (await createReport(server, caller)).assetId, expiresInDays: 5, password: 'secret-pw' })).body;
    expect((await api(server, caller, 'POST', `/v1/orgs/${OFFICE}/shares/${share.id}/revoke`)).status).toBe(200);
    const before = await footprint();

    // 100 GETs from one address: 30 refusals (410), then 429 for the rest of the minute.
    const flood: Awaited<ReturnType<typeof from>>[] = [];
    for (let i = 0; i < 100; i++) flood.push(await from('203.0.113.10', share.url!));
    expect(statuses(flood)).toEqual([...Array<number>(30).fill(410), ...Array<number>(70).fill(429)]);
    const limited = flood[99]!;
    expect(limited.headers['retry-after']).toBe('60'); // the clock stood still: the whole minute
    expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(limited.headers['cache-control']).toBe('no-store');
    expect(String(limited.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(limited.text).toContain('Too many requests');
    expect(limited.text).not.toContain(tokenOf(share));
    // One refusal row (and its one feed entry, one version) for all of it.
    expect(await footprint()).toEqual({ ...before, access_logs: before.access_logs! + 1, feed: before.feed! + 1, head: before.head! + 1 });
    expect(await refusalRows(share.id)).toBe(1);

    // The limited address gets 429 before anything is looked at: a POST, even the right password, another token.
    expect((await from('203.0.113.10', share.url!, { password: 'secret-pw' })).status).toBe(429);
    expect((await from('203.0.113.10', `${server.url}/s/${randomBytes(32).toString('base64url')}`)).status).toBe(429);

    // Other addresses still get through, until the link has had its 60 requests this minute.
    const spread: Awaited<ReturnType<typeof from>>[] = [];
    for (let i = 1; i <= 40; i++) spread.push(await from(`198.51.100.${i}`, share.url!));
    expect(statuses(spread)).toEqual([...Array<number>(30).fill(410), ...Array<number>(10).fill(429)]);
    expect(Number(spread[39]!.headers['retry-after'])).toBe(60);
    // An address with a budget left is refused for the link, but may open other links.
    const other = (await createShare(caller, { assetId: (await createReport(server, caller)).assetId, expiresInDays: 1 })).body;
    expect((await from('198.51.100.40', other.url!)).status).toBe(200);
    expect((await shareRow(other.id)).access_count).toBe(1);
    expect(await refusalRows(share.id)).toBe(1);

    // A minute later the link answers again, still without a second row within the hour...
    server.advance(MINUTE_MS);
    expect((await from('203.0.113.10', share.url!)).status).toBe(410);
    expect(await refusalRows(share.id)).toBe(1);
    // ...and an hour after the logged refusal one more is logged.
    server.advance(60 * MINUTE_MS);
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.11', share.url!)).status).toBe(410);
    expect(await refusalRows(share.id)).toBe(2);
    expect((await shareRow(share.id)).access_count).toBe(0);
  });

  it.skipIf(skip)('concurrent requests: a closed link logs one refusal, one address one view, and every served view counts', async () => {
    server.advance(2 * MINUTE_MS);
    const caller = await signIn(server, APPRAISER);
    const closed = (await createShare(caller, { assetId: (await createReport(server, caller)).assetId, expiresInDays: 5 })).body;
    expect((await api(server, caller, 'POST', `/v1/orgs/${OFFICE}/shares/${closed.id}/revoke`)).status).toBe(200);
    const refused = await Promise.all(Array.from({ length: 20 }, (_, i) => from(`198.51.100.${200 + i}`, closed.url!)));
    expect(statuses(refused)).toEqual(Array<number>(20).fill(410));
    expect(await refusalRows(closed.id)).toBe(1);

    const live = (await createShare(caller, { assetId: (await createReport(server, caller)).assetId, expiresInDays: 5 })).body;
    const served = await Promise.all(Array.from({ length: 20 }, () => from('203.0.113.50', live.url!)));
    expect(statuses(served)).toEqual(Array<number>(20).fill(200));
    expect((await shareRow(live.id)).access_count).toBe(20);
    expect(await viewRows(live.id)).toBe(1);
  });

  it.skipIf(skip)('an expired link: the first refusal after the expiry is logged even soon after a wrong password, then one per hour', async () => {
    server.advance(2 * MINUTE_MS);
    const caller = await signIn(server, APPRAISER);
    const share = (await createShare(caller, { assetId: (await createReport(server, caller)).assetId, expiresInDays: 1, password: 'secret-pw' })).body;
    expect((await from('203.0.113.30', share.url!, { password: 'wrong one' })).status).toBe(401);
    expect(await refusalRows(share.id)).toBe(1);
    server.advance(DAY_MS); // 1 day after creation (2 minutes ago): expired, less than an hour after the wrong password
    for (let i = 0; i < 10; i++) expect((await from('203.0.113.30', share.url!)).status).toBe(410);
    expect(await refusalRows(share.id)).toBe(2);
  });

  it.skipIf(skip)('many views from one address: every served view counted exactly, one log row per 10 minutes; another address is not held up', async () => {
    server.advance(2 * MINUTE_MS);
    const caller = await signIn(server, APPRAISER);
    const report = await createReport(server, caller);
    const share = (await createShare(caller, { assetId: report.assetId, expiresInDays: 3 })).body;
    const before = await footprint();

    const views: Awaited<ReturnType<typeof from>>[] = [];
    for (let i = 0; i < 40; i++) views.push(await from('203.0.113.20', share.url!));
    expect(statuses(views)).toEqual([...Array<number>(30).fill(200), ...Array<number>(10).fill(429)]);
    expect(views.slice(0, 30).every((v) => sha256(v.bytes) === report.sha256)).toBe(true);
    expect((await shareRow(share.id)).access_count).toBe(30);
    expect(await viewRows(share.id)).toBe(1);
    // The count moves the share's one feed entry; only the single log row adds a row to the feed.
    const after = await footprint();
    expect(after).toEqual({ ...before, access_logs: before.access_logs! + 1, feed: before.feed! + 1, head: before.head! + 31 });

    // While that address waits, another one opens the link (and is logged: a new address).
    expect((await from('203.0.113.20', share.url!)).status).toBe(429);
    const other = await from('203.0.113.21', share.url!);
    expect(other.status).toBe(200);
    expect(sha256(other.bytes)).toBe(report.sha256);
    expect((await shareRow(share.id)).access_count).toBe(31);
    expect(await viewRows(share.id)).toBe(2);

    // A minute later the first address is served again and counted; it is logged again only 10 minutes after its last row.
    server.advance(MINUTE_MS + 1000);
    expect((await from('203.0.113.20', share.url!)).status).toBe(200);
    expect((await shareRow(share.id)).access_count).toBe(32);
    expect(await viewRows(share.id)).toBe(2);
    server.advance(10 * MINUTE_MS);
    expect((await from('203.0.113.20', share.url!)).status).toBe(200);
    expect((await shareRow(share.id)).access_count).toBe(33);
    expect(await viewRows(share.id)).toBe(3);
  });

  it.skipIf(skip)('views from many addresses: at most 20 log rows per link per hour; an IPv6 /64 is one address', async () => {
    server.advance(2 * MINUTE_MS);
    const caller = await signIn(server, APPRAISER);
    const share = (await createShare(caller, { assetId: (await createReport(server, caller)).assetId, expiresInDays: 3 })).body;
    for (let i = 1; i <= 25; i++) expect((await from(`198.51.100.${100 + i}`, share.url!)).status).toBe(200);
    expect((await shareRow(share.id)).access_count).toBe(25);
    expect(await viewRows(share.id)).toBe(20);

    // Addresses in one /64 share a budget (and a log row); another /64 and an IPv4-mapped address do not.
    server.advance(2 * MINUTE_MS);
    const v6 = (await createShare(caller, { assetId: (await createReport(server, caller)).assetId, expiresInDays: 3 })).body;
    const spread: number[] = [];
    for (let i = 1; i <= 31; i++) spread.push((await from(`2001:db8:5:7::${i.toString(16)}`, v6.url!)).status);
    expect(spread).toEqual([...Array<number>(30).fill(200), 429]);
    expect((await from('2001:db8:5:7:ffff:1:2:3', v6.url!)).status).toBe(429);
    expect((await from('2001:db8:5:8::1', v6.url!)).status).toBe(200);
    expect((await from('::ffff:203.0.113.40', v6.url!)).status).toBe(200);
    expect((await shareRow(v6.id)).access_count).toBe(32);
    expect(await viewRows(v6.id)).toBe(3);
  });
});

describe('share links on a server with a public address', () => {
  it('build the link on SHAMAY_PUBLIC_URL, not on the address the request came in on', async () => {
    const server = await startShareServer({ postgres: false, publicUrl: 'https://reports.example.co.il/' });
    try {
      const caller = await signIn(server, APPRAISER);
      const report = await createReport(server, caller);
      const created = await api<ShareEntity>(server, caller, 'POST', `/v1/orgs/${OFFICE}/shares`, { json: { assetId: report.assetId, expiresInDays: 1 } });
      expect(created.body.url).toMatch(/^https:\/\/reports\.example\.co\.il\/s\/[A-Za-z0-9_-]{43}$/);
      // The same token opens the report here (the proxy in front would forward it).
      const opened = await open(`${server.url}/s/${tokenOf(created.body)}`);
      expect(sha256(opened.bytes)).toBe(report.sha256);
    } finally {
      await server.stop();
    }
  });
});
