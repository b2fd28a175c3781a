// Opens a generated file: assets.open copies it under its own name into the data folder; the desktop
// app then opens it with the system's program (the browser version cannot), and its path is shown to copy.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetEntity } from '../../../src-shared/contract/entities.ts';
import { api } from '../../api/index.ts';
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
      setPath((await api.call('assets.open', { id: asset.id })).path);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="locate-file">
      <button type="button" onClick={() => void locate()} disabled={busy} aria-expanded={path !== null}>
        {t('report.files.locate')}
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
