// The Electron fuses of the packaged app (build/fuses.ts), and that electron-builder turns them into
// the @electron/fuses wire settings we mean (it flips them right before signing).
import { createRequire } from 'node:module';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { createBuilderConfig } from '../../../build/electron-builder.config.ts';
import { ELECTRON_FUSES } from '../../../build/fuses.ts';

describe('Electron fuses', () => {
  it('are the hardened set', () => {
    expect(ELECTRON_FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('are what the builder configuration flips', () => {
    expect(createBuilderConfig({}).electronFuses).toEqual(ELECTRON_FUSES);
    // ASAR integrity needs the asar, and the integrity data electron-builder embeds.
    expect(createBuilderConfig({}).asar).toBe(true);
    expect(createBuilderConfig({}).disableAsarIntegrity).toBeUndefined();
  });

  it('electron-builder maps them onto the @electron/fuses options we expect', async () => {
    const appBuilderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
    const { PlatformPackager } = appBuilderRequire('./out/index.js') as {
      PlatformPackager: { prototype: { generateFuseConfig(fuses: object): Promise<Record<string | number, unknown>> } };
    };
    const wire = await PlatformPackager.prototype.generateFuseConfig.call(null, ELECTRON_FUSES);
    expect(wire.version).toBe(FuseVersion.V1);
    expect(wire[FuseV1Options.RunAsNode]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });
});
