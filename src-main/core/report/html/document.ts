// renderReportHtml: the report model as one self-contained HTML document (Hebrew, right to left,
// A4), the same text for the in-app preview (an iframe srcdoc under a strict CSP) and for printing
// to PDF. Everything is inline: styles, fonts and images; it loads nothing.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReportModel } from '../../../../src-shared/domain/report/model.ts';
import { Calculations } from './sections/calculations.ts';
import { Cover } from './sections/cover.ts';
import { Factors } from './sections/factors.ts';
import { Legal } from './sections/legal.ts';
import { Letter } from './sections/letter.ts';
import { Planning } from './sections/planning.ts';
import { Property } from './sections/property.ts';
import { Valuation } from './sections/valuation.ts';
import { FOOTER_META_NAME } from './page.ts';
import { reportStyles } from './styles.ts';

function ReportDocument({ model }: { model: ReportModel }) {
  return h(
    'html',
    { lang: 'he', dir: 'rtl' },
    h(
      'head',
      null,
      h('meta', { charSet: 'utf-8' }),
      h('meta', { name: FOOTER_META_NAME, content: model.footerText ?? '' }),
      h('title', null, [model.cover.title, model.cover.address].filter(Boolean).join(' — ')),
      h('style', { dangerouslySetInnerHTML: { __html: reportStyles() } }),
    ),
    h(
      'body',
      null,
      h(Cover, { cover: model.cover }),
      h(Letter, { letter: model.letter }),
      h(Property, { property: model.property }),
      h(Legal, { legal: model.legal }),
      h(Planning, { planning: model.planning }),
      h(Factors, { factors: model.factors }),
      h(Calculations, { calculations: model.calculations }),
      h(Valuation, { valuation: model.valuation }),
    ),
  );
}

export function renderReportHtml(model: ReportModel): string {
  return `<!doctype html>${renderToStaticMarkup(h(ReportDocument, { model }))}`;
}
