// Signing on the client (src-main/core/signing): the preflight and the role gate, the sealed PDF kept
// as an asset whose sha256 is the seal, the valuation read-only afterwards, and a revision to change it.
// The PDF is printed by real Chromium, as in the app.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfPrinter } from '../../../src-main/core/context.ts';
import type { Core } from '../../../src-main/core/create-core.ts';
import { createChromiumPdfPrinter } from '../../../src-main/host/chromium-pdf-printer.ts';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { fillForReady, setOwners, smallPdf } from '../preflight/fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} is missing: the signing tests that print a report are skipped.`);

let printer: ReturnType<typeof createChromiumPdfPrinter> | undefined;
let printPdf: PdfPrinter;
beforeAll(() => {
  if (!hasChromium) return;
  printer = createChromiumPdfPrinter({ executablePath: CHROMIUM });
  printPdf = (html) => printer!.print(html);
});
afterAll(async () => printer?.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readyValuation(core: Core, title = 'דירה בהנביאים 7') {
  const valuation = await call(core, 'valuations.create', { title });
  await fillForReady(core, valuation.id);
  await call(core, 'valuations.changeStatus', { id: valuation.id, status: 'IN_PROGRESS' });
  return call(core, 'valuations.changeStatus', { id: valuation.id, status: 'READY' });
}

describe.skipIf(!hasChromium)('signing a valuation', () => {
  it('seals the printed report: a PDF asset whose sha256 is the seal, SIGNED, and an activity entry', async () => {
    const { core, people } = await signedInCore('appraiser1@demo.shamay.local', { printPdf: (html) => printPdf(html) });
    const ready = await readyValuation(core);

    const { valuation, asset } = await call(core, 'valuations.sign', { id: ready.id });
    expect(valuation).toMatchObject({ status: 'SIGNED', signedById: people.appraisers[0]!.id, reportSha256: asset.sha256 });
    expect(asset).toMatchObject({ assetType: 'PDF', slug: 'signed-report', version: 1, valuationId: ready.id });
    const { path } = await call(core, 'assets.open', { id: asset.id });
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(bytes)).toBe(valuation.reportSha256);

    const activity = await call(core, 'activity.query', { valuationId: ready.id });
    expect(activity.map((a) => a.action)).toEqual(expect.arrayContaining(['signed', 'generated']));
  });

  it('refuses to sign with a hard stop in the preflight, before READY, or by another appraiser; an office admin may', async () => {
    const { core } = await signedInCore('appraiser1@demo.shamay.local', { printPdf: (html) => printPdf(html) });
    const draft = await call(core, 'valuations.create', { title: 'טיוטה' });
    expect(await callError(core, 'valuations.sign', { id: draft.id })).toMatchObject({ code: 'LIFECYCLE' });

    const ready = await readyValuation(core);
    // A hard stop that appears after READY (the owners were removed) blocks signing, linked to its field.
    await call(core, 'valuations.changeStatus', { id: ready.id, status: 'IN_PROGRESS' });
    await setOwners(core, ready.id, []);
    expect(await callError(core, 'valuations.changeStatus', { id: ready.id, status: 'READY' })).toMatchObject({ code: 'LIFECYCLE' });
    expect((await call(core, 'assets.list', { valuationId: ready.id })).length).toBe(0);

    const colleague = await signedInCore('appraiser2@demo.shamay.local', { printPdf: (html) => printPdf(html) });
    const theirs = await readyValuation(colleague.core);
    // Same data folder is not shared: switch the first core's user by signing in again on the colleague's core.
    await call(colleague.core, 'session.signIn', { email: 'appraiser1@demo.shamay.local', password: 'demo' });
    const refused = await callError(colleague.core, 'valuations.sign', { id: theirs.id });
    expect(refused.code).toBe('FORBIDDEN');
    await call(colleague.core, 'session.signIn', { email: 'admin@demo.shamay.local', password: 'demo' });
    const signed = await call(colleague.core, 'valuations.sign', { id: theirs.id });
    expect(signed.valuation.status).toBe('SIGNED');
  });

  it('keeps a signed valuation read-only; exports still work; a revision copies it with its files and can be edited', async () => {
    const { core } = await signedInCore('appraiser1@demo.shamay.local', { printPdf: (html) => printPdf(html) });
    const ready = await readyValuation(core);
    const photo = await call(core, 'documents.add', { valuationId: ready.id, docType: 'PERMIT', fileName: 'היתר.pdf', source: { bytesBase64: smallPdf('permit') } });
    const { valuation: signed } = await call(core, 'valuations.sign', { id: ready.id });

    const refusals = [
      await callError(core, 'valuations.update', { id: signed.id, fields: { title: 'שינוי' } }),
      await callError(core, 'valuations.changeStatus', { id: signed.id, status: 'READY' }),
      await callError(core, 'documents.add', { valuationId: signed.id, docType: 'OTHER', fileName: 'עוד.pdf', source: { bytesBase64: smallPdf('more') } }),
      await callError(core, 'documents.remove', { id: photo.document.id }),
      await callError(core, 'valuations.sign', { id: signed.id }),
    ];
    expect(refusals.map((e) => e.code)).toEqual(['LIFECYCLE', 'LIFECYCLE', 'LIFECYCLE', 'LIFECYCLE', 'LIFECYCLE']);
    expect(await call(core, 'valuations.get', { id: signed.id })).toMatchObject({ title: signed.title, status: 'SIGNED', reportSha256: signed.reportSha256 });

    const csv = await call(core, 'report.export', { valuationId: signed.id, format: 'CSV' });
    expect(csv.asset).toMatchObject({ assetType: 'CSV', version: 1 });

    const revision = await call(core, 'valuations.revise', { id: signed.id });
    expect(revision).toMatchObject({ status: 'IN_PROGRESS', revisionOfId: signed.id, title: `${signed.title} (מהדורה 2)`, reportSha256: null, signedAt: null });
    expect(revision.step1Data).toEqual(signed.step1Data);
    const copied = await call(core, 'documents.list', { valuationId: revision.id });
    const original = await call(core, 'documents.list', { valuationId: signed.id });
    expect(copied.map((d) => [d.docType, d.sha256]).sort()).toEqual(original.map((d) => [d.docType, d.sha256]).sort());
    expect(copied.every((d) => !original.some((o) => o.id === d.id))).toBe(true);
    const edited = await call(core, 'valuations.update', { id: revision.id, fields: { title: 'מהדורה 2' } });
    expect(edited.title).toBe('מהדורה 2');
    // The preflight of the revision sees the copied land-registry extract (its owners).
    const preflight = await call(core, 'valuations.preflight', { id: revision.id });
    expect(preflight.hardStops).toEqual([]);
    expect(await callError(core, 'valuations.revise', { id: revision.id })).toMatchObject({ code: 'LIFECYCLE' });

    // The revision signed and revised again is the third edition, under the original title.
    await call(core, 'valuations.update', { id: revision.id, fields: { title: `${signed.title} (מהדורה 2)` } });
    await call(core, 'valuations.changeStatus', { id: revision.id, status: 'READY' });
    await call(core, 'valuations.sign', { id: revision.id });
    const third = await call(core, 'valuations.revise', { id: revision.id });
    expect(third).toMatchObject({ title: `${signed.title} (מהדורה 3)`, revisionOfId: revision.id });
  });

  it('without a printer, signing is UNAVAILABLE and nothing changes', async () => {
    const { core } = await signedInCore();
    const ready = await readyValuation(core);
    expect(await callError(core, 'valuations.sign', { id: ready.id })).toMatchObject({ code: 'UNAVAILABLE' });
    expect(await call(core, 'valuations.get', { id: ready.id })).toMatchObject({ status: 'READY', reportSha256: null });
    expect(await call(core, 'assets.list', { valuationId: ready.id })).toEqual([]);
  });
});
