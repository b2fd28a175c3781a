import { describe, expect, it } from 'vitest';
import { pgTimestampToIso } from '../../../src-server/db/type-parsers.ts';

describe('PostgreSQL timestamps become ISO-8601 UTC strings', () => {
  it.each([
    ['2026-11-21 20:35:03.123+00', '2026-11-21T20:35:03.123Z'],
    ['2026-11-21 20:35:03.12+02', '2026-11-21T18:35:03.120Z'],
    ['2026-11-21 20:35:03+05:30', '2026-11-21T15:05:03.000Z'],
    ['2026-11-21 20:35:03.5', '2026-11-21T20:35:03.500Z'],
  ])('%s -> %s', (input, expected) => expect(pgTimestampToIso(input)).toBe(expected));

  it('refuses text that is not a timestamp', () => expect(() => pgTimestampToIso('yesterday')).toThrow(/unexpected timestamp/));
});
