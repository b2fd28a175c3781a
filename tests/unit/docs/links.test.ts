// A fresh clone has only the repository: the README and docs/ must point to nothing outside it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const FILES = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];

describe('the documentation points inside the repository', () => {
  it('has the design documents under docs/design', () => {
    for (const name of ['ARCHITECTURE.md', 'DOMAIN.md']) expect(existsSync(join(ROOT, 'docs', 'design', name))).toBe(true);
  });

  it.each(FILES.map((file) => [relative(ROOT, file), file]))('%s: every relative link resolves to a file of the repository', (_, file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter((t) => !/^(https?:|mailto:|#)/.test(t));
    for (const target of targets) {
      const path = resolve(dirname(file), target.split('#')[0] ?? '');
      expect({ target, inside: !relative(ROOT, path).startsWith('..'), exists: existsSync(path) }).toEqual({ target, inside: true, exists: true });
    }
    // Paths written as code (`../shared/design/X.md`) are links too, for a reader.
    expect(text).not.toMatch(/`\.\.\/[^`]*`|\/work\/|shared\/design/);
  });
});
