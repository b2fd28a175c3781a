// The report's one <style> element is the same text for every report (its CSS and inlined fonts), so
// the app's CSP can allow exactly it by hash: the in-app preview (an iframe srcdoc, which inherits the
// app's CSP) then shows the report styled without allowing inline styles in general.
import { createHash } from 'node:crypto';
import { reportStyles } from './styles.ts';

/** The CSP source ('sha256-…') that allows the report's <style> element and nothing else inline. */
export function reportStyleCspSource(): string {
  return `'sha256-${createHash('sha256').update(reportStyles(), 'utf8').digest('base64')}'`;
}
