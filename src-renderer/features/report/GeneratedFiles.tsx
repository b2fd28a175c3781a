// The files generated from the valuation (exports, the sealed report), newest first: type, version,
// size, date and sync state, the sealed report marked, each with its location on this computer.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetEntity } from '../../../src-shared/contract/entities.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { SyncBadge } from '../../ui/badges.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import { formatBytes } from '../wizard/upload.ts';
import { LocateFile } from './LocateFile.tsx';

export interface GeneratedFilesProps {
  assets: AssetEntity[] | null;
  error: unknown;
  /** The sealed report's id, marked in the list. */
  sealedId: string | null;
}

export function GeneratedFiles({ assets, error, sealedId }: GeneratedFilesProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="report-files" aria-labelledby={`${id}-title`} data-testid="generated-files">
      <h4 id={`${id}-title`}>{t('report.files.title')}</h4>
      <ErrorText error={error} />
      {!assets && !error && <p className="hint">{t('app.loading')}</p>}
      {assets?.length === 0 && <p className="hint">{t('report.files.empty')}</p>}
      {assets && assets.length > 0 && (
        <ul className="files">
          {assets.map((asset) => (
            <FileRow key={asset.id} asset={asset} sealed={asset.id === sealedId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FileRow({ asset, sealed }: { asset: AssetEntity; sealed: boolean }) {
  const { t } = useTranslation();
  return (
    <li className={`file-row${sealed ? ' is-sealed' : ''}`} data-testid="generated-file" data-type={asset.assetType} data-sealed={sealed || undefined}>
      <span className="badge">{t(`report.files.types.${asset.assetType}`)}</span>
      <span className="file-name" dir="auto">
        {asset.fileName}
      </span>
      {sealed && <span className="badge sealed-badge">{t('report.files.sealed')}</span>}
      <span className="file-size">{t('report.files.version', { n: asset.version })}</span>
      <span className="file-size" dir="ltr">
        {formatBytes(asset.sizeBytes)}
      </span>
      <time className="file-size" dateTime={asset.createdAt} dir="ltr">
        {formatDateTime(asset.createdAt)}
      </time>
      <SyncBadge state={asset.syncState} />
      <LocateFile asset={asset} />
    </li>
  );
}
