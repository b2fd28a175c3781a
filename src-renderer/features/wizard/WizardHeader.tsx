// The valuation's header: its title (editable in place), status and the status actions the lifecycle
// allows this user, the activity log, and the autosave indicator.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Valuation } from '../../../src-shared/contract/entities.ts';
import type { MembershipRole, ValuationStatus } from '../../../src-shared/domain/enums.ts';
import { canDelete, canTransition, canWrite, STATUS_TRANSITIONS } from '../../../src-shared/domain/lifecycle.ts';
import { statusActions } from './status-actions.ts';
import { api } from '../../api/index.ts';
import { hrefOf, navigate } from '../../app/router.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { StatusBadge, SyncBadge } from '../../ui/badges.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import type { AutosaveStatus } from '../../wizard/autosaver.ts';
import { AutosaveIndicator } from './AutosaveIndicator.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { isolate } from './upload.ts';

export interface WizardHeaderProps {
  valuation: Valuation;
  role: MembershipRole | null;
  userId: string | null;
  readOnly: boolean;
  /** Null when there is no session to save (read-only). */
  saveStatus: AutosaveStatus | null;
  onValuation(valuation: Valuation): void;
  /** Saves pending drafts before the valuation is left (duplicate, delete). */
  beforeLeave(): Promise<void>;
}

type Confirm = 'archive' | 'delete' | null;

/** The contract's longest title (src-shared/contract/entities.ts valuationEditable). */
const TITLE_MAX = 300;

export function WizardHeader({ valuation, role, userId, readOnly, saveStatus, onValuation, beforeLeave }: WizardHeaderProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(valuation.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const refocusEdit = useRef(false);

  useEffect(() => {
    if (!editing) setTitle(valuation.title);
  }, [valuation.title, editing]);
  useEffect(() => {
    if (editing) titleInput.current?.select();
    else if (refocusEdit.current) editButton.current?.focus(); // back where the user was, after save or cancel
    refocusEdit.current = false;
  }, [editing]);

  const isAppraiser = valuation.createdById === userId;
  const transitions = statusActions(valuation, role, userId);
  const mayArchive = !!role && STATUS_TRANSITIONS[valuation.status].includes('ARCHIVED') && canTransition({ from: valuation.status, to: 'ARCHIVED', role, isAppraiser }).allowed;
  const mayDelete = !!role && canDelete(valuation.status, role, isAppraiser).allowed;
  const mayDuplicate = !!role && canWrite(role).allowed;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const stopEditing = () => {
    refocusEdit.current = true;
    setEditing(false);
    setTitle(valuation.title);
  };
  const saveTitle = (event: FormEvent) => {
    event.preventDefault();
    const next = title.trim();
    // Too long is said, not cut: the user decides what to drop.
    if (next.length > TITLE_MAX) return titleInput.current?.focus();
    if (!next || next === valuation.title) return stopEditing();
    void run(async () => {
      onValuation(await api.call('valuations.update', { id: valuation.id, fields: { title: next } }));
      refocusEdit.current = true;
      setEditing(false);
    });
  };

  const changeStatus = (status: ValuationStatus) =>
    run(async () => {
      if (valuation.status === 'DRAFT' && status === 'READY') onValuation(await api.call('valuations.changeStatus', { id: valuation.id, status: 'IN_PROGRESS' }));
      onValuation(await api.call('valuations.changeStatus', { id: valuation.id, status }));
    });
  const archive = () =>
    run(async () => {
      await beforeLeave();
      onValuation(await api.call('valuations.archive', { id: valuation.id }));
      setConfirm(null);
    });
  const duplicate = () =>
    run(async () => {
      await beforeLeave();
      const copy = await api.call('valuations.duplicate', { id: valuation.id });
      navigate({ name: 'valuation', id: copy.id, step: 1 });
    });
  const remove = () =>
    run(async () => {
      await api.call('valuations.deleteDraft', { id: valuation.id });
      setConfirm(null);
      navigate({ name: 'dashboard' });
    });

  return (
    <header className="wizard-header">
      <div className="wizard-title-row">
        {editing ? (
          <form className="title-form" onSubmit={saveTitle}>
            <label htmlFor="wizard-title-input" className="visually-hidden">
              {t('wizard.header.title')}
            </label>
            <input
              id="wizard-title-input"
              ref={titleInput}
              value={title}
              required
              aria-invalid={!title.trim() || title.trim().length > TITLE_MAX || undefined}
              aria-describedby={title.trim().length > TITLE_MAX ? 'wizard-title-error' : undefined}
              onChange={(e) => setTitle(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  stopEditing();
                }
              }}
            />
            <button type="submit" className="primary" disabled={busy || !title.trim()}>
              {t('wizard.header.saveTitle')}
            </button>
            <button type="button" onClick={stopEditing} disabled={busy}>
              {t('wizard.cancel')}
            </button>
            {title.trim().length > TITLE_MAX && (
              <span id="wizard-title-error" className="field-error" role="alert">
                {t('wizard.header.titleTooLong', { max: TITLE_MAX, count: title.trim().length })}
              </span>
            )}
          </form>
        ) : (
          <>
            <h1 id="wizard-title" dir="auto">
              {valuation.title}
            </h1>
            {!readOnly && (
              <button type="button" ref={editButton} className="link-button" onClick={() => setEditing(true)} aria-describedby="wizard-title">
                {t('wizard.header.editTitle')}
              </button>
            )}
          </>
        )}
        <StatusBadge status={valuation.status} />
        <SyncBadge state={valuation.syncState} />
        {saveStatus && <AutosaveIndicator status={saveStatus} />}
      </div>
      <p className="hint wizard-meta">
        {valuation.addressFull && <span dir="auto">{valuation.addressFull}</span>}
        <span>{t('wizard.header.updated', { when: formatDateTime(valuation.updatedAt) })}</span>
      </p>
      <div className="actions wizard-actions">
        {transitions.map((status) => (
          <button key={status} type="button" disabled={busy} onClick={() => void changeStatus(status)} data-testid={`status-to-${status}`}>
            {t('valuation.statusTo', { status: t(`status.${status}`) })}
          </button>
        ))}
        {mayDuplicate && (
          <button type="button" disabled={busy} onClick={() => void duplicate()}>
            {t('valuation.duplicate')}
          </button>
        )}
        {mayArchive && (
          <button type="button" disabled={busy} onClick={() => setConfirm('archive')}>
            {t('valuation.archive')}
          </button>
        )}
        {mayDelete && (
          <button type="button" className="danger" disabled={busy} onClick={() => setConfirm('delete')}>
            {t('valuation.delete')}
          </button>
        )}
        <a className="button-link" href={hrefOf({ name: 'activity', id: valuation.id })}>
          {t('valuation.activity')}
        </a>
        <a className="button-link" href={hrefOf({ name: 'dashboard' })}>
          {t('valuation.back')}
        </a>
      </div>
      <ErrorText error={error} />
      <ConfirmDialog
        open={confirm === 'archive'}
        title={t('wizard.header.archiveTitle')}
        message={t('wizard.header.archiveMessage', { title: isolate(valuation.title) })}
        confirmLabel={t('valuation.archive')}
        busy={busy}
        error={error}
        onConfirm={() => void archive()}
        onCancel={() => {
          setConfirm(null);
          setError(null);
        }}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        title={t('wizard.header.deleteTitle')}
        message={t('wizard.header.deleteMessage', { title: isolate(valuation.title) })}
        confirmLabel={t('valuation.delete')}
        danger
        busy={busy}
        error={error}
        onConfirm={() => void remove()}
        onCancel={() => {
          setConfirm(null);
          setError(null);
        }}
      />
    </header>
  );
}
