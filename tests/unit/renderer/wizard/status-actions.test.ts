import { describe, expect, test } from 'vitest';
import { statusActions } from '../../../../src-renderer/features/wizard/status-actions.ts';

const mine = (status: 'DRAFT' | 'IN_PROGRESS' | 'READY' | 'SIGNED') => ({ status, createdById: 'u1' });

describe('the status buttons of the wizard header', () => {
  test('a finished draft goes to ready in one click, besides "in progress"', () => {
    expect(statusActions(mine('DRAFT'), 'APPRAISER', 'u1')).toEqual(['IN_PROGRESS', 'READY']);
    expect(statusActions(mine('IN_PROGRESS'), 'APPRAISER', 'u1')).toEqual(['DRAFT', 'READY']);
  });
  test('signing and archiving are not status buttons, and a viewer gets none', () => {
    expect(statusActions(mine('READY'), 'APPRAISER', 'u1')).toEqual(['IN_PROGRESS']);
    expect(statusActions(mine('DRAFT'), 'CLIENT_VIEWER', 'u2')).toEqual([]);
    expect(statusActions(mine('SIGNED'), 'OWNER', 'u2')).toEqual([]);
  });
});
