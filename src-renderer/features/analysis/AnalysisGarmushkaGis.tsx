// Step 4's Garmushka measurement and GIS screenshots, for the wizard to render:
//   <AnalysisGarmushkaGis valuationId={valuationId} readOnly={readOnly} />
// It reads the valuation itself (and again whenever the core says it changed) and saves its own
// fields: garmushkaMeasurements, garmushkaImages and gisScreenshots.
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text.tsx';
import { useValuation } from '../wizard/use-valuation.ts';
import { Garmushka } from './Garmushka.tsx';
import { Gis } from './Gis.tsx';
import { useWindowDropGuard } from './SaveIndicator.tsx';
import './analysis.css';

export function AnalysisGarmushkaGis({ valuationId, readOnly }: { valuationId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { valuation, error } = useValuation(valuationId);
  useWindowDropGuard();
  if (error) return <ErrorText error={error} />;
  if (!valuation) return <p className="hint">{t('app.loading')}</p>;
  return (
    <div className="analysis" data-testid="analysis-garmushka-gis">
      <Garmushka key={`g:${valuationId}`} valuationId={valuationId} readOnly={readOnly} stored={valuation.garmushkaMeasurements} storedImages={valuation.garmushkaImages} />
      <Gis key={`s:${valuationId}`} valuationId={valuationId} readOnly={readOnly} stored={valuation.gisScreenshots} />
    </div>
  );
}
