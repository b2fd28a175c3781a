// The release workflow (.github/workflows/release.yml): builds on the three runners with Node 24 after
// the tests, signs only in steps that run when the secrets exist, takes secrets only from the secrets
// context, and uploads the installers with their update feeds.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../../..');
const text = readFileSync(resolve(ROOT, '.github/workflows/release.yml'), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  env?: Record<string, string>;
  strategy?: { matrix: { include: { os: string; platform: string }[] } };
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const build = workflow.jobs.build as Job;

describe('release workflow', () => {
  it('runs on tags and by hand, with read-only permissions', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'workflow_dispatch']));
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('tests first (the full suite), then builds on Windows, macOS and Linux with Node 24', () => {
    expect(workflow.jobs.test?.steps.some((step) => step.run?.includes('.ci/run'))).toBe(true);
    expect(build.needs).toBe('test');
    expect(build.strategy?.matrix.include.map((entry) => entry.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    const setupNode = build.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(String(setupNode?.with?.['node-version'])).toBe('24');
    expect(build.steps.some((step) => step.run?.includes('npm ci'))).toBe(true);
    expect(build.steps.some((step) => step.run?.includes('vitest run tests/unit'))).toBe(true);
  });

  it('every platform has a build step; signing steps run only when their secrets exist', () => {
    const distSteps = build.steps.filter((step) => step.run?.includes('npm run dist'));
    for (const platform of ['win', 'mac', 'linux']) expect(distSteps.some((step) => step.if?.includes(`matrix.platform == '${platform}'`)), platform).toBe(true);
    for (const step of distSteps) {
      const usesSecrets = Object.values(step.env ?? {}).some((value) => value.includes('secrets.'));
      if (usesSecrets) expect(step.if, step.name).toMatch(/HAS_(WIN_CERT|AZURE_SIGNING|MAC_CERT)\s*==\s*'true'/);
    }
  });

  it('secrets come only from the secrets context, inside ${{ }}', () => {
    for (const match of text.matchAll(/secrets\.[A-Z0-9_]+/g)) {
      const line = text.slice(text.lastIndexOf('\n', match.index) + 1, text.indexOf('\n', match.index));
      if (line.trimStart().startsWith('#')) continue;
      expect(line, line).toMatch(/\$\{\{[^}]*secrets\.[A-Z0-9_]+[^}]*\}\}/);
    }
    // The job-level flags say only whether a secret is set.
    for (const [name, value] of Object.entries(build.env ?? {})) {
      if (name.startsWith('HAS_')) expect(value, name).toMatch(/^\$\{\{ .*!= '' \}\}$/);
    }
  });

  it('uploads installers and the latest*.yml feeds', () => {
    const upload = build.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    const paths = String(upload?.with?.path);
    for (const pattern of ['.exe', '.msi', '.dmg', '.zip', '.AppImage', '.deb', '.rpm', '.blockmap', 'latest*.yml']) expect(paths).toContain(pattern);
  });

  it('every secret and variable it uses is documented for IT', () => {
    const docs = readFileSync(resolve(ROOT, 'docs/deployment.md'), 'utf8');
    const names = new Set([...text.matchAll(/(?:secrets|vars)\.([A-Z0-9_]+)/g)].map((match) => match[1] as string));
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) expect(docs, name).toContain(name);
  });
});
