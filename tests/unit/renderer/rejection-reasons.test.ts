import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/i18n/en.ts';
import { he } from '../../../src-renderer/i18n/he.ts';
import { REJECTION_CODES } from '../../../src-shared/sync/protocol.ts';

describe('rejection reason texts', () => {
  it('exist in Hebrew and English for every code the server or the device can give, and for no other', () => {
    expect(Object.keys(he.rejectionReasons).sort()).toEqual([...REJECTION_CODES].sort());
    expect(Object.keys(en.rejectionReasons).sort()).toEqual([...REJECTION_CODES].sort());
    for (const code of REJECTION_CODES) expect(he.rejectionReasons[code]).toMatch(/[\u0590-\u05FF]/);
  });
});
