// Opens a generated file: in the desktop app assets.open copies it under its own name into the data
// folder, the system's program opens it and its path is shown to copy; the browser version saves it as
// a download under its own name instead.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetEntity } from '../../../src-shared/contract/entities.ts';
import { api, opensFilesNatively } from '../../api/index.ts';
import { CopyButton } from '../../ui/copy-button.tsx';
import { ErrorText } from '../../ui/error-text.tsx';

export function LocateFile({ asset }: { asset: Pick<AssetEntity, 'id' | 'fileName'> }) {
  const { t } = useTranslation();
  const [path, setPath] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const locate = async () => {
    setBusy(true);
    setError(null);
    try {
      if (opensFilesNatively) setPath((await api.call('assets.open', { id: asset.id })).path);
      else download(await api.call('assets.read', { id: asset.id }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="locate-file">
      <button type="button" onClick={() => void locate()} disabled={busy} aria-expanded={opensFilesNatively ? path !== null : undefined}>
        {opensFilesNatively ? t('report.files.locate') : t('report.files.download')}
        <span className="visually-hidden"> — {asset.fileName}</span>
      </button>
      {path !== null && (
        <span className="file-location">
          <span>{t('report.files.location')}</span>{' '}
          <code dir="ltr" data-testid="file-path">
            {path}
          </code>{' '}
          <CopyButton text={path} label={t('report.files.copyPath')} />
        </span>
      )}
      <ErrorText error={error} messages={{ NOT_FOUND: t('report.files.notHere') }} />
    </span>
  );
}

/** Saves the bytes as a download named as the file is (the browser asks where, or uses its folder). */
function download(file: { fileName: string; mimeType: string; bytesBase64: string }): void {
  const bytes = Uint8Array.from(atob(file.bytesBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
