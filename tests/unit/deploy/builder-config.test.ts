// The electron-builder configuration (build/electron-builder.config.ts): valid against electron-builder's
// own JSON schema (app-builder-lib/scheme.json), loadable by electron-builder itself, with the options a
// fleet relies on, signing only from the environment, and a package that contains what the app loads.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, matchesGlob, resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import builderConfig, { createBuilderConfig, NATIVE_MODULES, NOT_SHIPPED, PLACEHOLDER_UPDATE_URL } from '../../../build/electron-builder.config.ts';
import { ELECTRON_FUSES } from '../../../build/fuses.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const SCHEMA_FILE = require.resolve('app-builder-lib/scheme.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

/** A configuration as electron-builder receives it (functions and undefined dropped, like JSON). */
const asJson = (config: Configuration): unknown => JSON.parse(JSON.stringify(config));

const SIGNING_ENV = {
  SHAMAY_UPDATE_URL: 'https://shamay.example.org/updates/stable',
  SHAMAY_WIN_PUBLISHER_NAME: 'Example Appraisers Ltd',
  SHAMAY_AZURE_SIGN_ENDPOINT: 'https://weu.codesigning.azure.net',
  SHAMAY_AZURE_SIGN_ACCOUNT: 'example-signing',
  SHAMAY_AZURE_SIGN_PROFILE: 'example-profile',
  SHAMAY_REQUIRE_SIGNING: '1',
};

describe("electron-builder's own schema", () => {
  it('accepts the configuration, with and without signing variables', () => {
    const validate = validator();
    for (const config of [builderConfig, createBuilderConfig({}), createBuilderConfig(SIGNING_ENV)]) {
      const ok = validate(asJson(config));
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('is a real check: a misspelt option is refused', () => {
    const validate = validator();
    const config = asJson(createBuilderConfig({})) as { nsis: Record<string, unknown> };
    config.nsis.oneClik = false;
    expect(validate(config)).toBe(false);
  });

  it('is loaded and validated by electron-builder itself', async () => {
    const appBuilderRequire = createRequire(SCHEMA_FILE);
    const { getConfig, validateConfiguration } = appBuilderRequire('./out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Configuration>;
      validateConfiguration(config: Configuration, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = appBuilderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(ROOT, join(ROOT, 'build/electron-builder.config.ts'), null);
    expect(loaded.appId).toBe('com.shamay.desktop');
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });
});

describe('fleet options', () => {
  const config = createBuilderConfig({});

  it('identifies the app', () => {
    expect(config.appId).toBe('com.shamay.desktop');
    expect(config.productName).toBe('Shamay');
    expect(config.extraMetadata).toMatchObject({ main: 'out/main/main.js', productName: 'Shamay' });
    expect(existsSync(join(ROOT, 'build/icon.png'))).toBe(true);
    for (const platform of [config.win, config.mac, config.linux]) expect(platform?.icon).toBe('build/icon.png');
  });

  it('Windows: per-machine assisted NSIS (not one-click) and an MSI', () => {
    const targets = (config.win?.target as { target: string }[]).map((t) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['nsis', 'msi']));
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, deleteAppDataOnUninstall: false });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
  });

  it('macOS: dmg + zip, hardened runtime with entitlements, notarization', () => {
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).toBe(true);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toBeTruthy();
      const text = readFileSync(join(ROOT, file as string), 'utf8');
      expect(text).toContain('com.apple.security.cs.allow-jit');
      expect(text).not.toContain('disable-library-validation');
    }
  });

  it('Linux: AppImage, deb and rpm', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('publishes a generic feed whose URL comes from the environment (placeholder otherwise)', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: PLACEHOLDER_UPDATE_URL }]);
    expect(new URL(PLACEHOLDER_UPDATE_URL).hostname.endsWith('.invalid')).toBe(true);
    expect(createBuilderConfig({ SHAMAY_UPDATE_URL: 'https://updates.example.org/shamay/stable' }).publish).toEqual([
      { provider: 'generic', url: 'https://updates.example.org/shamay/stable' },
    ]);
    expect(config.detectUpdateChannel).toBe(false);
  });

  it('flips the fuses from build/fuses.ts', () => {
    expect(config.electronFuses).toEqual(ELECTRON_FUSES);
  });

  it('unpacks the native modules and rebuilds nothing', () => {
    for (const name of ['better-sqlite3', 'sharp', '@img']) {
      expect(config.asarUnpack).toContain(`**/node_modules/${name}/**/*`);
    }
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
  });
});

describe('signing comes from the environment only', () => {
  it('holds no certificate, password or key in the configuration', () => {
    for (const config of [createBuilderConfig({}), createBuilderConfig(SIGNING_ENV)]) {
      const text = JSON.stringify(config);
      for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1', 'appleIdPassword', 'APPLE_API_KEY']) {
        expect(text).not.toContain(key);
      }
    }
    const source = readFileSync(join(ROOT, 'build/electron-builder.config.ts'), 'utf8');
    expect(source).not.toMatch(/(password|secret)\s*:\s*['"]/i);
  });

  it('without signing variables: no Azure, no forced signing', () => {
    const config = createBuilderConfig({});
    expect(config.win?.azureSignOptions).toBeUndefined();
    expect(config.forceCodeSigning).toBe(false);
  });

  it('Azure Trusted Signing and the publisher name come from variables; signing is then required', () => {
    const config = createBuilderConfig(SIGNING_ENV);
    expect(config.win?.azureSignOptions).toEqual({
      endpoint: SIGNING_ENV.SHAMAY_AZURE_SIGN_ENDPOINT,
      codeSigningAccountName: SIGNING_ENV.SHAMAY_AZURE_SIGN_ACCOUNT,
      certificateProfileName: SIGNING_ENV.SHAMAY_AZURE_SIGN_PROFILE,
      publisherName: SIGNING_ENV.SHAMAY_WIN_PUBLISHER_NAME,
    });
    expect(config.forceCodeSigning).toBe(true);
  });

  it('a certificate build gets the publisher name that updates are checked against', () => {
    const config = createBuilderConfig({ SHAMAY_WIN_PUBLISHER_NAME: 'Example Appraisers Ltd' });
    expect(config.win?.signtoolOptions?.publisherName).toEqual(['Example Appraisers Ltd']);
  });
});

// ---- what the packaged app loads -----------------------------------------------------------------------

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Runtime imports (not `import type`) of a TypeScript file, comments removed. */
function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const patterns = [
    /^\s*import\s+(?!type\s)[^'";]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?!type\s)[^'";]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) if (match[1]) found.push(match[1]);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

/** The files and bare packages reachable from the entries by runtime imports. */
function importGraph(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.map((entry) => resolve(ROOT, entry));
  while (queue.length) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (/\.tsx?$/.test(target) && existsSync(target)) queue.push(target);
      } else if (!BUILTINS.has(specifier) && specifier !== 'electron') {
        packages.add(packageName(specifier));
      }
    }
  }
  return { files, packages };
}

function findPackageDir(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** The packages and everything they depend on (installed ones; absent optional ones are skipped). */
function dependencyClosure(names: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...names].map((name) => ({ name, from: ROOT }));
  while (queue.length) {
    const { name, from } = queue.pop() as { name: string; from: string };
    const dir = findPackageDir(name, from);
    if (!dir || seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      // Type declarations (docx depends on @types/node) are never loaded at run time.
      if (!dep.startsWith('@types/')) queue.push({ name: dep, from: dir });
    }
  }
  return new Set([...seen].map((dir) => dir.slice(dir.lastIndexOf('node_modules') + 'node_modules/'.length).replace(/\\/g, '/')));
}

describe('the package contains what the app loads', () => {
  // main.ts and the core worker are the two bundles that load node_modules at run time; updater.ts is
  // the shell's update glue (electron-updater is imported dynamically).
  const graph = importGraph(['src-main/electron/main.ts', 'src-main/core/worker/entry.ts', 'src-main/electron/updater.ts', 'src-main/electron/policy.ts']);
  const config = createBuilderConfig({});
  const excludes = (config.files as string[]).filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

  it('finds the runtime packages (sanity)', () => {
    expect(graph.packages).toContain('better-sqlite3');
    expect(graph.packages).toContain('zod');
    expect(graph.packages).toContain('electron-updater');
  });

  it('every runtime package is a production dependency (electron-vite leaves them external)', () => {
    for (const name of graph.packages) expect(Object.keys(manifest.dependencies), `${name} must be in "dependencies"`).toContain(name);
  });

  it('no package the app loads — or anything it depends on — is excluded from the package', () => {
    const shipped = dependencyClosure(graph.packages);
    for (const name of shipped) {
      for (const pattern of excludes) {
        expect(matchesGlob(`node_modules/${name}/index.js`, pattern), `${name} is needed at run time but "${pattern}" leaves it out`).toBe(false);
      }
    }
    // The exclusions do remove what they name.
    for (const name of NOT_SHIPPED) expect(excludes.some((pattern) => matchesGlob(`node_modules/${name}/x/index.js`, pattern))).toBe(true);
  });

  it('the native modules the app loads are unpacked from the asar', () => {
    for (const name of ['better-sqlite3', 'sharp']) {
      if (!graph.packages.has(name)) continue;
      expect(NATIVE_MODULES).toContain(name);
    }
  });

  it('migrations ship inside the app: the core bundles the generated migrations', () => {
    const generated = [...graph.files].filter((file) => file.endsWith('migrations.generated.ts'));
    expect(generated.length).toBeGreaterThan(0);
    // …so the migrations/ folder itself need not be packaged.
    expect((config.files as string[]).some((pattern) => pattern.startsWith('migrations'))).toBe(false);
  });
});
