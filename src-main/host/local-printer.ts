// The report printer of the browser version (npm start without Electron, the browser host): the
// machine's Chromium driven by playwright-core. Electron prints with its own Chromium instead.
import { existsSync } from 'node:fs';
import { createChromiumPdfPrinter, type ChromiumPdfPrinter } from './chromium-pdf-printer.ts';

/** SHAMAY_CHROMIUM, else the usual places; null when there is none (printing then says it cannot). */
export function localPdfPrinter(env: NodeJS.ProcessEnv = process.env): ChromiumPdfPrinter | null {
  const executablePath = [env.SHAMAY_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
    (path): path is string => Boolean(path && existsSync(path)),
  );
  return executablePath ? createChromiumPdfPrinter({ executablePath }) : null;
}
