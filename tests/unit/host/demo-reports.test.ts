import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cachedPrinter, demoReportHtml } from '../../../src-main/host/demo-reports.ts';
import { generateDemoPeople, generateValuations } from '../../../src-shared/seed/index.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('the demo reports printer', () => {
  it('prints an HTML once: the same HTML again comes from the cache, another one is printed', async () => {
    const dir = tempDir('shamay-report-cache-');
    const printed: string[] = [];
    const print = cachedPrinter(async (html) => {
      printed.push(html);
      return new TextEncoder().encode(`%PDF-1.4 ${html}`);
    }, dir);
    const first = await print('<p>א</p>');
    expect(await print('<p>א</p>')).toEqual(first);
    await print('<p>ב</p>');
    expect(printed).toEqual(['<p>א</p>', '<p>ב</p>']);
    expect(readdirSync(dir).sort()).toHaveLength(2);
    expect(readdirSync(dir).every((name) => /^[0-9a-f]{64}\.pdf$/.test(name))).toBe(true);
  });

  it('builds the report of a seeded signed valuation with its address, appraiser and office, deterministically', () => {
    const people = generateDemoPeople(1);
    const item = [...generateValuations({ seed: 1, valuations: 10 }, people)].find((i) => i.valuation.status === 'SIGNED')!;
    const html = demoReportHtml(item, people);
    expect(html).toContain(item.valuation.step1Data.street);
    expect(html).toContain(people.organization.name);
    expect(html).toContain(item.valuation.step1Data.appraiserName);
    // The same rows give the same HTML, so the cache serves a fresh data folder.
    expect(demoReportHtml(item, people)).toBe(html);
  });
});
