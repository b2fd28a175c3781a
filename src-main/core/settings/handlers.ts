import type { ReportBranding, Settings } from '../../../src-shared/contract/entities.ts';
import { AppError } from '../../../src-shared/contract/errors.ts';
import { requireActor, type Actor, type CoreContext } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { reportImageDataUrl } from './report-image.ts';

export const EMPTY_REPORT_BRANDING: ReportBranding = { footerText: '', logoDataUrl: null, signatureDataUrl: null };

export const DEFAULT_SETTINGS: Omit<Settings, 'locked'> = {
  serverUrl: null,
  language: 'he',
  documentMaxBytes: 50 * 1024 * 1024,
  imageMaxBytes: 25 * 1024 * 1024,
  report: EMPTY_REPORT_BRANDING,
};

/** The device-wide settings (sync_state key 'settings'): server, language, size limits. */
type DeviceSettings = Omit<Settings, 'locked' | 'report'>;
type StoredSettings = Partial<DeviceSettings>;
type SettingsChanges = Partial<DeviceSettings> & { report?: Partial<ReportBranding> };

// The report's branding is not device-wide: the logo and footer belong to an organization and the
// signature to a user, so a shared computer never prints one office's logo or one appraiser's signature
// on another's reports. Each lives in its own local-state row; settings.get shows the current session's.
type OrganizationBranding = Partial<Pick<ReportBranding, 'footerText' | 'logoDataUrl'>>;
type UserSignature = Partial<Pick<ReportBranding, 'signatureDataUrl'>>;
const organizationBrandingKey = (organizationId: string) => `reportBranding:organization:${organizationId}`;
const userSignatureKey = (userId: string) => `reportBranding:user:${userId}`;

/** Settings an IT policy fixes (see issue "IT deployment by policy"); they win over the user's. The report's branding is never one. */
export interface SettingsPolicy {
  values: Partial<DeviceSettings>;
}

/**
 * The branding a report of the organization's valuation made by the user prints: the organization's
 * logo and footer and that user's own signature as kept on this device (null: none of it).
 */
export function readReportBranding(ctx: CoreContext, organizationId: string | null, userId: string | null): ReportBranding {
  const organization = organizationId ? (ctx.state.get<OrganizationBranding>(organizationBrandingKey(organizationId)) ?? {}) : {};
  const user = userId ? (ctx.state.get<UserSignature>(userSignatureKey(userId)) ?? {}) : {};
  return {
    footerText: organization.footerText ?? EMPTY_REPORT_BRANDING.footerText,
    logoDataUrl: organization.logoDataUrl ?? EMPTY_REPORT_BRANDING.logoDataUrl,
    signatureDataUrl: user.signatureDataUrl ?? EMPTY_REPORT_BRANDING.signatureDataUrl,
  };
}

/** The session's actor, or null when nobody is signed in (or the session's membership is gone). */
function sessionActor(ctx: CoreContext): Actor | null {
  if (!ctx.state.get('session')) return null;
  try {
    return requireActor(ctx);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

/**
 * The device's settings, with the branding of the current session (empty without one).
 * An unreleased build kept the branding device-wide as 'settings'.report; that feature never shipped,
 * so the old field is ignored here and dropped on the next write instead of being migrated.
 */
export function readSettings(ctx: CoreContext, policy: SettingsPolicy | undefined): Settings {
  const { report: _unshipped, ...user } = ctx.state.get<StoredSettings & { report?: unknown }>('settings') ?? {};
  const locked = Object.keys(policy?.values ?? {});
  const actor = sessionActor(ctx);
  const report = actor ? readReportBranding(ctx, actor.organizationId, actor.userId) : EMPTY_REPORT_BRANDING;
  return { ...DEFAULT_SETTINGS, ...user, ...policy?.values, report, locked };
}

function storeSettings(
  ctx: CoreContext,
  policy: SettingsPolicy | undefined,
  changes: SettingsChanges,
  onChange: (settings: Settings) => void,
  brandingOwner?: Actor,
): Settings {
  const { report, ...device } = changes;
  const lockedChanged = Object.keys(device).filter((key) => key in (policy?.values ?? {}));
  if (lockedChanged.length) {
    throw new AppError('FORBIDDEN', `Set by your organization's IT policy: ${lockedChanged.join(', ')}.`, { reason: 'POLICY_LOCKED', locked: lockedChanged });
  }
  // The branding is the session's organization's and user's: without a session it has no owner.
  const actor = report ? (brandingOwner ?? requireActor(ctx)) : null;
  ctx.db.transaction(() => {
    const { report: _unshipped, ...stored } = ctx.state.get<StoredSettings & { report?: unknown }>('settings') ?? {};
    ctx.state.set('settings', { ...stored, ...device });
    if (!actor || !report) return;
    const { signatureDataUrl, ...organizationChanges } = report;
    if (Object.keys(organizationChanges).length) {
      const key = organizationBrandingKey(actor.organizationId);
      ctx.state.set(key, { ...ctx.state.get<OrganizationBranding>(key), ...organizationChanges });
    }
    if (signatureDataUrl !== undefined) ctx.state.set(userSignatureKey(actor.userId), { signatureDataUrl } satisfies UserSignature);
  })();
  const settings = readSettings(ctx, policy);
  onChange(settings);
  return settings;
}

export function settingsHandlers(
  policy: SettingsPolicy | undefined,
  onChange: (settings: Settings) => void,
): HandlerMap<'settings.get' | 'settings.update' | 'settings.setReportImage'> {
  return {
    'settings.get': (_input, ctx) => readSettings(ctx, policy),
    'settings.update': (changes, ctx) => storeSettings(ctx, policy, changes, onChange),
    'settings.setReportImage': async ({ kind, source }, ctx) => {
      // Whose it is is settled before the image is read and scaled: a sign-out or another user's
      // sign-in meanwhile does not move it to someone else's branding.
      const actor = requireActor(ctx);
      const dataUrl = source ? await reportImageDataUrl(source) : null;
      const field = kind === 'logo' ? 'logoDataUrl' : 'signatureDataUrl';
      return storeSettings(ctx, policy, { report: { [field]: dataUrl } }, onChange, actor);
    },
  };
}
