// The seal of a SIGNED demo valuation. The generator gives each one a placeholder seal (an asset row
// and a report_sha256 of no file), because printing the report is not pure: whoever seeds a real
// office either prints the report and seals it with the printed file (sealWithReport), or, when it
// cannot print, seeds the valuation as READY (unsealed) rather than with a seal of nothing.
import type { AssetRow, GeneratedValuation } from './types.ts';

/** The slug of the sealed report among a valuation's assets (as valuations.sign stores it). */
export const SIGNED_REPORT_SLUG = 'signed-report';

export interface PrintedReport {
  fileName: string;
  sha256: string;
  sizeBytes: number;
}

/** The valuation sealed by its printed report: the asset, the seal and the "signed" activity name that file. */
export function sealWithReport(item: GeneratedValuation, report: PrintedReport): GeneratedValuation {
  const asset = item.assets.find((a) => a.slug === SIGNED_REPORT_SLUG);
  if (item.valuation.status !== 'SIGNED' || !asset) throw new Error(`valuation ${item.valuation.id} is not a signed one`);
  const sealed: AssetRow = { ...asset, fileName: report.fileName, storageKey: report.sha256, sha256: report.sha256, sizeBytes: report.sizeBytes };
  return {
    valuation: { ...item.valuation, reportSha256: report.sha256 },
    documents: item.documents,
    activity: item.activity.map((a) =>
      a.action === 'signed' ? { ...a, payload: { sha256: report.sha256, assetId: sealed.id, from: 'READY' } } : a,
    ),
    assets: item.assets.map((a) => (a === asset ? sealed : a)),
  };
}

/** A would-be SIGNED valuation as READY: ready to sign, with no seal, no sealed file and no "signed" entry. */
export function unsealed(item: GeneratedValuation): GeneratedValuation {
  if (item.valuation.status !== 'SIGNED') return item;
  return {
    valuation: { ...item.valuation, status: 'READY', signedById: null, signedAt: null, reportSha256: null },
    documents: item.documents,
    activity: item.activity.filter((a) => a.action !== 'signed'),
    assets: item.assets.filter((a) => a.slug !== SIGNED_REPORT_SLUG),
  };
}
