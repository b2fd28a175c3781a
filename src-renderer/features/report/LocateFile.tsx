// Where a generated file is on this computer: assets.open answers with its path, shown to copy.
// (Neither transport can hand a path to the system's file opener yet; see the step 5 notes.)
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
