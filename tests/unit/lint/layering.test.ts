import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the layering rules of eslint.config.js fire: each case is an import a layer must not make.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages.filter((m) => m.ruleId === 'no-restricted-imports').length ?? 0;
}

describe('layering is enforced by lint', () => {
  it.each([
    ['src-shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-shared/domain/x.ts', "import { readFileSync } from 'fs';"],
    ['src-shared/domain/x.ts', "import { app } from 'electron';"],
    ['src-shared/domain/x.ts', "import Database from 'better-sqlite3';"],
    ['src-shared/domain/x.ts', "import { x } from '../../src-main/core/x.ts';"],
    ['src-renderer/app/x.ts', "import { x } from '../../src-main/core/x.ts';"],
    ['src-renderer/app/x.ts', "import { x } from '../../src-server/x.ts';"],
    ['src-renderer/app/x.ts', "import { join } from 'node:path';"],
    ['src-main/core/x.ts', "import { app } from 'electron';"],
    ['src-main/core/x.ts', "import { x } from '../../src-server/x.ts';"],
    ['src-main/host/x.ts', "import { ipcMain } from 'electron';"],
    ['src-server/x.ts', "import { x } from '../src-main/core/x.ts';"],
    ['src-server/x.ts', "import { app } from 'electron';"],
    ['tests/unit/x.ts', "import { app } from 'electron';"],
  ])('%s may not: %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, `${code}\nexport {};\n`)).toBe(1);
  });

  it.each([
    ['src-shared/domain/x.ts', "import { z } from 'zod';"],
    ['src-shared/db/x.ts', "import { VALUATION_STATUSES } from '../domain/enums.ts';"],
    ['src-renderer/app/x.ts', "import { VALUATION_STATUSES } from '../../src-shared/domain/enums.ts';"],
    ['src-main/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/core/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, `${code}\nexport {};\n`)).toBe(0);
  });
});
