// Both engines hand values to the rest of the server in the representation the sync protocol uses:
// timestamps as ISO-8601 UTC strings with milliseconds, bigint as JS numbers (all ours are < 2^53).

export const PG_TYPES = { int8: 20, timestamp: 1114, timestamptz: 1184 } as const;

/** '2026-11-21 20:35:03.12+02' (PostgreSQL text output) -> '2026-11-21T18:35:03.120Z'. */
export function pgTimestampToIso(text: string): string {
  const normalized = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(normalized) ? normalized : `${normalized}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`unexpected timestamp from PostgreSQL: ${text}`);
  return date.toISOString();
}

export const TYPE_PARSERS: Record<number, (text: string) => unknown> = {
  [PG_TYPES.int8]: (text) => Number(text),
  [PG_TYPES.timestamp]: pgTimestampToIso,
  [PG_TYPES.timestamptz]: pgTimestampToIso,
};
