// The dashboard's rows, fetched in pages as they scroll into view, so 50,000 valuations never sit in
// the renderer at once. A data.changed event refetches what is loaded.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ValuationSummary } from '../../../src-shared/contract/entities.ts';
import type { MethodInput } from '../../../src-shared/contract/methods.ts';
import { api } from '../../api/index.ts';

export const PAGE_SIZE = 200;
export type ListQuery = Omit<MethodInput<'valuations.list'>, 'limit' | 'offset'>;

export function useValuationPages(query: ListQuery) {
  const [total, setTotal] = useState<number | null>(null);
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, ValuationSummary[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(query);

  const loadPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const result = await api.call('valuations.list', { ...JSON.parse(key), limit: PAGE_SIZE, offset: page * PAGE_SIZE });
        if (gen !== generation.current) return; // a newer query replaced this one
        pages.current.set(page, result.items);
        setTotal(result.total);
        setVersion((v) => v + 1);
      } finally {
        loading.current.delete(page);
      }
    },
    [key],
  );

  useEffect(() => {
    const gen = ++generation.current;
    pages.current = new Map();
    loading.current = new Set();
    void loadPage(0, gen);
    const off = api.on('data.changed', (event) => {
      if (!event.tables.includes('valuations')) return;
      for (const page of [...pages.current.keys()]) void loadPage(page, generation.current);
    });
    return off;
  }, [key, loadPage]);

  const rowAt = useCallback(
    (index: number): ValuationSummary | null => {
      const page = Math.floor(index / PAGE_SIZE);
      const rows = pages.current.get(page);
      if (!rows) {
        void loadPage(page, generation.current);
        return null;
      }
      return rows[index % PAGE_SIZE] ?? null;
    },
    [loadPage],
  );

  return { total, rowAt };
}
