// The photo slots of step 2: the facade photo (the report's cover by default) and up to six interior
// photos with their room types. Thumbnails come from the core's derived thumbnail files.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageEntity } from '../../../src-shared/contract/entities.ts';
import { ROOM_TYPES, type RoomType } from '../../../src-shared/domain/enums.ts';
import { api } from '../../api/index.ts';
import { SyncBadge } from '../../ui/badges.tsx';
import { DropZone } from './DropZone.tsx';
import { SlotFeedback } from './SlotFeedback.tsx';
import { Thumbnail } from './Thumbnail.tsx';
import { formatBytes } from './upload.ts';
import { useUploads, type Send } from './use-uploads.ts';

export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,.heic,image/tiff';
export const MAX_INTERIOR_PHOTOS = 6;
export const INTERIOR_ROOM_TYPES = ROOM_TYPES.filter((type) => type !== 'EXTERIOR');

export type ImageSlotKind = 'facade' | 'interior';

/** The facade slot holds the exterior photos; every other photo is an interior one. */
export const isFacade = (image: ImageEntity) => image.roomType === 'EXTERIOR';

export interface ImageSlotProps {
  kind: ImageSlotKind;
  valuationId: string;
  images: ImageEntity[];
  readOnly: boolean;
  maxBytes: number;
  onChanged(): void;
  onRemove(image: ImageEntity): void;
  onError(error: unknown): void;
}

export function ImageSlot({ kind, valuationId, images, readOnly, maxBytes, onChanged, onRemove, onError }: ImageSlotProps) {
  const { t } = useTranslation();
  const id = useId();
  const { uploads, notices, problems, errors, upload, note } = useUploads(maxBytes);
  const capacity = kind === 'facade' ? 1 : MAX_INTERIOR_PHOTOS;
  const remaining = Math.max(0, capacity - images.length - uploads.length);
  const title = t(`step2.slots.${kind}.title`);

  const send: Send = async (file, bytesBase64) => {
    const result = await api.call('images.add', {
      valuationId,
      fileName: file.name,
      source: { bytesBase64 },
      roomType: kind === 'facade' ? 'EXTERIOR' : 'OTHER',
    });
    // The facade photo is the cover image unless the user picks another one afterwards.
    if (kind === 'facade' && result.duplicateOf === null && !result.image.isCover) await api.call('images.setCover', { id: result.image.id });
    onChanged();
    return { duplicateName: result.duplicateOf ? result.image.fileName : null };
  };

  const onFiles = (files: File[]) => {
    const taken = files.slice(0, remaining);
    void upload(taken, send);
    if (files.length > taken.length) note(t('step2.tooManyPhotos', { max: capacity, count: files.length - taken.length }));
  };

  const act = (action: () => Promise<unknown>) => {
    action().then(onChanged, onError);
  };

  return (
    <section className="slot" aria-labelledby={`${id}-title`} data-testid={`slot-${kind}`}>
      <h3 id={`${id}-title`}>
        {title}
        {kind === 'interior' && <span className="hint"> ({t('step2.photoCount', { count: images.length, max: capacity })})</span>}
      </h3>
      <p className="hint">{t(`step2.slots.${kind}.hint`)}</p>
      {images.length > 0 && (
        <ul className="image-grid">
          {images.map((image) => (
            <li key={image.id} className={`image-card${image.isCover ? ' is-cover' : ''}`} data-testid="image-card">
              <Thumbnail sha256={image.thumbnailSha256} alt={t('step2.photoAlt', { name: image.fileName })} />
              <div className="image-info">
                <span className="file-name" dir="auto">
                  {image.fileName}
                </span>
                <span className="file-meta">
                  <span className="file-size" dir="ltr">
                    {formatBytes(image.sizeBytes)}
                  </span>
                  <SyncBadge state={image.syncState} />
                </span>
                {image.isCover && <span className="badge cover-badge">{t('step2.cover')}</span>}
                {kind === 'interior' && (
                  <label className="inline-label">
                    <span>
                      {t('step2.roomType')}
                      <span className="visually-hidden"> — {image.fileName}</span>
                    </span>
                    <select
                      value={image.roomType}
                      disabled={readOnly}
                      onChange={(e) => act(() => api.call('images.update', { id: image.id, roomType: e.target.value as RoomType }))}
                    >
                      {INTERIOR_ROOM_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {t(`step2.roomTypes.${type}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                {!readOnly && (
                  <span className="file-actions">
                    {!image.isCover && (
                      <button type="button" onClick={() => act(() => api.call('images.setCover', { id: image.id }))}>
                        {t('step2.setCover')}
                        <span className="visually-hidden"> — {image.fileName}</span>
                      </button>
                    )}
                    <button type="button" className="danger-link" onClick={() => onRemove(image)}>
                      {t('step2.remove')}
                      <span className="visually-hidden"> — {image.fileName}</span>
                    </button>
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {images.length === 0 && readOnly && <p className="hint">{t('step2.none')}</p>}
      {!readOnly &&
        (remaining > 0 ? (
          <DropZone label={title} accept={IMAGE_ACCEPT} multiple={kind === 'interior'} onFiles={onFiles} testId={`drop-${kind}`} />
        ) : (
          <p className="hint">{kind === 'facade' ? t('step2.facadeFull') : t('step2.interiorFull', { max: capacity })}</p>
        ))}
      <SlotFeedback uploads={uploads} notices={notices} problems={problems} errors={errors} />
    </section>
  );
}
