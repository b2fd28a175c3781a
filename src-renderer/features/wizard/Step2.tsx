// Step 2: the documents and photos of the valuation, each kind in its own slot. Files are stored as
// soon as they are dropped; completing the step records what was attached in step2_data.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentEntity, ImageEntity, Valuation } from '../../../src-shared/contract/entities.ts';
import type { DocumentType } from '../../../src-shared/domain/enums.ts';
import { api } from '../../api/index.ts';
import { useSession } from '../../stores/session.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { DocumentSlot } from './DocumentSlot.tsx';
import { ImageSlot, isFacade } from './ImageSlot.tsx';
import { StepFooter } from './StepFooter.tsx';
import { isolate } from './upload.ts';

export const DOCUMENT_SLOTS = ['TABU', 'PERMIT', 'CONDO', 'PLANNING_INFO'] as const satisfies readonly DocumentType[];

const MB = 1024 * 1024;

type Removal = { kind: 'document'; item: DocumentEntity } | { kind: 'image'; item: ImageEntity };

/** What step completion writes into step2_data: the attached files, by reference. */
export function step2Data(documents: DocumentEntity[], images: ImageEntity[]): Record<string, unknown> {
  return {
    documents: documents.map((d) => ({ id: d.id, docType: d.docType, fileName: d.fileName, sha256: d.sha256 })),
    images: images.map((i) => ({ id: i.id, fileName: i.fileName, sha256: i.sha256, roomType: i.roomType, isCover: i.isCover })),
    coverImageId: images.find((i) => i.isCover)?.id ?? null,
  };
}

/** Dropping a file outside a drop zone must not open it in the window (Electron would navigate away). */
function useWindowDropGuard() {
  useEffect(() => {
    const guard = (event: DragEvent) => {
      if (event.defaultPrevented) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);
}

export interface Step2Props {
  valuation: Valuation;
  readOnly: boolean;
  onComplete(data: Record<string, unknown>): Promise<void>;
}

export function Step2({ valuation, readOnly, onComplete }: Step2Props) {
  const { t } = useTranslation();
  const settings = useSession((s) => s.settings);
  const [documents, setDocuments] = useState<DocumentEntity[] | null>(null);
  const [images, setImages] = useState<ImageEntity[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useWindowDropGuard();

  const reload = useCallback(async () => {
    const [docs, imgs] = await Promise.all([api.call('documents.list', { valuationId: valuation.id }), api.call('images.list', { valuationId: valuation.id })]);
    setDocuments(docs);
    setImages(imgs);
  }, [valuation.id]);
  const refresh = useCallback(() => void reload().catch(setError), [reload]);

  useEffect(() => {
    refresh();
    return api.on('data.changed', (event) => {
      if (event.tables.includes('documents') || event.tables.includes('images')) refresh();
    });
  }, [refresh]);

  const confirmRemoval = async () => {
    if (!removal) return;
    setBusy(true);
    setRemoveError(null);
    try {
      if (removal.kind === 'document') await api.call('documents.remove', { id: removal.item.id });
      else await api.call('images.remove', { id: removal.item.id });
      setRemoval(null);
      refresh();
    } catch (e) {
      setRemoveError(e);
    } finally {
      setBusy(false);
    }
  };

  const complete = async () => {
    if (!documents || !images) return;
    setBusy(true);
    setError(null);
    try {
      await onComplete(step2Data(documents, images));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!documents || !images) {
    return (
      <>
        <ErrorText error={error} />
        {!error && <p className="hint">{t('app.loading')}</p>}
      </>
    );
  }

  const documentMax = settings?.documentMaxBytes ?? 50 * MB;
  const imageMax = settings?.imageMaxBytes ?? 25 * MB;
  const facade = images.filter(isFacade);
  const interior = images.filter((image) => !isFacade(image));
  const missingTabu = !documents.some((d) => d.docType === 'TABU');

  return (
    <div className="step2">
      <p className="hint">{readOnly ? t('step2.introReadOnly') : t('step2.intro')}</p>
      <h3 className="slot-group-title">{t('step2.documentsTitle')}</h3>
      <div className="slots">
        {DOCUMENT_SLOTS.map((docType) => (
          <DocumentSlot
            key={docType}
            valuationId={valuation.id}
            docType={docType}
            documents={documents.filter((d) => d.docType === docType)}
            readOnly={readOnly}
            maxBytes={documentMax}
            onChanged={refresh}
            onRemove={(item) => {
              setRemoveError(null);
              setRemoval({ kind: 'document', item });
            }}
          />
        ))}
      </div>
      <h3 className="slot-group-title">{t('step2.photosTitle')}</h3>
      <div className="slots">
        {(['facade', 'interior'] as const).map((kind) => (
          <ImageSlot
            key={kind}
            kind={kind}
            valuationId={valuation.id}
            images={kind === 'facade' ? facade : interior}
            readOnly={readOnly}
            maxBytes={imageMax}
            onChanged={refresh}
            onError={setError}
            onRemove={(item) => {
              setRemoveError(null);
              setRemoval({ kind: 'image', item });
            }}
          />
        ))}
      </div>
      {missingTabu && !readOnly && (
        <p className="notice" role="note">
          {t('step2.missingTabu')}
        </p>
      )}
      <ErrorText error={error} />
      <ConfirmDialog
        open={removal !== null}
        title={removal?.kind === 'image' ? t('step2.removePhotoTitle') : t('step2.removeDocumentTitle')}
        message={t('step2.removeMessage', { name: isolate(removal?.item.fileName ?? '') })}
        confirmLabel={t('step2.remove')}
        danger
        busy={busy}
        error={removeError}
        onConfirm={() => void confirmRemoval()}
        onCancel={() => setRemoval(null)}
      />
      <StepFooter valuationId={valuation.id} step={2} complete={readOnly ? null : { busy, onClick: () => void complete() }} />
    </div>
  );
}
