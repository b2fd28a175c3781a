import { describe, expect, it } from 'vitest';
import {
  A4_WIDTH_PX,
  mayExport,
  mayRevise,
  mayShare,
  parseShareForm,
  previewScale,
  sealedAsset,
  shareStatus,
  shortSha256,
  signingStopCount,
  signState,
  type SignStateInput,
} from '../../../../src-renderer/features/report/report-model.ts';
import type { ValuationStatus } from '../../../../src-shared/domain/enums.ts';

const APPRAISER = '0190a0b0-0000-7000-8000-00000000000a';
const COLLEAGUE = '0190a0b0-0000-7000-8000-00000000000b';

const input = (status: ValuationStatus, overrides: Partial<SignStateInput> = {}): SignStateInput => ({
  valuation: { status, createdById: APPRAISER },
  role: 'APPRAISER',
  userId: APPRAISER,
  signingStops: 0,
  ...overrides,
});

describe('who may sign', () => {
  it('lets the appraiser sign a READY valuation once the preflight has no hard stop', () => {
    expect(signState(input('READY'))).toEqual({ kind: 'allowed' });
  });

  it('waits for the preflight, then names how many hard stops block signing', () => {
    expect(signState(input('READY', { signingStops: null }))).toEqual({ kind: 'checking' });
    expect(signState(input('READY', { signingStops: 3 }))).toEqual({ kind: 'blocked', reason: 'hardStops', count: 3 });
  });

  it('lets an office admin or owner sign a colleague’s valuation, but not another appraiser', () => {
    expect(signState(input('READY', { role: 'ORG_ADMIN', userId: COLLEAGUE })).kind).toBe('allowed');
    expect(signState(input('READY', { role: 'OWNER', userId: COLLEAGUE })).kind).toBe('allowed');
    expect(signState(input('READY', { userId: COLLEAGUE }))).toMatchObject({ kind: 'blocked', reason: 'notAppraiser' });
    // Not "mark it ready first" to someone who could never sign it.
    expect(signState(input('IN_PROGRESS', { userId: COLLEAGUE }))).toMatchObject({ reason: 'notAppraiser' });
  });

  it('asks to mark the valuation ready first, and refuses archived ones', () => {
    for (const status of ['DRAFT', 'IN_PROGRESS'] as const) expect(signState(input(status))).toMatchObject({ kind: 'blocked', reason: 'notReady' });
    expect(signState(input('ARCHIVED'))).toMatchObject({ kind: 'blocked', reason: 'archived' });
  });

  it('never offers signing to a client viewer or without a role', () => {
    expect(signState(input('READY', { role: 'CLIENT_VIEWER' }))).toMatchObject({ reason: 'viewer' });
    expect(signState(input('READY', { role: null }))).toMatchObject({ reason: 'viewer' });
  });

  it('says signed whoever looks at a signed valuation', () => {
    expect(signState(input('SIGNED', { role: 'CLIENT_VIEWER', signingStops: null }))).toEqual({ kind: 'signed' });
  });

  it('counts only the hard stops that block SIGNED', () => {
    expect(signingStopCount([{ blocks: ['READY', 'SIGNED'] }, { blocks: ['SIGNED'] }, { blocks: ['READY'] }])).toBe(2);
    expect(signingStopCount([])).toBe(0);
  });
});

describe('revisions, exports and shares by role and status', () => {
  it('revises only signed valuations, for anyone who may write', () => {
    expect(mayRevise('SIGNED', 'APPRAISER')).toBe(true);
    expect(mayRevise('SIGNED', 'CLIENT_VIEWER')).toBe(false);
    expect(mayRevise('READY', 'OWNER')).toBe(false);
    expect(mayRevise('SIGNED', null)).toBe(false);
  });

  it('exports from a signed valuation but not from an archived one', () => {
    expect(mayExport('SIGNED', 'APPRAISER')).toBe(true);
    expect(mayExport('IN_PROGRESS', 'APPRAISER')).toBe(true);
    expect(mayExport('ARCHIVED', 'OWNER')).toBe(false);
    expect(mayExport('READY', 'CLIENT_VIEWER')).toBe(false);
  });

  it('shares only the signed report, and only office users', () => {
    expect(mayShare('SIGNED', 'APPRAISER')).toBe(true);
    expect(mayShare('SIGNED', 'CLIENT_VIEWER')).toBe(false);
    expect(mayShare('READY', 'OWNER')).toBe(false);
  });
});

describe('the sealed report', () => {
  const sha = (c: string) => c.repeat(64);
  it('is the PDF whose sha256 the valuation recorded', () => {
    const assets = [
      { id: 'csv', assetType: 'CSV' as const, sha256: sha('a') },
      { id: 'draft', assetType: 'PDF' as const, sha256: sha('b') },
      { id: 'sealed', assetType: 'PDF' as const, sha256: sha('c') },
    ];
    expect(sealedAsset(assets, sha('c'))?.id).toBe('sealed');
    expect(sealedAsset(assets, sha('a'))).toBeNull(); // not a PDF
    expect(sealedAsset(assets, null)).toBeNull();
    expect(sealedAsset(assets, sha('d'))).toBeNull(); // not on this computer (yet)
  });

  it('shows its digest in two groups of eight', () => {
    expect(shortSha256('3f2a9b1c04d7e6a5' + '0'.repeat(48))).toBe('3f2a9b1c 04d7e6a5');
  });
});

describe('share link status', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it('is active until it expires', () => {
    expect(shareStatus({ expiresAt: '2026-11-21T12:00:00Z', revokedAt: null }, now)).toBe('active');
    expect(shareStatus({ expiresAt: '2026-11-20T12:00:00Z', revokedAt: null }, now)).toBe('expired');
    expect(shareStatus({ expiresAt: '2026-11-19T12:00:00Z', revokedAt: null }, now)).toBe('expired');
  });

  it('is revoked once revoked, expired or not', () => {
    expect(shareStatus({ expiresAt: '2026-11-21T12:00:00Z', revokedAt: '2026-11-20T10:00:00Z' }, now)).toBe('revoked');
    expect(shareStatus({ expiresAt: '2026-11-19T12:00:00Z', revokedAt: '2026-11-18T10:00:00Z' }, now)).toBe('revoked');
  });

  it('treats an unreadable expiry as expired', () => {
    expect(shareStatus({ expiresAt: 'soon', revokedAt: null }, now)).toBe('expired');
  });
});

describe('the share form', () => {
  it('takes 1 to 90 whole days and no password', () => {
    expect(parseShareForm({ days: '14', password: '' })).toEqual({ ok: true, input: { expiresInDays: 14 } });
    expect(parseShareForm({ days: ' 90 ', password: '   ' })).toEqual({ ok: true, input: { expiresInDays: 90 } });
    for (const days of ['0', '91', '1.5', '', 'שבוע', '-3']) expect(parseShareForm({ days, password: '' })).toEqual({ ok: false, errors: { days: 'daysRange' } });
  });

  it('takes a password of 6 to 200 characters as typed', () => {
    expect(parseShareForm({ days: '7', password: ' סוד123 ' })).toEqual({ ok: true, input: { expiresInDays: 7, password: ' סוד123 ' } });
    expect(parseShareForm({ days: '7', password: '12345' })).toEqual({ ok: false, errors: { password: 'passwordLength' } });
    expect(parseShareForm({ days: '7', password: 'x'.repeat(201) })).toEqual({ ok: false, errors: { password: 'passwordLength' } });
    expect(parseShareForm({ days: '0', password: '1' })).toEqual({ ok: false, errors: { days: 'daysRange', password: 'passwordLength' } });
  });
});

describe('the preview scale', () => {
  it('shrinks an A4 page to the pane and never enlarges it', () => {
    expect(previewScale(A4_WIDTH_PX)).toBe(1);
    expect(previewScale(2000)).toBe(1);
    expect(previewScale(600)).toBe(0.75);
    expect(previewScale(600) * A4_WIDTH_PX).toBeLessThanOrEqual(600);
    expect(previewScale(0)).toBe(1);
  });
});
