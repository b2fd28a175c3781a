// Signing across devices through the real sync server: the seal and the sealed PDF arrive on the
// server and on a colleague's laptop, the colleague cannot change the signed valuation, a revision
// syncs as a new valuation linked to the signed one, and a seal made on stale data is refused and
// undone on the signer's laptop.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import { createChromiumPdfPrinter } from '../../../src-main/host/chromium-pdf-printer.ts';
import { call, callError } from '../../helpers/core.ts';
import { startClient, startTestServer } from '../../helpers/sync-stack.ts';
import { fillForReady } from '../preflight/fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} is missing: signing across devices is not tested.`);
const printer = hasChromium ? createChromiumPdfPrinter({ executablePath: CHROMIUM }) : null;
afterAll(async () => printer?.close());
const deps = () => (printer ? { printPdf: printer.print } : {});

async function readyValuation(core: Core) {
  const valuation = await call(core, 'valuations.create', { title: 'דירה לחתימה משותפת' });
  await fillForReady(core, valuation.id);
  await call(core, 'valuations.changeStatus', { id: valuation.id, status: 'IN_PROGRESS' });
  return call(core, 'valuations.changeStatus', { id: valuation.id, status: 'READY' });
}

describe.skipIf(!hasChromium)('signing across devices', () => {
  it('the seal, the sealed PDF and the read-only state reach a colleague; a revision syncs linked to it', async () => {
    const server = await startTestServer();
    const laptop = await startClient(server, 'appraiser1@demo.shamay.local', deps());
    const office = await startClient(server, 'admin@demo.shamay.local', deps());
    const ready = await readyValuation(laptop.core);
    const { valuation: signed, asset } = await call(laptop.core, 'valuations.sign', { id: ready.id });
    await laptop.core.syncNow();
    expect(await call(laptop.core, 'sync.pendingCount', {})).toEqual({ pending: 0 });
    expect((await call(laptop.core, 'sync.rejected.list', {})).length).toBe(0);

    await office.core.syncNow();
    const seen = await call(office.core, 'valuations.get', { id: ready.id });
    expect(seen).toMatchObject({ status: 'SIGNED', reportSha256: signed.reportSha256, signedById: signed.signedById, syncState: 'synced' });
    const assets = await call(office.core, 'assets.list', { valuationId: ready.id });
    expect(assets.map((a) => [a.slug, a.sha256])).toContainEqual(['signed-report', asset.sha256]);
    const { path } = await call(office.core, 'assets.open', { id: asset.id });
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(signed.reportSha256);

    expect((await callError(office.core, 'valuations.update', { id: ready.id, fields: { title: 'שינוי במשרד' } })).code).toBe('LIFECYCLE');

    const revision = await call(office.core, 'valuations.revise', { id: ready.id });
    await call(office.core, 'valuations.update', { id: revision.id, fields: { title: 'מהדורה מתוקנת' } });
    await office.core.syncNow();
    expect((await call(office.core, 'sync.rejected.list', {})).length).toBe(0);
    await laptop.core.syncNow();
    expect(await call(laptop.core, 'valuations.get', { id: revision.id })).toMatchObject({ revisionOfId: ready.id, title: 'מהדורה מתוקנת', status: 'IN_PROGRESS' });
    expect(await call(laptop.core, 'valuations.get', { id: ready.id })).toMatchObject({ status: 'SIGNED', title: ready.title });
    const copied = await call(laptop.core, 'documents.list', { valuationId: revision.id });
    expect(copied.length).toBe((await call(laptop.core, 'documents.list', { valuationId: ready.id })).length);
  });

  it('a seal on data a colleague has since changed is refused by the server and undone on the laptop', async () => {
    const server = await startTestServer();
    const laptop = await startClient(server, 'appraiser1@demo.shamay.local', deps());
    const office = await startClient(server, 'admin@demo.shamay.local', deps());
    const ready = await readyValuation(laptop.core);
    await laptop.core.syncNow();
    await office.core.syncNow();

    // The office corrects the address while the laptop, offline, signs what it has.
    await call(office.core, 'valuations.update', { id: ready.id, fields: { addressFull: 'הנביאים 9, חיפה' } });
    await office.core.syncNow();
    await call(laptop.core, 'valuations.sign', { id: ready.id });
    await laptop.core.syncNow();

    const rejected = await call(laptop.core, 'sync.rejected.list', {});
    expect(rejected.map((r) => [r.tableName, r.reasonCode])).toEqual([['valuations', 'LIFECYCLE']]);
    const after = await call(laptop.core, 'valuations.get', { id: ready.id });
    expect(after).toMatchObject({ status: 'READY', reportSha256: null, addressFull: 'הנביאים 9, חיפה' });
    // Signing again now seals what the server has.
    const again = await call(laptop.core, 'valuations.sign', { id: ready.id });
    await laptop.core.syncNow();
    await office.core.syncNow();
    expect(await call(office.core, 'valuations.get', { id: ready.id })).toMatchObject({ status: 'SIGNED', reportSha256: again.valuation.reportSha256 });
  });
});
