// The in-app preview shows the report in an iframe srcdoc, which inherits the app's CSP. Under the
// Electron app's exact policy, real Chromium must apply the report's <style> (allowed by its hash)
// and load its inlined font — and refuse any other inline style.
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src-main/core/report/html/document.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/security.ts';
import { buildReportModel } from '../../../src-shared/domain/report/model.ts';
import { fullReportSource } from '../../helpers/report-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`${CHROMIUM} is missing: the preview CSP test is skipped.`);

const report = renderReportHtml(buildReportModel(fullReportSource()));
// A report whose style was tampered with must not be styled: the hash allows exactly the real one.
const tampered = report.replace('<style>', '<style>body{color:rgb(255, 0, 0)}');

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><script src="/main.js"></script></head><body></body></html>';
const SCRIPT = `
addEventListener('DOMContentLoaded', async () => {
  for (const name of ['report', 'tampered']) {
    const html = await (await fetch('/' + name + '.html')).text();
    const frame = document.createElement('iframe');
    frame.id = name;
    frame.setAttribute('sandbox', ''); // as the app shows it: no scripts, an opaque origin
    frame.srcdoc = html;
    document.body.append(frame);
  }
});`;

let server: Server;
let browser: Browser;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const body = request.url === '/main.js' ? SCRIPT : request.url === '/report.html' ? report : request.url === '/tampered.html' ? tampered : PAGE;
    const type = request.url === '/main.js' ? 'text/javascript' : 'text/html; charset=utf-8';
    response.writeHead(200, { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (hasChromium) {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  }
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe.skipIf(!hasChromium)('the report preview under the app CSP', () => {
  it('applies the report\'s own style and font, and nothing else inline', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    const frame = async (id: string) => {
      await page.waitForSelector(`#${id}`);
      const handle = await page.$(`#${id}`);
      const content = await handle!.contentFrame();
      await content!.waitForLoadState('load');
      return content!;
    };
    const real = await frame('report');
    // Strings, not functions: this runs in the page, and the Node test config has no DOM types.
    const styled = (await real.evaluate(`(async () => {
      await document.fonts.ready;
      return {
        family: getComputedStyle(document.body).fontFamily,
        fontLoaded: document.fonts.check('16px "Noto Sans Hebrew"', 'שמאות'),
        direction: getComputedStyle(document.body).direction,
      };
    })()`)) as { family: string; fontLoaded: boolean; direction: string };
    expect(styled.family).toContain('Noto Sans Hebrew');
    expect(styled.fontLoaded).toBe(true);
    expect(styled.direction).toBe('rtl');

    const other = await frame('tampered');
    const color = await other.evaluate('getComputedStyle(document.body).color');
    expect(color).not.toBe('rgb(255, 0, 0)');
    // The tampered <style> is refused whole (its hash is not allowed): not even the report's font applies.
    expect(await other.evaluate('getComputedStyle(document.body).fontFamily')).not.toContain('Noto Sans Hebrew');
    await page.close();
  });
});
