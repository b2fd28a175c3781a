// The measured shapes as a list: name, colour and area kind are edited in place; each row shows the
// area (polygons) or length (polylines) and can select the shape on the plan or delete it.
import { useTranslation } from 'react-i18next';
import {
  isSimplePolygon,
  SHAPE_KINDS,
  shapeFigures,
  type Calibration,
  type Shape,
  type ShapeChanges,
} from '../../../src-shared/domain/geometry/index.ts';
import { formatMetres, formatSqm } from './garmushka-model.ts';

export interface ShapeListProps {
  shapes: readonly Shape[];
  calibration: Calibration | null;
  selectedId: string | null;
  readOnly: boolean;
  onSelect(id: string | null): void;
  /** `coalesceKey` merges consecutive edits of one field (typing a name) into one undo step. */
  onChange(id: string, changes: ShapeChanges, coalesceKey?: string): void;
  onRemove(id: string): void;
}

export function ShapeList({ shapes, calibration, selectedId, readOnly, onSelect, onChange, onRemove }: ShapeListProps) {
  const { t } = useTranslation();
  if (shapes.length === 0) return <p className="hint">{t('analysis.garmushka.noShapes')}</p>;
  return (
    <ul className="shape-list" aria-label={t('analysis.garmushka.shapesTitle')}>
      {shapes.map((shape) => {
        const figures = shapeFigures(shape, calibration);
        const selected = shape.id === selectedId;
        const label = shape.name.trim() || t(shape.type === 'polygon' ? 'analysis.garmushka.polygonName' : 'analysis.garmushka.polylineName');
        const crossing = shape.type === 'polygon' && !isSimplePolygon(shape.points);
        return (
          <li
            key={shape.id}
            className={`shape-row${selected ? ' selected' : ''}`}
            data-testid="garmushka-shape-row"
            data-shape-id={shape.id}
            data-type={shape.type}
            data-kind={shape.kind}
            data-area-hundredths={figures.areaHundredths ?? ''}
            data-length-cm={figures.lengthCm ?? ''}
          >
            <input
              type="color"
              className="shape-colour"
              value={shape.colour.toLowerCase()}
              disabled={readOnly}
              aria-label={t('analysis.garmushka.colourOf', { name: label })}
              onChange={(e) => onChange(shape.id, { colour: e.target.value }, `colour:${shape.id}`)}
            />
            <input
              type="text"
              className="shape-name"
              dir="auto"
              value={shape.name}
              maxLength={200}
              readOnly={readOnly}
              aria-label={t('analysis.garmushka.nameOf', { name: label })}
              data-testid="garmushka-shape-name"
              onChange={(e) => onChange(shape.id, { name: e.target.value }, `name:${shape.id}`)}
            />
            {shape.type === 'polygon' ? (
              <select
                className="shape-kind"
                value={shape.kind}
                disabled={readOnly}
                aria-label={t('analysis.garmushka.kindOf', { name: label })}
                data-testid="garmushka-shape-kind"
                onChange={(e) => onChange(shape.id, { kind: e.target.value as Shape['kind'] })}
              >
                {SHAPE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`analysis.kinds.${kind}`)}
                  </option>
                ))}
              </select>
            ) : (
              <span className="shape-kind hint">{t('analysis.garmushka.lineKind')}</span>
            )}
            <span className="shape-figure">
              {figures.areaHundredths !== null
                ? t('analysis.garmushka.areaValue', { value: formatSqm(figures.areaHundredths) })
                : figures.lengthCm !== null
                  ? t('analysis.garmushka.lengthValue', { value: formatMetres(figures.lengthCm) })
                  : t('analysis.garmushka.notCalibratedShort')}
            </span>
            <span className="shape-actions">
              <button type="button" aria-pressed={selected} onClick={() => onSelect(selected ? null : shape.id)}>
                {t('analysis.garmushka.show')}
                <span className="visually-hidden"> — {label}</span>
              </button>
              {!readOnly && (
                <button type="button" className="danger-link" data-testid="garmushka-shape-remove" onClick={() => onRemove(shape.id)}>
                  {t('analysis.remove')}
                  <span className="visually-hidden"> — {label}</span>
                </button>
              )}
            </span>
            {crossing && (
              <p className="shape-warning" role="note">
                {t('analysis.garmushka.crossing')}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
