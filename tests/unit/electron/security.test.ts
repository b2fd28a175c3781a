import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { reportStyleCspSource } from '../../../src-main/core/report/html/style-hash.ts';
import {
  ALLOWED_PERMISSIONS,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  externalLinkAction,
  installSecurityHandlers,
  type SecurityHandlerOptions,
  isAllowedNavigation,
  isTrustedIpcSender,
  permissionDecision,
  secureWebPreferences,
  trustedOrigins,
} from '../../../src-main/electron/security.ts';

describe('navigation', () => {
  it.each([
    'app://shamay/',
    'app://shamay/index.html',
    'app://shamay/valuations/0190b3c4-7d1e-7000-8000-000000000001',
    'app://shamay/assets/index-B4pfZlyS.js',
    'app://shamay/?tab=documents#step-2',
    'app://shamay/#/valuations?search=a%2Fb..c',
  ])('allows %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    'app://shamay/../',
    'app://shamay/../../etc/passwd',
    'app://shamay/assets/../index.html',
    'app://shamay/%2e%2e/secret',
    'app://shamay/..%2f..%2fetc%2fpasswd',
    'app://shamay/..\\..\\windows',
    'app://shamay/a%00b',
    'app://other/',
    'app://shamay.evil.com/',
    'app://user:pw@shamay/',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'http://shamay/',
    'http://localhost:5173/',
    'https://example.com/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://shamay/1234',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('blocks %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('a development build also trusts its loopback dev server, nothing else', () => {
    expect(trustedOrigins()).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('http://localhost:5173/')).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    expect(trustedOrigins('http://127.0.0.1:5173')).toEqual([APP_ORIGIN, 'http://127.0.0.1:5173']);
    expect(trustedOrigins('http://example.com:5173')).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('https://localhost:5173')).toEqual([APP_ORIGIN]);
    const dev = trustedOrigins('http://localhost:5173');
    expect(isAllowedNavigation('http://localhost:5173/valuations', dev)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', dev)).toBe(false);
  });
});

describe('external links and window.open', () => {
  it.each(['https://example.com/', 'https://www.gov.il/he/departments/land_registration', 'https://example.com/a?b=c#d'])(
    'opens %s in the system browser',
    (url) => {
      expect(externalLinkAction(url)).toBe('open-external');
    },
  );

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,x',
    'app://shamay/',
    'mailto:someone@example.com',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'https://user:pass@example.com/',
    `https://example.com/${'a'.repeat(3000)}`,
    'not a url',
  ])('denies %s', (url) => {
    expect(externalLinkAction(url)).toBe('deny');
  });
});

describe('permissions', () => {
  it('allows writing text to the clipboard and denies every other permission', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(permissionDecision('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'hid', 'serial', 'usb', 'display-capture', 'unknown']) {
      expect(permissionDecision(permission)).toBe(false);
    }
  });
});

describe('IPC sender', () => {
  it('trusts the main frame of our page', () => {
    expect(isTrustedIpcSender('app://shamay/', 'app://shamay/')).toBe(true);
    expect(isTrustedIpcSender('app://shamay/valuations/1', 'app://shamay/valuations/1')).toBe(true);
  });

  it.each([
    ['a sub-frame (different URL from the main frame)', 'app://shamay/frame.html', 'app://shamay/'],
    ['a sub-frame from another origin', 'https://evil.example/', 'app://shamay/'],
    ['a main frame at another origin', 'https://evil.example/', 'https://evil.example/'],
    ['a main frame at another app host', 'app://other/', 'app://other/'],
    ['about:blank', 'about:blank', 'about:blank'],
    ['about:blank in our window', 'about:blank', 'app://shamay/'],
    ['a file:// page', 'file:///tmp/x.html', 'file:///tmp/x.html'],
    ['a data: page', 'data:text/html,x', 'data:text/html,x'],
    ['a frame that is gone', null, 'app://shamay/'],
    ['no main frame', 'app://shamay/', null],
    ['the dev server in production', 'http://localhost:5173/', 'http://localhost:5173/'],
  ])('refuses %s', (_name, frameUrl, mainFrameUrl) => {
    expect(isTrustedIpcSender(frameUrl, mainFrameUrl)).toBe(false);
  });
});

describe('CSP', () => {
  it('allows the report preview\'s <style> by the hash of exactly what the report carries', async () => {
    const { renderReportHtml } = await import('../../../src-main/core/report/html/document.ts');
    const { buildReportModel } = await import('../../../src-shared/domain/report/model.ts');
    const { fullReportSource } = await import('../../helpers/report-fixture.ts');
    const html = renderReportHtml(buildReportModel(fullReportSource()));
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(styles[0]!, 'utf8').digest('base64')}'`;
    expect(CONTENT_SECURITY_POLICY).toContain(hash);
    expect(html).not.toMatch(/ style="/);
  });

  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('has the key directives', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    // the report preview's one <style>, by its hash
    expect(directives.get('style-src')).toEqual(["'self'", reportStyleCspSource()]);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('allows no eval, no inline code and no remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWebPreferences({ preload: '/app/out/preload/preload.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(secureWebPreferences({ preload: 'p', devTools: true }).devTools).toBe(true);
  });
});

// ---- wiring, with stand-ins for Electron's objects --------------------------------------------------
// (tests may not import electron, not even its types: they are taken from the options type.)
type App = SecurityHandlerOptions['app'];
type Session = SecurityHandlerOptions['session'];

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

function wired() {
  const app = new EventEmitter();
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  const openExternal = vi.fn(async (_url: string) => {});
  const log = { warn: vi.fn() };
  installSecurityHandlers({ app: app as unknown as App, session: session as unknown as Session, openExternal, log });
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents);
  return { contents, session, openExternal, log };
}

describe('installSecurityHandlers', () => {
  it('blocks navigation away from the app and sends https links to the browser', () => {
    const { contents, openExternal } = wired();
    const inside = navigationEvent('app://shamay/valuations');
    contents.emit('will-navigate', inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();

    for (const url of ['file:///etc/passwd', 'http://example.com/', 'javascript:alert(1)', 'app://shamay/../x']) {
      const event = navigationEvent(url);
      contents.emit('will-navigate', event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    expect(openExternal).not.toHaveBeenCalled();

    const link = navigationEvent('https://example.com/help');
    contents.emit('will-navigate', link);
    expect(link.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://example.com/help');
  });

  it('blocks sub-frame navigation and redirects out of the app', () => {
    const { contents, openExternal } = wired();
    const frame = navigationEvent('https://evil.example/', false);
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const ownFrame = navigationEvent('app://shamay/preview.html', false);
    contents.emit('will-frame-navigate', ownFrame);
    expect(ownFrame.preventDefault).not.toHaveBeenCalled();
    // the report preview's srcdoc frame; a main frame may never become about:srcdoc
    const preview = navigationEvent('about:srcdoc', false);
    contents.emit('will-frame-navigate', preview);
    expect(preview.preventDefault).not.toHaveBeenCalled();
    const srcdocTop = navigationEvent('about:srcdoc');
    contents.emit('will-navigate', srcdocTop);
    expect(srcdocTop.preventDefault).toHaveBeenCalled();
    const redirect = navigationEvent('http://example.com/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies every window.open; https opens in the browser instead', () => {
    const { contents, openExternal } = wired();
    const open = contents.windowOpenHandler;
    expect(open).not.toBeNull();
    expect(open?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'app://shamay/second-window' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });

  it('blocks <webview>', () => {
    const { contents } = wired();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies permission requests and checks, and device access', () => {
    const { session, log } = wired();
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(log.warn).toHaveBeenCalledWith('permission request denied', { permission: 'media' });
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (c: unknown, p: string) => boolean;
    expect(check({}, 'clipboard-read')).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean;
    expect(device()).toBe(false);
  });

  it('a failing openExternal is logged, not thrown', async () => {
    const { contents, openExternal, log } = wired();
    openExternal.mockRejectedValueOnce(new Error('no browser'));
    contents.windowOpenHandler?.({ url: 'https://example.com/' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.warn).toHaveBeenCalledWith('could not open a link in the browser', expect.anything());
  });
});
