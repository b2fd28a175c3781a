// How each column of a comparables file was read, in the import preview: its header, the field it
// holds (changeable: the user re-maps a column and the preview is read again), the kind of value, and
// one example as written in the file and as read.
import { useTranslation } from 'react-i18next';
import { COMPARABLE_FIELDS, type ComparableField } from '../../../src-shared/domain/comparables/headers.ts';
import type { ImportPreviewOutput } from '../../../src-shared/domain/comparables/contract.ts';
import { formatDate } from '../../i18n/format.ts';

type Column = ImportPreviewOutput['columns'][number];

function shownParsed(column: Column): string {
  if (!column.example) return '';
  return column.kind === 'date' ? formatDate(column.example.parsed) : column.example.parsed;
}

export function ImportColumns({ columns, busy, onRemap }: { columns: ImportPreviewOutput['columns']; busy: boolean; onRemap(index: number, field: ComparableField | null): void }) {
  const { t } = useTranslation();
  return (
    <table className="calc-table compact" data-testid="import-columns">
      <thead>
        <tr>
          <th scope="col">{t('calculation.import.column')}</th>
          <th scope="col">{t('calculation.import.field')}</th>
          <th scope="col">{t('comparablesImport.columns.kind')}</th>
          <th scope="col">{t('comparablesImport.columns.raw')}</th>
          <th scope="col">{t('comparablesImport.columns.parsed')}</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column, index) => (
          <tr key={`${index}:${column.header}`}>
            <td dir="auto">{column.header || `#${index + 1}`}</td>
            <td>
              <select
                aria-label={t('comparablesImport.columns.remap', { column: column.header || `#${index + 1}` })}
                value={column.field ?? ''}
                disabled={busy}
                onChange={(e) => onRemap(index, (e.target.value || null) as ComparableField | null)}
              >
                <option value="">{t('calculation.import.unmapped')}</option>
                {COMPARABLE_FIELDS.map((field) => (
                  <option key={field} value={field}>
                    {t(`comparablesImport.fields.${field}`)}
                  </option>
                ))}
              </select>
              {column.mappedBy === 'USER' && <span className="hint"> {t('comparablesImport.columns.byUser')}</span>}
            </td>
            <td>{column.kind ? t(`comparablesImport.kinds.${column.kind}`) : ''}</td>
            <td dir="auto">{column.example?.raw ?? ''}</td>
            <td dir="auto">{shownParsed(column)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
