// Shared by the sync-chaos tests and their child-process client (client-child.ts): random offline
// edits through core.dispatch with a log of the mutations each edit wrote, and a fetch that drops
// connections. Plain Node (type stripping), no vitest: the child process imports it.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { STATUS_TRANSITIONS } from '../../../src-shared/domain/lifecycle.ts';
import { DOCUMENT_TYPES, FINISH_LEVELS, ROOM_TYPES, type ValuationStatus } from '../../../src-shared/domain/enums.ts';
import { Random } from '../../../src-shared/seed/index.ts';

export { Random };

export type Row = Record<string, unknown>;
export type Dispatch = (method: string, input?: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>;

// ---- files ---------------------------------------------------------------------------------------

/** A small, valid PDF whose bytes (and so sha256) are unique to the token. */
export function makePdf(token: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% chaos ${token}\ntrailer<<>>\n%%EOF\n`);
}

/** A small PNG of a colour derived from n (distinct n, distinct bytes for n < 2^24). */
export async function makePng(n: number): Promise<Buffer> {
  const background = { r: n & 0xff, g: (n >> 8) & 0xff, b: (n >> 16) & 0xff };
  return sharp({ create: { width: 12, height: 9, channels: 3, background } }).png().toBuffer();
}

// ---- the network ---------------------------------------------------------------------------------

export type RequestKind = 'login' | 'refresh' | 'push' | 'pull' | 'live' | 'blob-head' | 'blob-put' | 'blob-get' | 'other';

export function requestKind(url: string, method: string): RequestKind {
  const path = new URL(url).pathname;
  if (path === '/v1/auth/login') return 'login';
  if (path === '/v1/auth/refresh') return 'refresh';
  if (path.endsWith('/push')) return 'push';
  if (path.endsWith('/pull')) return 'pull';
  if (path.endsWith('/live')) return 'live';
  if (path.includes('/blobs/')) return method === 'HEAD' ? 'blob-head' : method === 'PUT' ? 'blob-put' : 'blob-get';
  return 'other';
}

/** A mutation as a client sent it (from the push request body). */
export interface SentMutation {
  mutationId: string;
  seq: number;
  table: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  changes: Row;
  baseVersion: number;
  activityId: string | null;
  blobSha256: string | null;
}

export interface NetControl {
  /** false: every request fails at once, as with no network. */
  online: boolean;
  /** Fraction of requests that fail: half before reaching the server, half after it answered (the answer is lost). */
  failRate: number;
  rng: Random;
  /** Called for every push body, before it is sent. */
  onPush?: (mutations: SentMutation[]) => void;
  /** Called before each request goes out (after the offline/drop decision was taken to let it through). */
  beforeSend?: (kind: RequestKind, url: string) => void | Promise<void>;
  /** Called with each push response body (parsed), when it was not dropped. */
  onPushResponse?: (mutations: SentMutation[], results: Row[]) => void;
  stats: { sent: number; droppedBefore: number; droppedAfter: number; offline: number };
  /** Requests of these kinds fail before reaching the server, whatever failRate says. */
  dropKinds?: Set<RequestKind>;
  /** Every request that got through, as "KIND path status" (debugging aid). */
  trace?: string[];
}

export function newNetControl(rng: Random, failRate = 0): NetControl {
  return { online: true, failRate, rng, stats: { sent: 0, droppedBefore: 0, droppedAfter: 0, offline: 0 } };
}

async function discardBody(body: unknown): Promise<void> {
  if (body && typeof (body as ReadableStream).cancel === 'function') await (body as ReadableStream).cancel().catch(() => undefined);
}

/** A fetch for CoreDeps.fetch that obeys the control: offline, dropped before sending, or answered and then "lost". */
export function chaosFetch(control: NetControl): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    const kind = requestKind(url, method);
    let pushed: SentMutation[] | null = null;
    if (kind === 'push' && typeof init?.body === 'string') {
      pushed = (JSON.parse(init.body) as { mutations: (SentMutation & { activity: { id: string } | null })[] }).mutations.map((m) => ({
        mutationId: m.mutationId,
        seq: m.seq,
        table: m.table,
        rowId: m.rowId,
        op: m.op,
        changes: m.changes,
        baseVersion: m.baseVersion,
        activityId: m.activity?.id ?? null,
        blobSha256: m.blobSha256,
      }));
    }
    if (!control.online) {
      control.stats.offline++;
      await discardBody(init?.body);
      throw new TypeError('fetch failed: offline (chaos)');
    }
    // Sign-in stays reliable: the scenario is about sync, and a lost login answer only costs a retry.
    const roll = kind === 'login' || kind === 'live' ? 1 : control.rng.float();
    if (roll < control.failRate / 2 || control.dropKinds?.has(kind)) {
      control.stats.droppedBefore++;
      await discardBody(init?.body);
      throw new TypeError('fetch failed: connection dropped before the request (chaos)');
    }
    if (pushed) control.onPush?.(pushed);
    await control.beforeSend?.(kind, url);
    control.stats.sent++;
    const response = await fetch(input, init);
    control.trace?.push(`${kind} ${new URL(url).pathname} ${response.status}${roll < control.failRate ? ' (dropped)' : ''}`);
    if (roll < control.failRate) {
      // The server did its work and answered; the answer never arrives.
      await response.arrayBuffer().catch(() => undefined);
      control.stats.droppedAfter++;
      throw new TypeError('fetch failed: connection dropped before the response (chaos)');
    }
    if (pushed && control.onPushResponse && response.ok) {
      const body = (await response.clone().json()) as { results: Row[] };
      control.onPushResponse(pushed, body.results);
    }
    return response;
  };
}

// ---- edits ---------------------------------------------------------------------------------------

/** One mutation an edit wrote (or folded into), as the outbox held it right after the edit. */
export interface EditMutation {
  mutationId: string;
  table: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  changes: Row;
  /** The edit folded into an existing pending mutation (wizard autosave). */
  folded: boolean;
}

export interface EditRecord {
  client: string;
  n: number;
  method: string;
  at: number;
  mutations: EditMutation[];
}

const CITIES = ['תל אביב', 'ירושלים', 'חיפה', 'רמת גן', 'באר שבע', 'נתניה'];
const STREETS = ['רחוב הרצל', 'שדרות רוטשילד', 'רחוב ביאליק', 'דרך בגין', 'רחוב ויצמן'];
const VALUATION_FIELDS = ['title', 'addressFull', 'block', 'parcel', 'subparcel', 'step1Data', 'finalValuationAgorot', 'pricePerSqmAgorot', 'meta'] as const;

export interface EditorOptions {
  label: string;
  dispatch: Dispatch;
  dataDir: string;
  rng: Random;
  /** Valuations every client edits often (same ids on all clients), so edits collide. */
  hot: readonly string[];
  /** Numbers the PNG colours; distinct per client so images never share bytes across clients. */
  imageBase: number;
}

/** Makes random edits through dispatch and reports the outbox entries each one wrote. */
export class Editor {
  private readonly opts: EditorOptions;
  private readonly db: Database.Database;
  private lastSeq: number;
  private n = 0;
  readonly failures = new Map<string, number>();

  constructor(opts: EditorOptions) {
    this.opts = opts;
    this.db = new Database(join(opts.dataDir, 'shamay.sqlite'));
    this.db.pragma('busy_timeout = 5000');
    this.lastSeq = (this.db.prepare("SELECT seq AS s FROM sqlite_sequence WHERE name = 'sync_mutations'").get() as { s: number } | undefined)?.s ?? 0;
  }

  close(): void {
    this.db.close();
  }

  /** The next edit number (a restarted child continues after the numbers its predecessor used). */
  setCounter(n: number): void {
    this.n = n;
  }

  get counter(): number {
    return this.n;
  }

  private get rng(): Random {
    return this.opts.rng;
  }

  private session(): { userId: string; organizationId: string; role: string } {
    const state = this.db.prepare("SELECT value FROM sync_state WHERE key = 'session'").get() as { value: string };
    const session = JSON.parse(state.value) as { userId: string; organizationId: string };
    const membership = this.db
      .prepare('SELECT role FROM memberships WHERE user_id = ? AND organization_id = ?')
      .get(session.userId, session.organizationId) as { role: string };
    return { ...session, role: membership.role };
  }

  private editable(): { id: string; status: ValuationStatus; created_by_id: string; title: string }[] {
    return this.db.prepare("SELECT id, status, created_by_id, title FROM valuations WHERE status IN ('DRAFT', 'IN_PROGRESS', 'READY') ORDER BY id").all() as never;
  }

  private pickValuation(): { id: string; status: ValuationStatus; created_by_id: string; title: string } | undefined {
    const all = this.editable();
    if (all.length === 0) return undefined;
    const hot = all.filter((v) => this.opts.hot.includes(v.id));
    return hot.length && this.rng.chance(0.65) ? this.rng.pick(hot) : this.rng.pick(all);
  }

  private step1(token: string): Row {
    return {
      token,
      city: this.rng.pick(CITIES),
      street: this.rng.pick(STREETS),
      rooms: this.rng.int(3, 12) / 2,
      client: { name: `לקוח ${token}`, relation: 'owner' },
      airDirections: ['N', 'S', 'E', 'W'].filter(() => this.rng.chance(0.5)),
    };
  }

  private fieldValue(field: (typeof VALUATION_FIELDS)[number], token: string, n: number): unknown {
    switch (field) {
      case 'title':
        return `שומה ${token}`;
      case 'addressFull':
        return `${this.rng.pick(STREETS)} ${this.rng.int(1, 180)}, ${this.rng.pick(CITIES)} (${token})`;
      case 'block':
        return String(this.rng.int(1, 999_999));
      case 'parcel':
        return String(this.rng.int(1, 99_999));
      case 'subparcel':
        return this.rng.chance(0.2) ? null : String(this.rng.int(1, 9_999));
      case 'step1Data':
        return this.step1(token);
      case 'finalValuationAgorot':
        return this.rng.int(1, 9_000) * 100_000 + n;
      case 'pricePerSqmAgorot':
        return this.rng.int(1, 9_000) * 100 + (n % 100);
      case 'meta':
        return { note: `הערה ${token}`, n, tags: this.rng.chance(0.5) ? ['a', token] : [] };
    }
  }

  /** Chooses and performs one edit; returns what it wrote, or null when the core refused it (a legitimate local refusal). */
  async next(): Promise<EditRecord | null> {
    const n = ++this.n;
    const token = `${this.opts.label}${n}`;
    const choice = this.rng.weighted<string>([
      ['update', 34],
      ['create', 7],
      ['status', 9],
      ['deleteDraft', 4],
      ['docAdd', 7],
      ['docReplace', 3],
      ['docExtracted', 5],
      ['docRemove', 2],
      ['imageAdd', 3],
      ['imageUpdate', 4],
      ['wizardStart', 4],
      ['autosave', 14],
      ['completeStep', 4],
    ]);
    const call = await this.build(choice, token, n);
    if (!call) return null;
    const result = await this.opts.dispatch(call.method, call.input);
    if (!result.ok) {
      const key = `${call.method} ${result.error.code}`;
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
      if (!['LIFECYCLE', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'].includes(result.error.code)) {
        throw new Error(`${this.opts.label}: ${call.method} failed unexpectedly: ${result.error.code} ${result.error.message}`);
      }
      return null;
    }
    return { client: this.opts.label, n, method: call.method, at: Date.now(), mutations: this.collect(call.foldRow) };
  }

  /** The outbox entries written by the edit that just finished. */
  private collect(foldRow: { table: string; id: string } | undefined): EditMutation[] {
    const fresh = this.db
      .prepare('SELECT seq, mutation_id, table_name, row_id, operation, changes FROM sync_mutations WHERE seq > ? ORDER BY seq')
      .all(this.lastSeq) as { seq: number; mutation_id: string; table_name: string; row_id: string; operation: EditMutation['op']; changes: string }[];
    const out: EditMutation[] = fresh.map((m) => ({
      mutationId: m.mutation_id,
      table: m.table_name,
      rowId: m.row_id,
      op: m.operation,
      changes: JSON.parse(m.changes) as Row,
      folded: false,
    }));
    const top = (this.db.prepare("SELECT seq AS s FROM sqlite_sequence WHERE name = 'sync_mutations'").get() as { s: number } | undefined)?.s ?? 0;
    this.lastSeq = Math.max(this.lastSeq, top);
    if (out.length === 0 && foldRow) {
      const folded = this.db
        .prepare('SELECT mutation_id, changes FROM sync_mutations WHERE table_name = ? AND row_id = ? ORDER BY seq DESC LIMIT 1')
        .get(foldRow.table, foldRow.id) as { mutation_id: string; changes: string } | undefined;
      if (folded) {
        out.push({ mutationId: folded.mutation_id, table: foldRow.table, rowId: foldRow.id, op: 'update', changes: JSON.parse(folded.changes) as Row, folded: true });
      }
    }
    if (out.length === 0) throw new Error(`${this.opts.label}: an edit succeeded but wrote no outbox entry`);
    return out;
  }

  private async build(choice: string, token: string, n: number): Promise<{ method: string; input: unknown; foldRow?: { table: string; id: string } } | null> {
    const me = this.session();
    const office = me.role === 'OWNER' || me.role === 'ORG_ADMIN';
    switch (choice) {
      case 'update': {
        const target = this.pickValuation();
        if (!target) return null;
        const fields: Row = {};
        const count = this.rng.int(1, 3);
        for (let i = 0; i < count; i++) {
          const field = this.rng.pick(VALUATION_FIELDS);
          fields[field] = this.fieldValue(field, token, n);
        }
        return { method: 'valuations.update', input: { id: target.id, fields } };
      }
      case 'create': {
        const fields: Row = { title: `שומה חדשה ${token}` };
        if (this.rng.chance(0.7)) fields.addressFull = this.fieldValue('addressFull', token, n);
        if (this.rng.chance(0.5)) fields.step1Data = this.step1(token);
        return { method: 'valuations.create', input: fields };
      }
      case 'status': {
        const target = this.pickValuation();
        if (!target) return null;
        const hot = this.opts.hot.includes(target.id);
        const options = STATUS_TRANSITIONS[target.status].filter((s) => s !== 'SIGNED' && (s !== 'ARCHIVED' || (!hot && this.rng.chance(0.3))));
        if (options.length === 0) return null;
        return { method: 'valuations.changeStatus', input: { id: target.id, status: this.rng.pick(options) } };
      }
      case 'deleteDraft': {
        const drafts = this.editable().filter((v) => v.status === 'DRAFT' && !this.opts.hot.includes(v.id) && (office || v.created_by_id === me.userId));
        if (drafts.length === 0) return null;
        return { method: 'valuations.deleteDraft', input: { id: this.rng.pick(drafts).id } };
      }
      case 'docAdd': {
        const target = this.pickValuation();
        if (!target) return null;
        return {
          method: 'documents.add',
          input: {
            valuationId: target.id,
            docType: this.rng.pick(DOCUMENT_TYPES.filter((t) => t !== 'PROPERTY_IMAGE')),
            fileName: `מסמך ${token}.pdf`,
            source: { bytesBase64: makePdf(`${token}-${this.opts.imageBase}`).toString('base64') },
          },
        };
      }
      case 'docReplace': {
        const document = this.pickDocument(true);
        if (!document) return null;
        return {
          method: 'documents.add',
          input: {
            valuationId: document.valuation_id,
            docType: document.doc_type,
            fileName: `גרסה ${token}.pdf`,
            source: { bytesBase64: makePdf(`replace-${token}-${this.opts.imageBase}`).toString('base64') },
            replacesId: document.id,
          },
        };
      }
      case 'docExtracted': {
        const document = this.pickDocument(true);
        if (!document) return null;
        return { method: 'documents.updateExtracted', input: { id: document.id, extracted: { token, owner: `בעלים ${token}`, areaSqm: this.rng.int(40, 300) } } };
      }
      case 'docRemove': {
        const document = this.pickDocument(false);
        if (!document) return null;
        return { method: 'documents.remove', input: { id: document.id } };
      }
      case 'imageAdd': {
        const target = this.pickValuation();
        if (!target) return null;
        const png = await makePng(this.opts.imageBase + n);
        return { method: 'images.add', input: { valuationId: target.id, fileName: `תמונה ${token}.png`, source: { bytesBase64: png.toString('base64') } } };
      }
      case 'imageUpdate': {
        const images = this.db
          .prepare("SELECT i.id FROM images i JOIN valuations v ON v.id = i.valuation_id WHERE v.status IN ('DRAFT', 'IN_PROGRESS', 'READY') ORDER BY i.id")
          .all() as { id: string }[];
        if (images.length === 0) return null;
        const input: Row = { id: this.rng.pick(images).id };
        if (this.rng.chance(0.6)) input.roomType = this.rng.pick(ROOM_TYPES);
        if (this.rng.chance(0.6)) input.finishLevel = this.rng.chance(0.2) ? null : this.rng.pick(FINISH_LEVELS);
        if (this.rng.chance(0.5) || Object.keys(input).length === 1) input.features = { token, balcony: this.rng.chance(0.5) };
        return { method: 'images.update', input };
      }
      case 'wizardStart': {
        const target = this.pickValuation();
        if (!target) return null;
        return { method: 'wizard.start', input: { valuationId: target.id } };
      }
      case 'autosave':
      case 'completeStep': {
        const sessions = this.db
          .prepare(
            `SELECT s.id FROM valuation_sessions s LEFT JOIN valuations v ON v.id = s.valuation_id
             WHERE s.user_id = ? AND s.status = 'ACTIVE' AND (s.valuation_id IS NULL OR v.status IN ('DRAFT', 'IN_PROGRESS', 'READY')) ORDER BY s.id`,
          )
          .all(me.userId) as { id: string }[];
        if (sessions.length === 0) return null;
        const id = this.rng.pick(sessions).id;
        if (choice === 'autosave') {
          return {
            method: 'wizard.autosave',
            input: { id, currentStep: this.rng.int(1, 5), stepData: { typed: `טקסט ${token}`, step1: this.step1(token) }, wizardData: { token, dirty: this.rng.chance(0.5) } },
            foldRow: { table: 'valuation_sessions', id },
          };
        }
        return { method: 'wizard.completeStep', input: { id, step: this.rng.int(1, 4), data: { token, done: true } } };
      }
    }
    return null;
  }

  private pickDocument(includeSeeded: boolean): { id: string; valuation_id: string; doc_type: string } | undefined {
    const rows = this.db
      .prepare(
        `SELECT d.id, d.valuation_id, d.doc_type FROM documents d JOIN valuations v ON v.id = d.valuation_id
         WHERE v.status IN ('DRAFT', 'IN_PROGRESS', 'READY') ${includeSeeded ? '' : "AND d.file_name LIKE 'מסמך %'"} ORDER BY d.id`,
      )
      .all() as { id: string; valuation_id: string; doc_type: string }[];
    if (rows.length === 0) return undefined;
    const hot = rows.filter((r) => this.opts.hot.includes(r.valuation_id));
    return hot.length && this.rng.chance(0.6) ? this.rng.pick(hot) : this.rng.pick(rows);
  }
}

/** The scenario's seed: the given number, a fresh random one for "random", or the default. */
export function chaosSeed(fromEnv: string | undefined, fallback: number): number {
  if (fromEnv === 'random') return Math.floor(Math.random() * 2 ** 31);
  return fromEnv ? Number(fromEnv) : fallback;
}
