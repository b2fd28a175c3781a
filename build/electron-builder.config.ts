// electron-builder configuration: `npm run dist` (installers for the machine's platform) and
// `npm run dist:dir` (an unpacked app, quick check). electron-builder loads this file itself (jiti).
//
// - Windows: NSIS per-machine assisted installer (silent: `/S /allusers`) and an MSI for fleets.
// - macOS: dmg + zip (zip feeds the auto-updater), hardened runtime, entitlements, notarization.
// - Linux: AppImage (self-updating), deb and rpm.
// - Signing comes ONLY from the environment (nothing secret is, or may be, in this repository):
//     Windows certificate:  CSC_LINK / CSC_KEY_PASSWORD (or WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD)
//     Azure Trusted Signing: SHAMAY_AZURE_SIGN_ENDPOINT, SHAMAY_AZURE_SIGN_ACCOUNT,
//                            SHAMAY_AZURE_SIGN_PROFILE, SHAMAY_WIN_PUBLISHER_NAME, plus the Azure
//                            credentials AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET
//     macOS Developer ID:   CSC_LINK / CSC_KEY_PASSWORD (or CSC_NAME for a keychain identity)
//     macOS notarization:   APPLE_API_KEY (path of the .p8 file), APPLE_API_KEY_ID, APPLE_API_ISSUER
//   SHAMAY_REQUIRE_SIGNING=1 (set by the release workflow when it has the secrets) makes an unsigned
//   build an error instead of a warning.
// - Migrations ship inside the app: they are bundled into out/main/core-worker.js from
//   src-shared/db/migrations.generated.ts (`npm run db:bundle`), so no migrations/ folder is packaged.
// - Native modules (better-sqlite3 with its N-API prebuilds for every platform, sharp with its
//   @img/* platform package) are unpacked from the asar; nothing is rebuilt (npmRebuild: false).
import type { Configuration } from 'electron-builder';
import { ELECTRON_FUSES } from './fuses.ts';

export const APP_ID = 'com.shamay.desktop';
export const PRODUCT_NAME = 'Shamay';

/**
 * Written into the app's app-update.yml only as a fallback: at run time the app points the updater
 * at `<policy UpdateUrl or server URL>/updates/<channel>` (src-main/electron/updater.ts). The
 * `.invalid` top-level domain never resolves, so a build made without SHAMAY_UPDATE_URL cannot
 * reach anybody's server by accident.
 */
export const PLACEHOLDER_UPDATE_URL = 'https://updates.shamay.invalid/updates/stable';

/** Loaded from node_modules at run time: must not be packed inside app.asar. */
export const NATIVE_MODULES = ['better-sqlite3', 'sharp', '@img'] as const;

/**
 * Production dependencies that neither the Electron main process nor the core worker loads: the sync
 * server's (PGlite, fastify, pg, argon2, jose) and the UI's, which Vite bundles into out/renderer.
 * tests/unit/deploy/builder-config.test.ts walks the imports of both entries to prove none is needed.
 */
export const NOT_SHIPPED = [
  '@electric-sql',
  '@node-rs',
  '@fastify',
  'fastify',
  'pg',
  'jose',
  // react and react-dom ship: the core worker renders the report with react-dom/server.
  'react-i18next',
  'i18next',
  'zustand',
  '@tanstack',
] as const;

type Env = Record<string, string | undefined>;

const present = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

export function createBuilderConfig(env: Env = process.env): Configuration {
  const publisherName = present(env.SHAMAY_WIN_PUBLISHER_NAME) ? env.SHAMAY_WIN_PUBLISHER_NAME.trim() : undefined;
  const azure =
    present(env.SHAMAY_AZURE_SIGN_ENDPOINT) && present(env.SHAMAY_AZURE_SIGN_ACCOUNT) && present(env.SHAMAY_AZURE_SIGN_PROFILE) && publisherName
      ? {
          endpoint: env.SHAMAY_AZURE_SIGN_ENDPOINT.trim(),
          codeSigningAccountName: env.SHAMAY_AZURE_SIGN_ACCOUNT.trim(),
          certificateProfileName: env.SHAMAY_AZURE_SIGN_PROFILE.trim(),
          publisherName,
        }
      : undefined;
  const updateUrl = present(env.SHAMAY_UPDATE_URL) ? env.SHAMAY_UPDATE_URL.trim() : PLACEHOLDER_UPDATE_URL;
  const requireSigning = env.SHAMAY_REQUIRE_SIGNING === '1';

  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: `Copyright © ${PRODUCT_NAME}`,
    // The packaged package.json: the entry point, and the name Electron gives the per-user data
    // folder (%APPDATA%\Shamay, ~/Library/Application Support/Shamay, ~/.config/Shamay).
    extraMetadata: { main: 'out/main/main.js', productName: PRODUCT_NAME },
    directories: { buildResources: 'build', output: 'release/${version}' },
    files: [
      'out/main/**/*',
      'out/preload/**/*',
      'out/renderer/**/*',
      'package.json',
      '!**/*.map',
      // better-sqlite3 ships prebuilt binaries; its C sources (the SQLite amalgamation) are not needed.
      '!**/node_modules/better-sqlite3/{deps,src}/**',
      '!**/node_modules/better-sqlite3/binding.gyp',
      ...NOT_SHIPPED.map((name) => `!**/node_modules/${name}/**`),
      // Type declarations are never loaded at run time (docx lists @types/node as a dependency).
      '!**/node_modules/@types/**',
    ],
    asar: true,
    asarUnpack: NATIVE_MODULES.map((name) => `**/node_modules/${name}/**/*`),
    npmRebuild: false,
    electronFuses: { ...ELECTRON_FUSES },
    // Chromium UI strings for the app's two languages only.
    electronLanguages: ['he', 'en-US'],
    // Channels are folders on the update server (…/updates/stable, …/updates/beta), each with its
    // own latest*.yml; a pre-release version must not switch to beta.yml file names.
    detectUpdateChannel: false,
    publish: [{ provider: 'generic', url: updateUrl }],
    forceCodeSigning: requireSigning,

    win: {
      target: [
        { target: 'nsis', arch: ['x64'] },
        { target: 'msi', arch: ['x64'] },
      ],
      icon: 'build/icon.png',
      // Updates are installed only when their Authenticode signature names this publisher
      // (written into app-update.yml). Without it electron-builder takes the certificate's subject.
      verifyUpdateCodeSignature: true,
      ...(azure ? { azureSignOptions: azure } : publisherName ? { signtoolOptions: { publisherName: [publisherName] } } : {}),
    },
    nsis: {
      oneClick: false,
      perMachine: true,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: PRODUCT_NAME,
      uninstallDisplayName: PRODUCT_NAME,
      // Data is kept on uninstall unless the uninstaller gets --delete-app-data (docs/deployment.md).
      deleteAppDataOnUninstall: false,
      artifactName: '${productName}-Setup-${version}.${ext}',
      installerLanguages: ['he_IL', 'en_US'],
      language: '1037',
    },
    msi: {
      oneClick: false,
      perMachine: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: PRODUCT_NAME,
      artifactName: '${productName}-${version}-${arch}.${ext}',
    },

    mac: {
      target: ['dmg', 'zip'],
      category: 'public.app-category.business',
      icon: 'build/icon.png',
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
      // Notarizes when APPLE_API_KEY / APPLE_API_KEY_ID / APPLE_API_ISSUER are set; skipped (with a
      // warning) on a developer machine without them.
      notarize: true,
      minimumSystemVersion: '12.0',
      artifactName: '${productName}-${version}-${arch}-mac.${ext}',
    },
    dmg: {
      artifactName: '${productName}-${version}-${arch}.${ext}',
    },

    linux: {
      target: ['AppImage', 'deb', 'rpm'],
      icon: 'build/icon.png',
      category: 'Office',
      executableName: 'shamay',
      synopsis: 'Real-estate appraisal, offline first',
      maintainer: present(env.SHAMAY_PACKAGE_MAINTAINER) ? env.SHAMAY_PACKAGE_MAINTAINER.trim() : 'Shamay <it@shamay.invalid>',
      vendor: PRODUCT_NAME,
      artifactName: '${productName}-${version}-${arch}.${ext}',
    },
    deb: { packageCategory: 'office' },
  };
}

export default createBuilderConfig();
