// A document slot of step 2 (Tabu extract, permit, condominium order, planning documents): its files,
// a drop zone, and for the Tabu extract re-upload as a new version with the version history.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentEntity } from '../../../src-shared/contract/entities.ts';
import type { MethodOutput } from '../../../src-shared/contract/methods.ts';
import type { DocumentType } from '../../../src-shared/domain/enums.ts';
import { api } from '../../api/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { SyncBadge } from '../../ui/badges.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import { DropZone } from './DropZone.tsx';
import { SlotFeedback } from './SlotFeedback.tsx';
import { formatBytes, isolate } from './upload.ts';
import { useUploads, type Send } from './use-uploads.ts';

/** Registry PDFs, scans (images) and Word documents; the core decides by content. */
export const DOCUMENT_ACCEPT = 'application/pdf,.pdf,image/jpeg,image/png,image/tiff,image/webp,image/heic,.heic,.docx';

type Version = MethodOutput<'documents.versions'>[number];

export interface DocumentSlotProps {
  valuationId: string;
  docType: DocumentType;
  documents: DocumentEntity[];
  readOnly: boolean;
  maxBytes: number;
  onChanged(): void;
  onRemove(document: DocumentEntity): void;
}

export function DocumentSlot({ valuationId, docType, documents, readOnly, maxBytes, onChanged, onRemove }: DocumentSlotProps) {
  const { t } = useTranslation();
  const id = useId();
  const { uploads, notices, problems, errors, upload } = useUploads(maxBytes);
  const [pending, setPending] = useState<File | null>(null);
  const versioned = docType === 'TABU';
  const latest = documents.at(-1) ?? null;
  const title = t(`step2.slots.${docType}.title`);

  const send =
    (replacesId?: string): Send =>
    async (file, bytesBase64) => {
      const result = await api.call('documents.add', {
        valuationId,
        docType,
        fileName: file.name,
        source: { bytesBase64 },
        ...(replacesId ? { replacesId } : {}),
      });
      onChanged();
      return { duplicateName: result.duplicateOf ? result.document.fileName : null };
    };

  const onFiles = (files: File[]) => {
    if (versioned && latest) setPending(files[0] ?? null);
    else void upload(files, send());
  };
  const decide = (replace: boolean) => {
    const file = pending;
    setPending(null);
    if (file) void upload([file], send(replace && latest ? latest.id : undefined));
  };

  return (
    <section className="slot" aria-labelledby={`${id}-title`} data-testid={`slot-${docType}`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="hint">{t(`step2.slots.${docType}.hint`)}</p>
      {documents.length > 0 && (
        <ul className="files">
          {documents.map((document) => (
            <DocumentRow key={document.id} document={document} versioned={versioned} readOnly={readOnly} onRemove={onRemove} onNewVersion={(file) => void upload([file], send(document.id))} />
          ))}
        </ul>
      )}
      {documents.length === 0 && readOnly && <p className="hint">{t('step2.none')}</p>}
      {pending && latest && (
        <div className="replace-choice" role="group" aria-labelledby={`${id}-replace`}>
          <p id={`${id}-replace`}>{t('step2.replaceQuestion', { file: isolate(pending.name), name: isolate(latest.fileName) })}</p>
          <div className="actions">
            <button type="button" className="primary" autoFocus onClick={() => decide(true)}>
              {t('step2.replace')}
            </button>
            <button type="button" onClick={() => decide(false)}>
              {t('step2.addAnother')}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              {t('wizard.cancel')}
            </button>
          </div>
        </div>
      )}
      {!readOnly && <DropZone label={title} accept={DOCUMENT_ACCEPT} multiple={!versioned} onFiles={onFiles} testId={`drop-${docType}`} />}
      <SlotFeedback uploads={uploads} notices={notices} problems={problems} errors={errors} />
    </section>
  );
}

function DocumentRow({
  document,
  versioned,
  readOnly,
  onRemove,
  onNewVersion,
}: {
  document: DocumentEntity;
  versioned: boolean;
  readOnly: boolean;
  onRemove(document: DocumentEntity): void;
  onNewVersion(file: File): void;
}) {
  const { t } = useTranslation();
  const [showVersions, setShowVersions] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const historyId = useId();
  return (
    <li className="file-row" data-testid="document-row">
      <span className="file-name" dir="auto">
        {document.fileName}
      </span>
      <span className="file-size" dir="ltr">
        {formatBytes(document.sizeBytes)}
      </span>
      <SyncBadge state={document.syncState} />
      {document.extracted && <span className="badge">{t('step2.extracted')}</span>}
      <span className="file-actions">
        {versioned && (
          <button type="button" aria-expanded={showVersions} aria-controls={showVersions ? historyId : undefined} onClick={() => setShowVersions((v) => !v)}>
            {t('step2.versions')}
            <span className="visually-hidden"> — {document.fileName}</span>
          </button>
        )}
        {versioned && !readOnly && (
          <>
            <button type="button" onClick={() => input.current?.click()}>
              {t('step2.newVersion')}
              <span className="visually-hidden"> — {document.fileName}</span>
            </button>
            <input
              ref={input}
              type="file"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              accept={DOCUMENT_ACCEPT}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) onNewVersion(file);
              }}
            />
          </>
        )}
        {!readOnly && (
          <button type="button" className="danger-link" onClick={() => onRemove(document)}>
            {t('step2.remove')}
            <span className="visually-hidden"> — {document.fileName}</span>
          </button>
        )}
      </span>
      {versioned && showVersions && <VersionHistory id={historyId} document={document} />}
    </li>
  );
}

function VersionHistory({ id, document }: { id: string; document: DocumentEntity }) {
  const { t } = useTranslation();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.call('documents.versions', { documentId: document.id }).then(
      (list) => live && setVersions(list),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [document.id, document.sha256]);

  return (
    <div id={id} className="versions" data-testid="version-history">
      <h4>{t('step2.versionsTitle')}</h4>
      <ErrorText error={error} />
      {versions === null && !error && <p className="hint">{t('app.loading')}</p>}
      {versions && (
        <ol>
          <li>
            <strong>{t('step2.currentVersion')}</strong>: <span dir="auto">{document.fileName}</span> · <span dir="ltr">{formatBytes(document.sizeBytes)}</span> ·{' '}
            {formatDateTime(document.updatedAt)}
          </li>
          {versions.map((version) => (
            <li key={version.id}>
              {t('step2.version', { n: version.versionNumber })}: <span dir="auto">{version.fileName}</span> · <span dir="ltr">{formatBytes(version.sizeBytes)}</span> ·{' '}
              {formatDateTime(version.createdAt)}
            </li>
          ))}
        </ol>
      )}
      {versions?.length === 0 && <p className="hint">{t('step2.noVersions')}</p>}
    </div>
  );
}
