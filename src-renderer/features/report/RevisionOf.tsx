// "Revision of <title>" on a revision, linking back to the signed valuation it was made from.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.ts';
import { hrefOf } from '../../app/router.ts';

export function RevisionOf({ originalId }: { originalId: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setTitle(null);
    api.call('valuations.get', { id: originalId }).then(
      (original) => live && setTitle(original.title),
      () => undefined, // not here (yet): the link still leads to it, under a general name
    );
    return () => {
      live = false;
    };
  }, [originalId]);

  return (
    <p className="revision-of" data-testid="revision-of">
      {t('report.revision.of')}{' '}
      <a href={hrefOf({ name: 'valuation', id: originalId, step: 5 })} dir="auto">
        {title ?? t('report.revision.original')}
      </a>
    </p>
  );
}
