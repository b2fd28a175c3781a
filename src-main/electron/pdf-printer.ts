// The report's PDF printer in the Electron app: a hidden, sandboxed window without scripts or Node
// loads the report HTML from a temporary file and prints it with printToPDF (the options the
// playwright printer uses, under Electron's names), then both go away.
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { reportPrintOptions } from '../core/report/pdf.ts';

const MM_PER_INCH = 25.4;

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  // A file rather than a data: URL: reports with photos run to megabytes, past what a URL should hold.
  const file = join(tmpdir(), `shamay-report-${randomUUID()}.html`);
  await writeFile(file, html, 'utf8');
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    await window.loadFile(file);
    const options = reportPrintOptions(html);
    const inches = (mm: number) => mm / MM_PER_INCH;
    const m = options.marginsMm;
    const pdf = await window.webContents.printToPDF({
      pageSize: options.pageSize,
      printBackground: options.printBackground,
      displayHeaderFooter: options.displayHeaderFooter,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margins: { top: inches(m.top), right: inches(m.right), bottom: inches(m.bottom), left: inches(m.left) },
    });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
    await rm(file, { force: true });
  }
}
