// A table of fact rows (owners, mortgages, attachments) edited in place: one input or select per
// cell, a remove button per row and an add button. Every cell has an id (the preflight's links focus
// it) and an accessible name made of the table's caption, the row number and the column.
import { useTranslation } from 'react-i18next';

export interface ColumnSpec<Row> {
  key: keyof Row & string;
  /** i18n key of the column title. */
  label: string;
  /** Options as [value, i18n key]; absent for a text input. */
  options?: readonly (readonly [string, string])[];
  ltr?: boolean;
  inputMode?: 'decimal' | 'numeric';
}

export interface FactRowsProps<Row extends Record<string, string>> {
  /** i18n key of the table's caption. */
  caption: string;
  rows: readonly Row[];
  columns: readonly ColumnSpec<Row>[];
  empty: Row;
  readOnly: boolean;
  cellId(index: number, key: keyof Row & string): string;
  /** Element id of the add button. */
  addId: string;
  errors: Readonly<Record<string, string>>;
  onChange(rows: Row[]): void;
}

export function FactRows<Row extends Record<string, string>>({ caption, rows, columns, empty, readOnly, cellId, addId, errors, onChange }: FactRowsProps<Row>) {
  const { t } = useTranslation();
  const title = t(caption);
  const setCell = (index: number, key: keyof Row & string, value: string) => onChange(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));
  return (
    <div className="rows-table-wrap">
      <table className="rows-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {columns.map((column) => (
              <th key={column.key} scope="col">
                {t(column.label)}
              </th>
            ))}
            {!readOnly && (
              <th scope="col">
                <span className="visually-hidden">{t('legal.rowActions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + (readOnly ? 1 : 2)} className="hint">
                {t('legal.noRows')}
              </td>
            </tr>
          )}
          {rows.map((row, index) => (
            <tr key={index}>
              <th scope="row">{index + 1}</th>
              {columns.map((column) => {
                const id = cellId(index, column.key);
                const error = errors[id];
                const common = {
                  id,
                  disabled: readOnly,
                  'aria-label': t('legal.cellLabel', { table: title, row: index + 1, column: t(column.label) }),
                  'aria-invalid': error ? true : undefined,
                  'aria-describedby': error ? `${id}-error` : undefined,
                };
                return (
                  <td key={column.key}>
                    {column.options ? (
                      <select {...common} value={row[column.key]} onChange={(e) => setCell(index, column.key, e.target.value)}>
                        {column.options.map(([value, label]) => (
                          <option key={value} value={value}>
                            {t(label)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input {...common} dir={column.ltr ? 'ltr' : 'auto'} inputMode={column.inputMode} value={row[column.key]} onChange={(e) => setCell(index, column.key, e.target.value)} />
                    )}
                    {error && (
                      <span id={`${id}-error`} className="field-error">
                        {t(error)}
                      </span>
                    )}
                  </td>
                );
              })}
              {!readOnly && (
                <td>
                  <button type="button" className="danger-link" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                    {t('legal.removeRow')}
                    <span className="visually-hidden">
                      {' '}
                      — {title} {index + 1}
                    </span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <button type="button" id={addId} onClick={() => onChange([...rows, { ...empty }])}>
          {t('legal.addRow', { table: title })}
        </button>
      )}
    </div>
  );
}
