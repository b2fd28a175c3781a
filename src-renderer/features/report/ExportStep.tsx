// Step 5, "Export": the preflight, signing (or the seal), exports and the generated files, share links
// of the sealed report, and beside them the report's preview. One preflight and one files list feed
// every panel, so they never disagree.
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import type { MembershipRole } from '../../../src-shared/domain/enums.ts';
import { Preflight, usePreflight } from '../wizard/Preflight.tsx';
import { StepFooter } from '../wizard/StepFooter.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { mayExport, mayShare, sealedAsset, signingStopCount } from './report-model.ts';
import { ReportPreview } from './ReportPreview.tsx';
import { SharePanel } from './SharePanel.tsx';
import { SignPanel } from './SignPanel.tsx';
import { useAssets } from './use-assets.ts';

export interface ExportStepProps {
  valuation: Valuation;
  role: MembershipRole | null;
  userId: string | null;
  onValuation(valuation: Valuation): void;
}

export function ExportStep({ valuation, role, userId, onValuation }: ExportStepProps) {
  const preflight = usePreflight(valuation.id);
  const { assets, error: assetsError } = useAssets(valuation.id);
  const sealed = sealedAsset(assets ?? [], valuation.reportSha256);
  const signingStops = preflight.result ? signingStopCount(preflight.result.hardStops) : null;
  // A signed valuation offers its sealed report only: drafts printed before the seal are history.
  const signed = valuation.status === 'SIGNED';
  const shownAssets = signed && assets ? assets.filter((asset) => asset.id === sealed?.id) : assets;

  return (
    <div className="export-step" data-testid="export-step">
      <div className="export-side">
        {valuation.status !== 'SIGNED' && <Preflight valuationId={valuation.id} result={preflight.result} error={preflight.error} />}
        <SignPanel valuation={valuation} role={role} userId={userId} signingStops={signingStops} sealed={sealed} onSigned={onValuation} />
        <ExportPanel valuationId={valuation.id} mayExport={!signed && mayExport(valuation.status, role)} assets={shownAssets} assetsError={assetsError} sealedId={sealed?.id ?? null} />
        {mayShare(valuation.status, role) && <SharePanel valuationId={valuation.id} sealed={sealed} />}
      </div>
      {/* A new status (ready, signed) may change what the report says: a fresh preview, not an outdated one. */}
      <ReportPreview key={valuation.status} valuationId={valuation.id} sealed={signed} />
      <StepFooter valuationId={valuation.id} step={5} />
    </div>
  );
}
