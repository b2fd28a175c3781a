import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_ROLES, VALUATION_STATUSES } from '../../../src-shared/domain/enums.ts';
import { canDelete, canEdit, canTransition, STATUS_TRANSITIONS } from '../../../src-shared/domain/lifecycle.ts';

describe('valuation lifecycle rules', () => {
  it('walks DRAFT -> IN_PROGRESS -> READY -> SIGNED -> ARCHIVED and never leaves ARCHIVED', () => {
    expect(canTransition({ from: 'DRAFT', to: 'IN_PROGRESS', role: 'APPRAISER', isAppraiser: true }).allowed).toBe(true);
    expect(canTransition({ from: 'IN_PROGRESS', to: 'READY', role: 'APPRAISER', isAppraiser: true }).allowed).toBe(true);
    expect(canTransition({ from: 'READY', to: 'SIGNED', role: 'APPRAISER', isAppraiser: true, viaSigning: true }).allowed).toBe(true);
    expect(canTransition({ from: 'SIGNED', to: 'ARCHIVED', role: 'ORG_ADMIN', isAppraiser: false }).allowed).toBe(true);
    for (const to of VALUATION_STATUSES) {
      expect(canTransition({ from: 'ARCHIVED', to, role: 'OWNER', isAppraiser: true })).toMatchObject({ allowed: false, code: 'LIFECYCLE' });
    }
  });

  it('refuses skipping steps and going back from SIGNED', () => {
    expect(canTransition({ from: 'DRAFT', to: 'READY', role: 'OWNER', isAppraiser: true })).toMatchObject({ allowed: false, code: 'LIFECYCLE' });
    expect(canTransition({ from: 'SIGNED', to: 'READY', role: 'OWNER', isAppraiser: true })).toMatchObject({ allowed: false, code: 'LIFECYCLE' });
  });

  it('signs only through signing, and only the appraiser or an office admin', () => {
    expect(canTransition({ from: 'READY', to: 'SIGNED', role: 'OWNER', isAppraiser: true })).toMatchObject({ code: 'LIFECYCLE' });
    expect(canTransition({ from: 'READY', to: 'SIGNED', role: 'APPRAISER', isAppraiser: false, viaSigning: true })).toMatchObject({ code: 'FORBIDDEN' });
    expect(canTransition({ from: 'READY', to: 'SIGNED', role: 'ORG_ADMIN', isAppraiser: false, viaSigning: true }).allowed).toBe(true);
  });

  it('makes a client viewer read-only in every status', () => {
    for (const status of VALUATION_STATUSES) expect(canEdit(status, 'CLIENT_VIEWER')).toMatchObject({ code: 'FORBIDDEN' });
    for (const [from, targets] of Object.entries(STATUS_TRANSITIONS)) {
      for (const to of targets) {
        expect(canTransition({ from: from as 'DRAFT', to, role: 'CLIENT_VIEWER', isAppraiser: false, viaSigning: true }).allowed).toBe(false);
      }
    }
  });

  it('freezes SIGNED and ARCHIVED for every role', () => {
    for (const role of MEMBERSHIP_ROLES) {
      expect(canEdit('SIGNED', role).allowed).toBe(false);
      expect(canEdit('ARCHIVED', role).allowed).toBe(false);
      expect(canEdit('IN_PROGRESS', role).allowed).toBe(role !== 'CLIENT_VIEWER');
    }
  });

  it('deletes only drafts, by their appraiser or an office admin', () => {
    expect(canDelete('DRAFT', 'APPRAISER', true).allowed).toBe(true);
    expect(canDelete('DRAFT', 'APPRAISER', false)).toMatchObject({ code: 'FORBIDDEN' });
    expect(canDelete('DRAFT', 'OWNER', false).allowed).toBe(true);
    expect(canDelete('READY', 'OWNER', true)).toMatchObject({ code: 'LIFECYCLE' });
  });
});
