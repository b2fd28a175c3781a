// What a conflict or a refused change is about: the valuation's title (a link to it), or the file's
// name in its valuation.
import { useTranslation } from 'react-i18next';
import type { ChangeSubject } from '../../../src-shared/contract/entities.ts';
import { hrefOf } from '../../app/router.ts';

export function SubjectTitle({ subject }: { subject: ChangeSubject }) {
  const { t } = useTranslation();
  const valuation = subject.valuationId ? (
    <a href={hrefOf({ name: 'valuation', id: subject.valuationId, step: 1 })} dir="auto">
      {subject.valuationTitle ?? t('changeSubject.valuation')}
    </a>
  ) : null;
  if (subject.kind === 'valuation') return valuation ?? <>{t('changeSubject.deletedValuation')}</>;
  if (subject.kind === 'document' || subject.kind === 'image') {
    return (
      <>
        {t(`changeSubject.${subject.kind}`)} <bdi>{subject.title ?? ''}</bdi>
        {valuation && <> · {valuation}</>}
      </>
    );
  }
  return <>{t('changeSubject.other')}</>;
}
