import { useVirtualizer } from '@tanstack/react-virtual';
import { startTransition, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { VALUATION_STATUSES, type ValuationStatus } from '../../../src-shared/domain/enums.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { blockParcel, formatAgorot, formatDate } from '../../i18n/format.ts';
import { useSession } from '../../stores/session.ts';
import { StatusBadge, SyncBadge } from '../../ui/badges.tsx';
import { useValuationPages, type ListQuery } from './use-valuation-pages.ts';

/** A first guess only: rows are measured, since their cells wrap. */
const ROW_HEIGHT = 44;
type Sort = ListQuery['sort'];
const columns = ['title', 'address', 'blockParcel', 'client', 'status', 'updated', 'value', 'sync'] as const;
type Column = (typeof columns)[number];

/** A cell with its column's name, shown only when the row is stacked and the cell has a value (a screen reader has the column header). */
function Cell({ column, dir, children }: { column: Column; dir?: 'ltr'; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <div role="cell" className={`cell cell-${column}${empty ? ' cell-empty' : ''}`}>
      {!empty && (
        <span className="cell-label" aria-hidden="true">
          {t(`dashboard.columns.${column}`)}
        </span>
      )}
      <span className="cell-value" dir={dir}>
        {children}
      </span>
    </div>
  );
}

export function Dashboard() {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.role);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<ListQuery>({ sort: 'updatedAt', direction: 'desc' });
  const { total, rowAt } = useValuationPages(query);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const update = (changes: Partial<ListQuery>) => startTransition(() => setQuery((q) => ({ ...q, ...changes })));
  // Nothing is created until step 1 is completed (NewValuation): no empty drafts reach the office.
  const create = () => navigate({ name: 'newValuation' });

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <header className="toolbar">
        <h1 id="dashboard-title" tabIndex={-1}>{t('dashboard.title')}</h1>
        {role !== 'CLIENT_VIEWER' && (
          <button type="button" className="primary" onClick={() => void create()}>
            {t('dashboard.new')}
          </button>
        )}
      </header>
      <div className="filters" role="search">
        <input
          type="search"
          aria-label={t('dashboard.search')}
          placeholder={t('dashboard.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            // One character matches most of an office's valuations and only slows typing: search from two.
            const text = e.target.value.trim();
            update({ search: text.length >= 2 ? text : undefined });
          }}
        />
        <select aria-label={t('dashboard.columns.status')} value={query.status?.[0] ?? ''} onChange={(e) => update({ status: e.target.value ? [e.target.value as ValuationStatus] : undefined })}>
          <option value="">{t('dashboard.allStatuses')}</option>
          {VALUATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('dashboard.sort')} value={query.sort} onChange={(e) => update({ sort: e.target.value as Sort, direction: e.target.value === 'title' ? 'asc' : 'desc' })}>
          <option value="updatedAt">{t('dashboard.sortUpdated')}</option>
          <option value="createdAt">{t('dashboard.sortCreated')}</option>
          <option value="title">{t('dashboard.sortTitle')}</option>
          <option value="status">{t('dashboard.sortStatus')}</option>
        </select>
        <span className="count" aria-live="polite" data-testid="valuation-count">
          {total === null ? t('app.loading') : t('dashboard.count', { count: total })}
        </span>
      </div>
      {total === 0 && <p className="empty">{t('dashboard.empty')}</p>}
      {/* ARIA table roles on divs: the rows are absolutely placed by the virtualizer, which native
          table layout does not allow. Cells wrap (and stack under their labels when narrow), never cut. */}
      <div ref={scroller} className="table-body" role="table" aria-labelledby="dashboard-title" aria-rowcount={(total ?? 0) + 1} data-testid="valuation-list">
        {/* The header row sticks to the top of the scroller; the virtualizer counts rows from the
            scroller's top, and its overscan covers the header's few pixels. */}
        <div role="rowgroup" className="table-head">
          <div role="row" aria-rowindex={1} className="table-row">
            {columns.map((column) => (
              <span key={column} role="columnheader">
                {t(`dashboard.columns.${column}`)}
              </span>
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                className="table-row"
                style={{ position: 'absolute', top: 0, insetInlineStart: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                {row ? (
                  <>
                    <Cell column="title">
                      <a href={hrefOf({ name: 'valuation', id: row.id, step: 1 })} className="title" data-testid="valuation-row">
                        {row.title}
                      </a>
                    </Cell>
                    <Cell column="address">{row.addressFull}</Cell>
                    <Cell column="blockParcel" dir="ltr">
                      {blockParcel(row.block, row.parcel, row.subparcel)}
                    </Cell>
                    <Cell column="client">{row.clientName}</Cell>
                    <Cell column="status">
                      <StatusBadge status={row.status} />
                    </Cell>
                    <Cell column="updated">{formatDate(row.updatedAt)}</Cell>
                    <Cell column="value">{formatAgorot(row.finalValuationAgorot)}</Cell>
                    <Cell column="sync">
                      <SyncBadge state={row.syncState} />
                    </Cell>
                  </>
                ) : (
                  <span role="cell" className="placeholder" aria-busy="true" />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
