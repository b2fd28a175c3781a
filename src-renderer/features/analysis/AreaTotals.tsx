// The measured area per kind (the figures the calculation takes), in the calculation's kind order.
import { useTranslation } from 'react-i18next';
import { AREA_KINDS } from '../../../src-shared/domain/calculation/coefficients.ts';
import { totalsByKind, type MeasurementDocument } from '../../../src-shared/domain/geometry/index.ts';
import { formatSqm } from './garmushka-model.ts';

export function AreaTotals({ doc, titleId }: { doc: MeasurementDocument | null; titleId: string }) {
  const { t } = useTranslation();
  const totals = doc ? totalsByKind(doc) : {};
  const kinds = AREA_KINDS.filter((kind) => totals[kind] !== undefined);
  let body;
  if (!doc?.calibration) body = <p className="hint">{t('analysis.garmushka.totalsNeedCalibration')}</p>;
  else if (kinds.length === 0) body = <p className="hint">{t('analysis.garmushka.totalsNeedKinds')}</p>;
  else
    body = (
      <table className="area-totals">
        <thead>
          <tr>
            <th scope="col">{t('analysis.garmushka.kind')}</th>
            <th scope="col">{t('analysis.garmushka.area')}</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => (
            <tr key={kind} data-testid={`garmushka-total-${kind}`} data-kind={kind} data-hundredths={totals[kind]}>
              <th scope="row">{t(`analysis.kinds.${kind}`)}</th>
              <td>{t('analysis.garmushka.areaValue', { value: formatSqm(totals[kind] ?? 0) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <section className="analysis-totals" aria-labelledby={titleId} data-testid="garmushka-totals" aria-live="polite">
      <h4 id={titleId}>{t('analysis.garmushka.totalsTitle')}</h4>
      {body}
    </section>
  );
}
