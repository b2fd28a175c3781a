// Accuracy of the land-registry extraction over the fixture corpus (tests/fixtures/tabu/corpus): per
// extract and in total, facts exact / wrong / missing, and wrong-but-confident (a wrong fact given
// with confidence >= 0.8), with the time each extraction took. Target on the corpus: all exact, none
// wrong-but-confident. Printed, not pass/fail (the per-fixture test is the gate).
// Run: node tests/bench/tabu/extraction.run.ts
import { extractFixture, factCount, fixtureNames, readGolden, score, type Score } from '../../fixtures/tabu/corpus/golden.ts';

const scores: Score[] = [];
const rows: string[] = [];
for (const name of fixtureNames()) {
  const start = performance.now();
  const result = await extractFixture(name);
  const ms = performance.now() - start;
  const s = score(name, readGolden(name), result);
  scores.push(s);
  rows.push(`${name.padEnd(46)} ${String(factCount(s)).padStart(5)} ${String(s.exact).padStart(6)} ${String(s.wrong.length).padStart(6)} ${String(s.missing.length).padStart(8)} ${String(s.wrongConfident.length).padStart(10)} ${ms.toFixed(0).padStart(6)} ms`);
}
console.log(`${'extract'.padEnd(46)} ${'facts'.padStart(5)} ${'exact'.padStart(6)} ${'wrong'.padStart(6)} ${'missing'.padStart(8)} ${'confident'.padStart(10)}`);
for (const row of rows) console.log(row);
const total = (pick: (s: Score) => number) => scores.reduce((sum, s) => sum + pick(s), 0);
const facts = total(factCount);
const exact = total((s) => s.exact);
console.log(
  `total: ${facts} facts, ${exact} exact (${((100 * exact) / Math.max(1, facts)).toFixed(1)} %), ${total((s) => s.wrong.length)} wrong, ` +
    `${total((s) => s.missing.length)} missing, ${total((s) => s.wrongConfident.length)} wrong-but-confident (>= 0.8); ` +
    `review flags off: ${total((s) => s.reviewMismatches.length)}`,
);
for (const s of scores) {
  for (const line of [...s.wrong, ...s.missing.map((m) => `missing ${m}`), ...s.reviewMismatches]) console.log(`  ${s.name}: ${line}`);
}
