// Where a comparable came from. Kept apart from enums.ts so that the comparables feature stays in its
// own folder; both database dialects build the CHECK of comparables.source from this array.

export const COMPARABLE_SOURCES = ['NADLAN', 'SPREADSHEET', 'MANUAL'] as const;
export type ComparableSource = (typeof COMPARABLE_SOURCES)[number];
