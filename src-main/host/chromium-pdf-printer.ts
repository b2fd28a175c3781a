// The report's PDF printer outside Electron (the browser host, tests): a Chromium driven by
// playwright-core, launched on the first print and reused, each print in a fresh page.
import { chromium, type Browser } from 'playwright-core';
import { reportPrintOptions, type PdfPrinter } from '../core/report/pdf.ts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface ChromiumPdfPrinter {
  print: PdfPrinter;
  /** Closes the browser (a later print launches a new one). */
  close(): Promise<void>;
}

export function createChromiumPdfPrinter({ executablePath }: { executablePath: string }): ChromiumPdfPrinter {
  let browser: Promise<Browser> | null = null;
  const launch = () => {
    browser ??= chromium.launch({ executablePath, args: CHROMIUM_ARGS }).catch((error: unknown) => {
      browser = null; // the next print tries again
      throw error;
    });
    return browser;
  };
  return {
    async print(html) {
      // No JavaScript: the report is static, and its HTML is never trusted to run anything.
      const context = await (await launch()).newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const options = reportPrintOptions(html);
        const m = options.marginsMm;
        return await page.pdf({
          format: options.pageSize,
          printBackground: options.printBackground,
          displayHeaderFooter: options.displayHeaderFooter,
          headerTemplate: options.headerTemplate,
          footerTemplate: options.footerTemplate,
          margin: { top: `${m.top}mm`, right: `${m.right}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm` },
        });
      } finally {
        await context.close();
      }
    },
    async close() {
      const running = browser;
      browser = null;
      await (await running?.catch(() => null))?.close();
    },
  };
}
