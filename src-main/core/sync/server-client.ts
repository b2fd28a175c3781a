// The sync server's HTTP API as the core uses it: tokens kept and refreshed, every response parsed
// with the protocol's schemas, failures turned into SyncHttpError with the server's code.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { shareEntity, type ShareEntity } from '../../../src-shared/contract/entities.ts';
import {
  errorResponse,
  heldBlobsResponse,
  MAX_HELD_QUERY,
  pullResponse,
  pushResponse,
  tokenResponse,
  type LoginRequest,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type TokenResponse,
} from '../../../src-shared/sync/protocol.ts';

export class SyncHttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'SyncHttpError';
    this.status = status;
    this.code = code;
  }
  /** Worth trying again later (server or network trouble), as opposed to a refusal. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface StoredTokens {
  userId: string;
  accessToken: string;
  refreshToken: string;
}

export interface TokenStore {
  load(): StoredTokens | undefined;
  save(tokens: StoredTokens | undefined): void;
}

export interface ServerClientOptions {
  baseUrl: string;
  tokens: TokenStore;
  fetch?: typeof fetch;
  /** Per request; a push or pull that hangs longer is abandoned and retried. */
  timeoutMs?: number;
  /** This device: sent with a refresh, so a retry after a lost answer gets the same new tokens. */
  deviceId?: string;
}

export function createServerClient(options: ServerClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;

  async function request<T>(method: string, path: string, init: { body?: unknown; raw?: RequestInit['body']; headers?: Record<string, string>; auth?: boolean; schema?: z.ZodType<T>; notFoundThrows?: boolean }): Promise<{ status: number; data: T; headers: Headers }> {
    const send = async () => {
      const headers: Record<string, string> = { ...init.headers };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const tokens = options.tokens.load();
      if (init.auth !== false && tokens) headers.authorization = `Bearer ${tokens.accessToken}`;
      try {
        return await doFetch(`${base}${path}`, {
          method,
          headers,
          body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
          signal: AbortSignal.timeout(timeoutMs),
          ...(init.raw && typeof init.raw !== 'string' && !(init.raw instanceof Uint8Array) ? { duplex: 'half' } : {}),
        } as RequestInit);
      } catch (error) {
        throw new SyncHttpError(0, 'NETWORK', `The server at ${base} cannot be reached (${(error as Error).message}).`);
      }
    };
    let response = await send();
    if (response.status === 401 && init.auth !== false && (await refreshIfExpired(response))) response = await send();
    if (!response.ok && (response.status !== 404 || init.notFoundThrows) && method !== 'HEAD') throw await toError(response);
    const data = method === 'HEAD' || response.status === 204 || !init.schema ? (undefined as T) : init.schema.parse(await response.json());
    return { status: response.status, data, headers: response.headers };
  }

  async function toError(response: Response): Promise<SyncHttpError> {
    const body = await response.json().catch(() => null);
    const parsed = errorResponse.safeParse(body);
    return parsed.success
      ? new SyncHttpError(response.status, parsed.data.error.code, parsed.data.error.message)
      : new SyncHttpError(response.status, 'HTTP', `The server answered ${response.status}.`);
  }

  async function refreshIfExpired(response: Response): Promise<boolean> {
    const error = await toError(response.clone());
    const tokens = options.tokens.load();
    if (error.code !== 'TOKEN_EXPIRED' || !tokens) return false;
    const refreshed = await doFetch(`${base}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: tokens.refreshToken, ...(options.deviceId ? { deviceId: options.deviceId } : {}) }),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch(() => null);
    // Only the server's clear refusal of the session (401) ends it here. A network error, a timeout or an
    // answer that cannot be read keeps the tokens: the server may have rotated them and the answer got
    // lost, and the same token presented again soon gets the same new pair (REFRESH_GRACE_MS).
    if (!refreshed?.ok) {
      if (refreshed && refreshed.status === 401) options.tokens.save(undefined);
      return false;
    }
    const body = tokenResponse.safeParse(await refreshed.json().catch(() => null));
    if (!body.success) return false;
    options.tokens.save({ userId: body.data.user.id, accessToken: body.data.accessToken, refreshToken: body.data.refreshToken });
    return true;
  }

  return {
    baseUrl: base,

    async login(body: LoginRequest): Promise<TokenResponse> {
      const { status, data } = await request('POST', '/v1/auth/login', { body, auth: false, schema: tokenResponse });
      if (status === 404) throw new SyncHttpError(404, 'NOT_FOUND', 'This address is not a Shamay sync server.');
      options.tokens.save({ userId: data.user.id, accessToken: data.accessToken, refreshToken: data.refreshToken });
      return data;
    },

    async push(organizationId: string, deviceId: string, mutations: Mutation[]): Promise<PushResponse> {
      return (await request('POST', `/v1/orgs/${organizationId}/push`, { body: { deviceId, mutations }, schema: pushResponse })).data;
    },

    async pull(organizationId: string, cursor: number, limit: number): Promise<PullResponse> {
      return (await request('GET', `/v1/orgs/${organizationId}/pull?cursor=${cursor}&limit=${limit}`, { schema: pullResponse })).data;
    },

    /** The subset of these files the server holds for the organization. */
    async heldBlobs(organizationId: string, sha256s: readonly string[]): Promise<Set<string>> {
      const held = new Set<string>();
      for (let i = 0; i < sha256s.length; i += MAX_HELD_QUERY) {
        const { data } = await request('POST', `/v1/orgs/${organizationId}/blobs-held`, {
          body: { sha256s: sha256s.slice(i, i + MAX_HELD_QUERY) },
          schema: heldBlobsResponse,
        });
        for (const sha of data.held) held.add(sha);
      }
      return held;
    },

    /** How much of a blob the server holds for this organization: 'complete', or the resume offset. */
    async blobStatus(organizationId: string, sha256: string): Promise<'complete' | number> {
      const { status, headers } = await request('HEAD', `/v1/orgs/${organizationId}/blobs/${sha256}`, {});
      if (status === 200) return 'complete';
      return Number(headers.get('upload-offset') ?? 0) || 0;
    },

    async uploadBlob(organizationId: string, sha256: string, path: string, size: number, offset: number, mimeType: string): Promise<void> {
      const body = Readable.toWeb(createReadStream(path, { start: offset })) as unknown as RequestInit['body'];
      await request('PUT', `/v1/orgs/${organizationId}/blobs/${sha256}`, {
        raw: size === offset ? new Uint8Array() : body,
        headers: { 'content-type': mimeType || 'application/octet-stream', 'upload-offset': String(offset), 'upload-length': String(size) },
      });
    },

    async downloadBlob(organizationId: string, sha256: string): Promise<Uint8Array | null> {
      const tokens = options.tokens.load();
      const response = await doFetch(`${base}/v1/orgs/${organizationId}/blobs/${sha256}`, {
        headers: tokens ? { authorization: `Bearer ${tokens.accessToken}` } : {},
        signal: AbortSignal.timeout(timeoutMs),
      }).catch((error: Error) => {
        throw new SyncHttpError(0, 'NETWORK', error.message);
      });
      if (response.status === 404) return null;
      if (!response.ok) throw await toError(response);
      return new Uint8Array(await response.arrayBuffer());
    },

    /** Opens the live stream; calls onVersion for every "changed" event until the signal aborts. */
    async live(organizationId: string, onVersion: (version: number) => void, signal: AbortSignal): Promise<void> {
      const tokens = options.tokens.load();
      const response = await doFetch(`${base}/v1/orgs/${organizationId}/live`, {
        headers: { accept: 'text/event-stream', ...(tokens ? { authorization: `Bearer ${tokens.accessToken}` } : {}) },
        signal,
      });
      if (!response.ok || !response.body) throw await toError(response);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (/^event: changed$/m.test(event) && data) {
            const version = Number((JSON.parse(data) as { version?: unknown }).version);
            if (Number.isFinite(version)) onVersion(version);
          }
        }
      }
    },

    // ---- share links (online only; docs/sync-protocol.md "Share links") ----------------------------

    async createShare(organizationId: string, input: { assetId: string; expiresInDays: number; password?: string }): Promise<ShareEntity> {
      return (await request('POST', `/v1/orgs/${organizationId}/shares`, { body: input, schema: shareEntity, notFoundThrows: true })).data;
    },

    /** A valuation's (or one report's) share links, newest first. */
    async listShares(organizationId: string, filter: { valuationId: string } | { assetId: string }): Promise<ShareEntity[]> {
      const query = new URLSearchParams(filter).toString();
      return (await request('GET', `/v1/orgs/${organizationId}/shares?${query}`, { schema: shareList, notFoundThrows: true })).data.shares;
    },

    async revokeShare(organizationId: string, shareId: string): Promise<ShareEntity> {
      return (await request('POST', `/v1/orgs/${organizationId}/shares/${shareId}/revoke`, { schema: shareEntity, notFoundThrows: true })).data;
    },

    forget(): void {
      options.tokens.save(undefined);
    },
  };
}

const shareList = z.object({ shares: z.array(shareEntity) });

export type ServerClient = ReturnType<typeof createServerClient>;
