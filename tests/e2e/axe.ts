// axe-core in the page: WCAG 2.0 and 2.1, levels A and AA. The result is a short list a failing test
// can print: rule, impact, what to do, and the first elements that break it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './harness.ts';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
let axeSource: string | undefined;
export const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

export async function axeViolations(page: Page): Promise<Violation[]> {
  // A screen change keeps the document: inject axe once per document. Not page.addScriptTag: the app's
  // Content-Security-Policy (script-src 'self') rightly refuses an inline script; DevTools evaluation
  // is outside it, and the page keeps its policy for everything else.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate((axeSource ??= readFileSync(AXE, 'utf8')));
  const script = `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_A_AA)} }, resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    })))`;
  return (await page.evaluate(script)) as Violation[];
}
