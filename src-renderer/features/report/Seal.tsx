// The seal of a signed valuation: who signed it and when, the sha256 that seals the report, and the
// sealed PDF itself (it reaches other computers with the sync, so it may not be here yet).
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetEntity, Valuation } from '../../../src-shared/contract/entities.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { CopyButton } from '../../ui/copy-button.tsx';
import { formatBytes } from '../wizard/upload.ts';
import { LocateFile } from './LocateFile.tsx';
import { shortSha256 } from './report-model.ts';
import { useSignerName } from './use-signer-name.ts';

export interface SealProps {
  valuation: Valuation;
  sealed: AssetEntity | null;
  /** Takes the focus when shown (just signed here). */
  focus?: boolean;
}

export function Seal({ valuation, sealed, focus = false }: SealProps) {
  const { t } = useTranslation();
  const id = useId();
  const signer = useSignerName(valuation);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <section className="report-card report-seal" aria-labelledby={`${id}-title`} data-testid="seal">
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('report.seal.title')}
      </h3>
      <dl className="seal-facts">
        <dt>{t('report.seal.signedBy')}</dt>
        <dd dir="auto" data-testid="seal-signer">
          {signer ?? t('report.signed.someone')}
        </dd>
        <dt>{t('report.seal.signedAt')}</dt>
        <dd>
          <time dateTime={valuation.signedAt ?? undefined} dir="ltr">{formatDateTime(valuation.signedAt)}</time>
        </dd>
        <dt>{t('report.seal.sha256')}</dt>
        <dd>
          {valuation.reportSha256 && (
            <>
              <code dir="ltr" title={valuation.reportSha256} data-testid="seal-sha256">
                {shortSha256(valuation.reportSha256)}
              </code>{' '}
              <CopyButton text={valuation.reportSha256} label={t('report.seal.copySha256')} />
            </>
          )}
        </dd>
        <dt>{t('report.seal.file')}</dt>
        <dd>
          {sealed ? (
            <>
              <span dir="auto">{sealed.fileName}</span> · <span dir="ltr">{formatBytes(sealed.sizeBytes)}</span> <LocateFile asset={sealed} />
            </>
          ) : (
            <span className="hint">{t('report.seal.fileNotHere')}</span>
          )}
        </dd>
      </dl>
    </section>
  );
}
