// The update feed end to end, over real HTTP on 127.0.0.1: the sync server serves latest*.yml and the
// artifacts from a directory (SHAMAY_UPDATES_DIR); the updater logic parses the feed and checks each
// file's sha512; staged rollouts take the stated share of devices; channels are folders; updates
// turned off by policy make no request at all. Finally electron-updater itself (its real AppUpdater
// and generic provider, with a Node HTTP executor instead of Electron's) reads our server.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { join } from 'node:path';
import { HttpExecutor } from 'builder-util-runtime';
import electronUpdater from 'electron-updater';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_UPDATE_POLICY, type UpdatePolicy } from '../../../src-main/electron/policy.ts';
import {
  bucketFromUpdaterId,
  configureUpdater,
  feedFileName,
  isInRollout,
  parseUpdateInfo,
  planUpdateCheck,
  sha512OfBytes,
  startAutoUpdates,
  UpdateFeedError,
  verifySha512,
  type UpdaterLike,
} from '../../../src-main/electron/updater.ts';
import { serverConfigSchema } from '../../../src-server/config.ts';
import { installErrorHandler } from '../../../src-server/http/errors.ts';
import { startSyncServer } from '../../../src-server/start.ts';
import { parseRangeHeader } from '../../../src-server/updates/ranges.ts';
import { registerUpdateRoutes, UPDATES_DIR_ENV } from '../../../src-server/updates/routes.ts';
import { tempDir } from '../../helpers/temp.ts';

// ---- a release directory, as `npm run dist` + copying would leave it ---------------------------------------

const STABLE_VERSION = '1.2.0';
const BETA_VERSION = '1.3.0-beta.1';
const STAGING = 30;

interface Release {
  version: string;
  file: string;
  bytes: Buffer;
}

function feedYaml(release: Release, extra = ''): string {
  const sha512 = createHash('sha512').update(release.bytes).digest('base64');
  // The layout electron-builder writes.
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.file}`,
    `    sha512: ${sha512}`,
    `    size: ${release.bytes.length}`,
    `path: ${release.file}`,
    `sha512: ${sha512}`,
    "releaseDate: '2025-03-01T10:00:00.000Z'",
    extra,
  ]
    .filter(Boolean)
    .join('\n');
}

let root: string;
let outside: string;
let app: FastifyInstance;
let base: string;
const releases: Record<'stable' | 'beta', Release> = {
  stable: { version: STABLE_VERSION, file: `Shamay-Setup-${STABLE_VERSION}.exe`, bytes: randomBytes(256 * 1024 + 17) },
  beta: { version: BETA_VERSION, file: `Shamay-Setup-${BETA_VERSION}.exe`, bytes: randomBytes(64 * 1024) },
};

function makeUpdatesDir(dir: string): void {
  for (const channel of ['stable', 'beta'] as const) {
    const release = releases[channel];
    mkdirSync(join(dir, channel), { recursive: true });
    writeFileSync(join(dir, channel, release.file), release.bytes);
    const staging = channel === 'stable' ? `stagingPercentage: ${STAGING}` : '';
    writeFileSync(join(dir, channel, 'latest.yml'), feedYaml(release, staging));
    writeFileSync(join(dir, channel, 'latest-mac.yml'), feedYaml({ ...release, file: `Shamay-${release.version}-arm64-mac.zip` }, staging));
    writeFileSync(join(dir, channel, 'latest-linux.yml'), feedYaml({ ...release, file: `Shamay-${release.version}-x86_64.AppImage` }, staging));
  }
}

beforeAll(async () => {
  // One directory for the whole suite (tempDir() is per test).
  root = mkdtempSync(join(tmpdir(), 'shamay-updates-'));
  outside = mkdtempSync(join(tmpdir(), 'shamay-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'not for download');
  makeUpdatesDir(root);
  // A symlink that leads out of the updates directory must not be followed.
  symlinkSync(join(outside, 'secret.txt'), join(root, 'stable', 'escape.txt'));
  mkdirSync(join(root, 'stable', 'folder.exe'));

  app = Fastify({ logger: false });
  installErrorHandler(app);
  registerUpdateRoutes(app, { log: app.log }, { dir: root });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** A raw GET (no URL normalization by fetch, so traversal attempts reach the server as written). */
function rawGet(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  return new Promise((resolvePromise, reject) => {
    const url = new URL(base);
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// ---- the feed --------------------------------------------------------------------------------------------

describe('the server serves the feed and the updater logic reads it', () => {
  it('latest.yml parses; the installer it names matches its sha512', async () => {
    const feed = await rawGet('/updates/stable/latest.yml');
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/yaml/);
    expect(feed.headers['cache-control']).toBe('no-cache');
    const info = parseUpdateInfo(feed.body.toString('utf8'));
    expect(info.version).toBe(STABLE_VERSION);
    expect(info.stagingPercentage).toBe(STAGING);
    expect(info.files).toHaveLength(1);
    const file = info.files[0] as (typeof info.files)[number];

    const download = await rawGet(`/updates/stable/${encodeURIComponent(file.url)}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-length']).toBe(String(releases.stable.bytes.length));
    expect(download.headers['accept-ranges']).toBe('bytes');
    // The signature check: the sha512 computed here from the artifact is the one the feed states.
    const computed = createHash('sha512').update(download.body).digest('base64');
    expect(computed).toBe(file.sha512);
    expect(sha512OfBytes(download.body)).toBe(file.sha512);
    expect(verifySha512(download.body, file.sha512)).toBe(true);
    expect(file.size).toBe(download.body.length);

    const tampered = Buffer.from(download.body);
    tampered[1000] = (tampered[1000] as number) ^ 0xff;
    expect(verifySha512(tampered, file.sha512)).toBe(false);
    expect(verifySha512(download.body.subarray(1), file.sha512)).toBe(false);
  });

  it('every platform feed is served and valid', async () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const response = await rawGet(`/updates/stable/${feedFileName(platform, 'x64')}`);
      expect(response.status, platform).toBe(200);
      expect(parseUpdateInfo(response.body.toString('utf8')).version).toBe(STABLE_VERSION);
    }
    expect(feedFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
  });

  it('channels are folders: the plan for beta reads the beta feed', async () => {
    const policy: UpdatePolicy = { ...DEFAULT_UPDATE_POLICY, channel: 'beta' };
    const plan = planUpdateCheck({ policy, serverUrl: base, isPackaged: true });
    expect(plan).toEqual({ action: 'check', feedUrl: `${base}/updates/beta`, channel: 'beta', autoDownload: true });
    const feed = await fetch(`${plan.action === 'check' ? plan.feedUrl : ''}/latest.yml`);
    expect(parseUpdateInfo(await feed.text()).version).toBe(BETA_VERSION);
    const stable = planUpdateCheck({ policy: DEFAULT_UPDATE_POLICY, serverUrl: `${base}/`, isPackaged: true });
    expect(stable).toMatchObject({ feedUrl: `${base}/updates/stable` });
    // A policy UpdateUrl replaces the sync server as the host.
    expect(planUpdateCheck({ policy: { ...policy, feedBaseUrl: 'https://updates.example.org/shamay' }, serverUrl: base, isPackaged: true })).toMatchObject({
      feedUrl: 'https://updates.example.org/shamay/beta',
    });
  });

  it('invalid feeds are refused with the reason', () => {
    const good = feedYaml(releases.stable);
    expect(() => parseUpdateInfo(good.replace(`version: ${STABLE_VERSION}`, 'version: latest'))).toThrow(/version must be a semantic version/);
    expect(() => parseUpdateInfo(good.replace(/ {4}sha512: .*/, '    sha512: abc'))).toThrow(/files\.0\.sha512/);
    expect(() => parseUpdateInfo(good.replace(/releaseDate: .*/, 'releaseDate: yesterday'))).toThrow(/releaseDate/);
    expect(() => parseUpdateInfo(`${good}\nstagingPercentage: 150`)).toThrow(/stagingPercentage/);
    expect(() => parseUpdateInfo('version: [1.2')).toThrow(UpdateFeedError);
    expect(() => parseUpdateInfo('just text')).toThrow(/invalid/);
    expect(parseUpdateInfo(`${good}\nstagingPercentage: '40'`).stagingPercentage).toBe(40);
  });
});

describe('staged rollout', () => {
  it('the stated share of devices takes part (≈ the percentage over many devices)', async () => {
    const info = parseUpdateInfo((await rawGet('/updates/stable/latest.yml')).body.toString('utf8'));
    const devices = 20_000;
    for (const percentage of [info.stagingPercentage as number, 1, 50, 90]) {
      let inRollout = 0;
      for (let i = 0; i < devices; i++) if (isInRollout(bucketFromUpdaterId(randomUUID()), percentage)) inRollout++;
      expect(Math.abs(inRollout / devices - percentage / 100), `${percentage}%`).toBeLessThan(0.015);
    }
  });

  it('edges: no percentage, 0 and 100; a device keeps its answer', () => {
    const id = randomUUID();
    const bucket = bucketFromUpdaterId(id);
    expect(bucket).toBeGreaterThanOrEqual(0);
    expect(bucket).toBeLessThanOrEqual(1);
    expect(bucketFromUpdaterId(id)).toBe(bucket);
    expect(isInRollout(bucket, undefined)).toBe(true);
    expect(isInRollout(bucket, 100)).toBe(true);
    expect(isInRollout(0, 0)).toBe(false);
    expect(isInRollout(0.2999, 30)).toBe(true);
    expect(isInRollout(0.3, 30)).toBe(false);
    // Same place as electron-updater's own computation: bytes 12–15 of the UUID.
    expect(bucketFromUpdaterId('00000000-0000-0000-0000-0000ffffffff')).toBe(1);
    expect(bucketFromUpdaterId('ffffffff-ffff-ffff-ffff-ffff00000000')).toBe(0);
    expect(() => bucketFromUpdaterId('nope')).toThrow();
  });
});

describe('path safety and HTTP details', () => {
  it('nothing outside the updates directory can be fetched', async () => {
    for (const path of [
      '/updates/stable/..%2F..%2Fsecret.txt',
      '/updates/stable/%2e%2e%2fbeta%2flatest.yml',
      '/updates/..%2F..%2Fetc/passwd',
      '/updates/stable/..',
      '/updates/stable/.hidden',
      '/updates/Stable/latest.yml',
      '/updates/stable/escape.txt',
      '/updates/stable/folder.exe',
      '/updates/stable/missing.exe',
      '/updates/stable/latest.yml%00.exe',
      '/updates/stable/..\\..\\secret.txt',
    ]) {
      const response = await rawGet(path);
      expect(response.status, path).toBe(404);
      expect(response.body.toString()).not.toContain('not for download');
    }
  });

  it('single and multiple byte ranges (differential downloads), and 416', async () => {
    const bytes = releases.stable.bytes;
    const file = `/updates/stable/${releases.stable.file}`;
    const one = await rawGet(file, { range: 'bytes=100-199' });
    expect(one.status).toBe(206);
    expect(one.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(one.body.equals(bytes.subarray(100, 200))).toBe(true);

    const suffix = await rawGet(file, { range: 'bytes=-10' });
    expect(suffix.body.equals(bytes.subarray(bytes.length - 10))).toBe(true);

    const ranges = [
      [0, 9],
      [5000, 5999],
      [bytes.length - 5, bytes.length - 1],
    ] as const;
    const many = await rawGet(file, { range: `bytes=${ranges.map(([a, b]) => `${a}-${b}`).join(',')}` });
    expect(many.status).toBe(206);
    const boundary = /boundary=([^;]+)$/.exec(String(many.headers['content-type']))?.[1] as string;
    expect(boundary).toBeTruthy();
    expect(Number(many.headers['content-length'])).toBe(many.body.length);
    // electron-updater expects the body to start with the first delimiter, no leading CRLF.
    expect(many.body.subarray(0, boundary.length + 2).toString()).toBe(`--${boundary}`);
    const parts = many.body.toString('latin1').split(`--${boundary}`).slice(1, -1);
    expect(parts).toHaveLength(ranges.length);
    parts.forEach((part, index) => {
      const [start, end] = ranges[index] as readonly [number, number];
      const [head, ...rest] = part.split('\r\n\r\n');
      expect(head).toContain(`Content-Range: bytes ${start}-${end}/${bytes.length}`);
      const data = Buffer.from(rest.join('\r\n\r\n').replace(/\r\n$/, ''), 'latin1');
      expect(data.equals(bytes.subarray(start, end + 1)), `part ${index}`).toBe(true);
    });

    const beyond = await rawGet(file, { range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);
    // A malformed Range is ignored: the whole file.
    expect((await rawGet(file, { range: 'bytes=9-1' })).status).toBe(200);
    expect(parseRangeHeader('items=0-1', 10)).toBeNull();
  });

  it('HEAD answers with the headers only; If-None-Match gives 304', async () => {
    const head = await rawGet('/updates/stable/latest.yml', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const etag = String(head.headers.etag);
    expect((await rawGet('/updates/stable/latest.yml', { 'if-none-match': etag })).status).toBe(304);
  });

  it('without an updates directory the feed is off (404 that says so)', async () => {
    const off = Fastify({ logger: false });
    installErrorHandler(off);
    registerUpdateRoutes(off, { log: off.log }, { dir: null });
    const response = await off.inject({ method: 'GET', url: '/updates/stable/latest.yml' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'UPDATES_NOT_CONFIGURED' } });
    await off.close();
  });

  // A whole server start (PGlite migrations): ~10 s alone, much longer on a busy machine.
  it('the sync server itself serves SHAMAY_UPDATES_DIR (no sign-in needed)', { timeout: 240_000 }, async () => {
    const previous = process.env[UPDATES_DIR_ENV];
    process.env[UPDATES_DIR_ENV] = root;
    try {
      const server = await startSyncServer(serverConfigSchema.parse({ port: 0, dataDir: tempDir('shamay-update-server-'), logLevel: 'silent' }));
      try {
        const feed = await fetch(`${server.url}/updates/stable/latest.yml`);
        expect(feed.status).toBe(200);
        expect(parseUpdateInfo(await feed.text()).version).toBe(STABLE_VERSION);
      } finally {
        await server.stop();
      }
    } finally {
      if (previous === undefined) delete process.env[UPDATES_DIR_ENV];
      else process.env[UPDATES_DIR_ENV] = previous;
    }
  });
});

// ---- the updater glue, against electron-updater itself ------------------------------------------------------

/** electron-updater's HTTP executor for plain Node (in the app it is Electron's net module). */
class NodeExecutor extends HttpExecutor<ReturnType<typeof httpRequest>> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void) {
    return httpRequest(options, callback);
  }
}

function fakeLog() {
  const lines: string[] = [];
  const write = (level: string) => (message: string, details?: Record<string, unknown>) => void lines.push(`${level} ${message} ${details ? JSON.stringify(details) : ''}`);
  return { lines, log: { info: write('info'), warn: write('warn'), error: write('error') } };
}

/** A real electron-updater AppUpdater for an app of `version`, its updater id fixed, talking over Node HTTP. */
function realUpdater(version: string, updaterId: string) {
  const userData = tempDir('shamay-updater-');
  writeFileSync(join(userData, '.updaterId'), updaterId);
  const appAdapter = {
    version,
    name: 'Shamay',
    isPackaged: true,
    appUpdateConfigPath: join(userData, 'app-update.yml'),
    userDataPath: userData,
    baseCachePath: userData,
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const AppUpdaterClass = electronUpdater.AppUpdater as unknown as new (options: null, app: typeof appAdapter) => UpdaterLike & { httpExecutor: unknown };
  const updater = new AppUpdaterClass(null, appAdapter);
  updater.httpExecutor = new NodeExecutor();
  return { updater, userData };
}

/** An updater id whose bucket is just below or above the given percentage. */
function updaterIdAt(percentage: number, side: 'in' | 'out'): string {
  const value = Math.floor((percentage / 100) * 0xffffffff) + (side === 'in' ? -1000 : 1000);
  return `12345678-1234-4234-8234-1234${value.toString(16).padStart(8, '0')}`;
}

describe('electron-updater reads our feed through the glue', () => {
  const policy: UpdatePolicy = { ...DEFAULT_UPDATE_POLICY, autoDownload: false };

  it('a device inside the staged rollout sees the new version', async () => {
    const id = updaterIdAt(STAGING, 'in');
    const { updater } = realUpdater('1.0.0', id);
    const { log, lines } = fakeLog();
    const plan = planUpdateCheck({ policy, serverUrl: base, isPackaged: true });
    expect(configureUpdater(updater, plan, bucketFromUpdaterId(id), log)).toBe(true);
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.autoDownload).toBe(false);
    const result = await updater.checkForUpdates();
    expect(result?.isUpdateAvailable).toBe(true);
    expect(result?.updateInfo.version).toBe(STABLE_VERSION);
    expect(result?.updateInfo.files[0]?.sha512).toBe(createHash('sha512').update(releases.stable.bytes).digest('base64'));
    expect(lines.join('\n')).not.toMatch(/^error/m);
  });

  it('a device outside the staged rollout does not', async () => {
    const id = updaterIdAt(STAGING, 'out');
    const { updater } = realUpdater('1.0.0', id);
    configureUpdater(updater, planUpdateCheck({ policy, serverUrl: base, isPackaged: true }), bucketFromUpdaterId(id), fakeLog().log);
    const result = await updater.checkForUpdates();
    expect(result?.isUpdateAvailable).toBe(false);
  });

  it('the rollout decision is ours (isInRollout with the bucket given), not a default', async () => {
    // The id file says "inside", the bucket handed to the glue says "outside": ours must win.
    const { updater } = realUpdater('1.0.0', updaterIdAt(STAGING, 'in'));
    configureUpdater(updater, planUpdateCheck({ policy, serverUrl: base, isPackaged: true }), 0.99, fakeLog().log);
    expect((await updater.checkForUpdates())?.isUpdateAvailable).toBe(false);
  });

  it('the beta channel has no staging: every device sees it; downgrades are refused', async () => {
    const id = updaterIdAt(99, 'out');
    const beta = realUpdater('1.0.0', id);
    configureUpdater(beta.updater, planUpdateCheck({ policy: { ...policy, channel: 'beta' }, serverUrl: base, isPackaged: true }), bucketFromUpdaterId(id), fakeLog().log);
    expect((await beta.updater.checkForUpdates())?.updateInfo.version).toBe(BETA_VERSION);
    expect((await beta.updater.checkForUpdates())?.isUpdateAvailable).toBe(true);

    const newer = realUpdater('2.0.0', updaterIdAt(1, 'in'));
    configureUpdater(newer.updater, planUpdateCheck({ policy, serverUrl: base, isPackaged: true }), 0, fakeLog().log);
    expect((await newer.updater.checkForUpdates())?.isUpdateAvailable).toBe(false);
  });

  it('updates turned off by policy: no feed set, no request', async () => {
    let calls = 0;
    const spy = {
      setFeedURL: () => void calls++,
      checkForUpdates: () => {
        calls++;
        return Promise.resolve(null);
      },
      on: () => spy,
    } as unknown as UpdaterLike;
    const { log, lines } = fakeLog();
    const disabled = { ...DEFAULT_UPDATE_POLICY, disabled: true };
    expect(planUpdateCheck({ policy: disabled, serverUrl: base, isPackaged: true })).toEqual({ action: 'skip', reason: expect.stringMatching(/turned off by IT policy/) });
    expect(configureUpdater(spy, planUpdateCheck({ policy: disabled, serverUrl: base, isPackaged: true }), 0, log)).toBe(false);
    const stop = await startAutoUpdates({ policy: disabled, serverUrl: base, isPackaged: true, userData: tempDir('shamay-updater-'), log, updater: spy });
    stop();
    expect(calls).toBe(0);
    expect(lines.join('\n')).toMatch(/turned off by IT policy/);
    // No server and no UpdateUrl, or a development build: no check either.
    expect(planUpdateCheck({ policy: DEFAULT_UPDATE_POLICY, serverUrl: null, isPackaged: true }).action).toBe('skip');
    expect(planUpdateCheck({ policy: DEFAULT_UPDATE_POLICY, serverUrl: base, isPackaged: false }).action).toBe('skip');
  });

  it('enabled: the glue sets the feed and keeps the updater id', async () => {
    const feeds: unknown[] = [];
    const spy = {
      setFeedURL: (options: unknown) => void feeds.push(options),
      checkForUpdates: () => Promise.resolve(null),
      on: () => spy,
    } as unknown as UpdaterLike;
    const userData = tempDir('shamay-updater-');
    const stop = await startAutoUpdates({ policy: { ...DEFAULT_UPDATE_POLICY, channel: 'beta' }, serverUrl: base, isPackaged: true, userData, log: fakeLog().log, updater: spy });
    stop();
    expect(feeds).toEqual([{ provider: 'generic', url: `${base}/updates/beta` }]);
    expect(spy.allowDowngrade).toBe(false);
    expect(readFileSync(join(userData, '.updaterId'), 'utf8')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
