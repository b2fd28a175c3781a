// Full-text search over valuations through the real core on a real SQLite file: the FTS5 index of
// migrations/sqlite/0003_search_index.sql, kept by triggers, queried by valuations.list { search }.
import { strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import type { MethodInput } from '../../../src-shared/contract/methods.ts';
import { call, callError, signedInCore } from '../../helpers/core.ts';
import { counts, openCoreDb } from '../../helpers/local-db.ts';
import { fillForReady } from '../preflight/fixture.ts';

const open: { close(): void }[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});

async function setup(email?: string) {
  const t = await signedInCore(email);
  open.push(t.core);
  const db = openCoreDb(t.dataDir);
  open.push(db);
  return { ...t, db };
}

/** A small valid PDF; `tag` makes the bytes (and so the sha256) differ. */
function pdf(tag = ''): string {
  const text =
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    `2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%${tag}\n%%EOF\n`;
  return Buffer.from(strToU8(text)).toString('base64');
}

type CreateInput = MethodInput<'valuations.create'>;

async function create(core: Core, input: CreateInput): Promise<string> {
  return (await call(core, 'valuations.create', input)).id;
}

/** The ids a search finds, sorted, so the assertions do not depend on the list order. */
async function found(core: Core, search: string, extra: Omit<MethodInput<'valuations.list'>, 'search'> = {}): Promise<string[]> {
  const result = await call(core, 'valuations.list', { search, limit: 500, ...extra });
  expect(result.total, `total for ${JSON.stringify(search)}`).toBe(result.items.length);
  return result.items.map((i) => i.id).sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

/** Four believable valuations (DOMAIN.md): Hebrew addresses, geresh/gershayim, final letters, block/parcel. */
async function seedOffice(core: Core) {
  const herzl = await create(core, {
    title: 'דירת 4 חדרים ברח׳ הרצל',
    addressFull: 'רח׳ הרצל 12, תל אביב-יפו',
    block: '6109',
    parcel: '396',
    subparcel: '118',
    step1Data: { client: { name: 'משה כהן' }, city: 'תל אביב-יפו', street: 'הרצל' },
  });
  const rothschild = await create(core, {
    title: 'דירה 120 מ"ר',
    addressFull: 'שד׳ רוטשילד 5, רמת גן',
    block: '9905',
    parcel: '88',
    subparcel: '8',
    step1Data: { client: { name: 'שלומי לוי' } },
  });
  const holon = await create(core, {
    title: 'פנטהאוז 95 מ״ר',
    addressFull: 'סוקולוב 3, חולון',
    block: '6109',
    parcel: '39',
    subparcel: '11',
    step1Data: { client: { name: 'רונית אברהם' } },
  });
  // Block 1, parcel 6109, sub-parcel 396: the digits of '6109/396' appear, but not as block/parcel.
  const jaffa = await create(core, {
    title: 'מגרש ביפו',
    addressFull: 'שדרות ירושלים 40, יפו',
    block: '1',
    parcel: '6109',
    subparcel: '396',
  });
  return { herzl, rothschild, holon, jaffa };
}

describe('valuation search: Hebrew text', () => {
  it('finds whole Hebrew words in titles and addresses, and nothing else', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    expect(await found(core, 'הרצל')).toEqual([v.herzl]);
    expect(await found(core, 'רוטשילד')).toEqual([v.rothschild]);
    expect(await found(core, 'חולון')).toEqual([v.holon]);
    expect(await found(core, 'פנטהאוז')).toEqual([v.holon]);
    expect(await found(core, 'יפו')).toEqual(sorted(v.herzl, v.jaffa));
    expect(await found(core, 'תל אביב')).toEqual([v.herzl]);
    expect(await found(core, 'אביב תל')).toEqual([v.herzl]); // every word, in any order
    expect(await found(core, 'תל-אביב')).toEqual([v.herzl]);
    expect(await found(core, 'רמת גן')).toEqual([v.rothschild]);
    expect(await found(core, 'הרצל רוטשילד')).toEqual([]); // all words must match
    expect(await found(core, 'נתניה')).toEqual([]);
  });

  it('finds prefixes as the user types', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    expect(await found(core, 'הרצ')).toEqual([v.herzl]);
    expect(await found(core, 'רוטש')).toEqual([v.rothschild]);
    expect(await found(core, 'פנט')).toEqual([v.holon]);
    expect(await found(core, 'שד')).toEqual(sorted(v.rothschild, v.jaffa)); // שד׳ and שדרות
    expect(await found(core, 'רח הרצ')).toEqual([v.herzl]);
  });

  it('meets final and regular letters on both sides', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    // The index holds גן as גנ; the user types it either way.
    expect(await found(core, 'גן')).toEqual([v.rothschild]);
    expect(await found(core, 'גנ')).toEqual([v.rothschild]);
    // A prefix of a word that ends in a final letter.
    expect(await found(core, 'חולו')).toEqual([v.holon]);
    // A final letter typed mid-word (the user has not finished typing שלומי).
    expect(await found(core, 'שלומ')).toEqual([v.rothschild]);
    expect(await found(core, 'שלום')).toEqual([v.rothschild]);
    expect(await found(core, 'כהן')).toEqual([v.herzl]);
    expect(await found(core, 'כהנ')).toEqual([v.herzl]);
  });

  it('treats ASCII quotes, geresh and gershayim as one spelling', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    // v.rothschild is titled with ASCII " (מ"ר), v.holon with the Hebrew gershayim (מ״ר).
    const both = sorted(v.rothschild, v.holon);
    expect(await found(core, 'מ"ר')).toEqual(both);
    expect(await found(core, 'מ״ר')).toEqual(both);
    expect(await found(core, 'מר')).toEqual(both);
    expect(await found(core, '120 מ"ר')).toEqual([v.rothschild]);
    expect(await found(core, '95 מ״ר')).toEqual([v.holon]);
    // רח׳ (geresh) and רח' (apostrophe); שד׳ likewise.
    expect(await found(core, "רח' הרצל")).toEqual([v.herzl]);
    expect(await found(core, 'רח׳ הרצל')).toEqual([v.herzl]);
    expect(await found(core, "שד' רוטשילד")).toEqual([v.rothschild]);
  });

  it('ignores bidi controls in stored text and in the query', async () => {
    const { core } = await setup();
    // As pasted from a registry PDF.
    const id = await create(core, { title: '\u202Bדירה, \u202Aרמת גן\u202C\u202C', addressFull: '\u200Fביאליק\u200F 7' });
    expect(await found(core, 'רמת גן')).toEqual([id]);
    expect(await found(core, 'ביאליק')).toEqual([id]);
    expect(await found(core, '\u202Bביאליק\u202C')).toEqual([id]);
  });

  it('finds the client by name, and the city and street of step 1', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    expect(await found(core, 'משה')).toEqual([v.herzl]);
    expect(await found(core, 'משה כהן')).toEqual([v.herzl]);
    expect(await found(core, 'לוי')).toEqual([v.rothschild]);
    expect(await found(core, 'רונית אברהם')).toEqual([v.holon]);
    expect(await found(core, 'משה לוי')).toEqual([]);
    const list = await call(core, 'valuations.list', { search: 'משה' });
    expect(list.items[0]?.clientName).toBe('משה כהן');

    const id = await create(core, { title: 'שומה', step1Data: { city: 'פתח תקווה', street: 'ז׳בוטינסקי', client: { name: 'דנה' } } });
    expect(await found(core, 'פתח תקווה')).toEqual([id]);
    expect(await found(core, 'זבוטינסקי')).toEqual([id]);
    expect(await found(core, 'דנה')).toEqual([id]);
  });
});

describe('valuation search: block / parcel / sub-parcel', () => {
  it('finds a full block/parcel/sub-parcel and a block alone', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    expect(await found(core, '6109/396/118')).toEqual([v.herzl]);
    expect(await found(core, '9905/88/8')).toEqual([v.rothschild]);
    expect(await found(core, '6109/39/11')).toEqual([v.holon]);
    expect(await found(core, ' 6109 / 396 / 118 ')).toEqual([v.herzl]);
    expect(await found(core, '9905')).toEqual([v.rothschild]);
    expect(await found(core, '9905/')).toEqual([v.rothschild]);
    expect(await found(core, '1234/5/6')).toEqual([]);
  });

  it('finds a leading block/parcel as a prefix of the block/parcel, not of other digits', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    // v.jaffa is 1/6109/396: its parcel and sub-parcel are not block 6109, parcel 396.
    expect(await found(core, '6109/396')).toEqual([v.herzl]);
    expect(await found(core, '6109/')).toEqual(sorted(v.herzl, v.holon));
  });

  it('matches a complete sub-parcel exactly', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    const other = await create(core, { title: 'תת חלקה אחרת', block: '6109', parcel: '396', subparcel: '1180' });
    expect(await found(core, '6109/396/118')).toEqual([v.herzl]);
    expect(await found(core, '6109/396/1180')).toEqual([other]);
  });
});

describe('valuation search: with filters, paging and changes', () => {
  it('combines search with the status filter, sorting and paging, and counts the total', async () => {
    const { core } = await setup();
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      ids.push(await create(core, { title: `דירה ${n} בחולון`, addressFull: `סוקולוב ${n}, חולון` }));
    }
    await create(core, { title: 'דירה ברמת גן', addressFull: 'ביאליק 1, רמת גן' });
    await call(core, 'valuations.changeStatus', { id: ids[1]!, status: 'IN_PROGRESS' });
    await call(core, 'valuations.changeStatus', { id: ids[3]!, status: 'IN_PROGRESS' });

    expect(await found(core, 'חולון')).toEqual(sorted(...ids));
    expect(await found(core, 'חולון', { status: ['IN_PROGRESS'] })).toEqual(sorted(ids[1]!, ids[3]!));
    expect(await found(core, 'חולון', { status: ['DRAFT'] })).toEqual(sorted(ids[0]!, ids[2]!, ids[4]!));
    expect(await found(core, 'רמת גן', { status: ['IN_PROGRESS'] })).toEqual([]);

    const page1 = await call(core, 'valuations.list', { search: 'חולון', sort: 'title', direction: 'asc', limit: 2, offset: 0 });
    const page2 = await call(core, 'valuations.list', { search: 'חולון', sort: 'title', direction: 'asc', limit: 2, offset: 2 });
    const page3 = await call(core, 'valuations.list', { search: 'חולון', sort: 'title', direction: 'asc', limit: 2, offset: 4 });
    expect([page1.total, page2.total, page3.total]).toEqual([5, 5, 5]);
    expect([...page1.items, ...page2.items, ...page3.items].map((i) => i.title)).toEqual([1, 2, 3, 4, 5].map((n) => `דירה ${n} בחולון`));
    const beyond = await call(core, 'valuations.list', { search: 'חולון', limit: 2, offset: 10 });
    expect(beyond).toEqual({ items: [], total: 5 });
  });

  it('follows updates of the title, address, block/parcel and client', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    await call(core, 'valuations.update', { id: v.herzl, fields: { title: 'בית פרטי, גבעתיים' } });
    expect(await found(core, 'גבעתיים')).toEqual([v.herzl]);
    expect(await found(core, 'חדרים')).toEqual([]); // a word only the old title had
    expect(await found(core, 'הרצל')).toEqual([v.herzl]); // still in the address

    await call(core, 'valuations.update', { id: v.herzl, fields: { addressFull: 'כצנלסון 8, גבעתיים' } });
    expect(await found(core, 'כצנלסון')).toEqual([v.herzl]);
    // The street of step 1 still says הרצל.
    expect(await found(core, 'הרצל')).toEqual([v.herzl]);
    await call(core, 'valuations.update', { id: v.herzl, fields: { step1Data: { client: { name: 'יעל שפירא' }, city: 'גבעתיים' } } });
    expect(await found(core, 'הרצל')).toEqual([]);
    expect(await found(core, 'משה')).toEqual([]);
    expect(await found(core, 'שפירא')).toEqual([v.herzl]);

    await call(core, 'valuations.update', { id: v.herzl, fields: { block: '7000', parcel: '12', subparcel: null } });
    expect(await found(core, '6109/396/118')).toEqual([]);
    expect(await found(core, '7000/12')).toEqual([v.herzl]);
    // Other rows are untouched by the update of one.
    expect(await found(core, 'רוטשילד')).toEqual([v.rothschild]);
  });

  it('forgets a deleted draft', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    await call(core, 'valuations.deleteDraft', { id: v.herzl });
    expect(await found(core, 'הרצל')).toEqual([]);
    expect(await found(core, '6109/396/118')).toEqual([]);
    expect(await found(core, 'משה')).toEqual([]);
    expect(await found(core, 'יפו')).toEqual([v.jaffa]);
  });

  it('finds a duplicate under the same words', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    const copy = await call(core, 'valuations.duplicate', { id: v.rothschild });
    expect(await found(core, 'רוטשילד')).toEqual(sorted(v.rothschild, copy.id));
    expect(await found(core, '9905/88/8')).toEqual(sorted(v.rothschild, copy.id));
  });

  it('shows a client viewer only the ready and signed valuations the search finds', async () => {
    const t = await setup();
    const v = await seedOffice(t.core);
    await call(t.core, 'valuations.changeStatus', { id: v.rothschild, status: 'IN_PROGRESS' });
    await fillForReady(t.core, v.rothschild);
    await call(t.core, 'valuations.changeStatus', { id: v.rothschild, status: 'READY' });
    await call(t.core, 'session.signOut', {});
    await call(t.core, 'session.signIn', { email: 'viewer@demo.shamay.local', password: 'demo' });
    expect(await found(t.core, 'הרצל')).toEqual([]);
    expect(await found(t.core, 'רוטשילד')).toEqual([v.rothschild]);
    expect(await found(t.core, 'מ"ר')).toEqual([v.rothschild]);
  });
});

describe('valuation search: rows written by a pull', () => {
  it('indexes valuations and documents the sync engine writes straight into the file', async () => {
    const { core, db, people } = await setup();
    const mine = await create(core, { title: 'שלי' });
    const org = (db.prepare('SELECT organization_id AS id FROM valuations WHERE id = ?').get(mine) as { id: string }).id;
    const pulled = '01900000-0000-7000-8000-0000000000aa';
    // As the pull writes server rows: INSERT ... ON CONFLICT (id) DO UPDATE (store/server-rows.ts).
    const upsert = db.prepare(
      `INSERT INTO valuations (id, organization_id, created_by_id, title, address_full, block, parcel, subparcel, step1_data, server_version)
       VALUES (@id, @org, @by, @title, @address, @block, @parcel, @subparcel, @step1, @version)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, address_full = excluded.address_full, block = excluded.block,
         parcel = excluded.parcel, subparcel = excluded.subparcel, step1_data = excluded.step1_data, server_version = excluded.server_version`,
    );
    const row = { id: pulled, org, by: people.appraisers[0].id, block: '6638', parcel: '88', subparcel: '4', version: 1 };
    upsert.run({ ...row, title: 'שומה מהשרת', address: 'הנביאים 10, חיפה', step1: JSON.stringify({ client: { name: 'אורית נחום' } }) });
    expect(await found(core, 'חיפה')).toEqual([pulled]);
    expect(await found(core, 'נחום')).toEqual([pulled]);
    expect(await found(core, '6638/88/4')).toEqual([pulled]);

    upsert.run({ ...row, version: 2, title: 'שומה מעודכנת', address: 'הרצל 1, באר שבע', step1: JSON.stringify({ client: { name: 'אבי נחום' } }) });
    expect(await found(core, 'חיפה')).toEqual([]);
    expect(await found(core, 'באר שבע')).toEqual([pulled]);

    db.prepare(
      `INSERT INTO documents (id, valuation_id, organization_id, doc_type, file_name, storage_key, sha256, size_bytes, mime_type, extracted, uploaded_by_id, server_version)
       VALUES ('01900000-0000-7000-8000-0000000000ab', ?, ?, 'TABU', 'נסח.pdf', ?, ?, 10, 'application/pdf', ?, ?, 1)`,
    ).run(pulled, org, 'a'.repeat(64), 'a'.repeat(64), JSON.stringify({ text: 'הערת אזהרה לטובת בנק' }), people.appraisers[0].id);
    expect(await found(core, 'אזהרה')).toEqual([pulled]);

    db.prepare('DELETE FROM valuations WHERE id = ?').run(pulled);
    expect(await found(core, 'נחום')).toEqual([]);
    expect(await found(core, 'אזהרה')).toEqual([]);
  });
});

describe('valuation search: document text', () => {
  it('finds extracted document text, and forgets it when the document goes', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    const { document } = await call(core, 'documents.add', {
      valuationId: v.holon,
      docType: 'TABU',
      fileName: 'נסח.pdf',
      source: { bytesBase64: pdf('tabu') },
    });
    expect(await found(core, 'אזהרה')).toEqual([]);
    await call(core, 'documents.updateExtracted', { id: document.id, extracted: { text: 'נסח טאבו הערת אזהרה' } });
    expect(await found(core, 'אזהרה')).toEqual([v.holon]);
    expect(await found(core, 'הערת אזהרה')).toEqual([v.holon]);
    expect(await found(core, 'אזה')).toEqual([v.holon]);
    expect(await found(core, 'טאבו חולון')).toEqual([v.holon]); // document text and address together

    // Nested values, final letters and bidi controls as a registry PDF gives them.
    await call(core, 'documents.updateExtracted', {
      id: document.id,
      extracted: { owners: [{ name: 'ישראל ישראלי', share: '1/2' }], notes: [{ action: '\u202Bמשכנתא\u202C לטובת בנק' }] },
    });
    expect(await found(core, 'ישראלי')).toEqual([v.holon]);
    expect(await found(core, 'משכנתא')).toEqual([v.holon]);
    expect(await found(core, 'אזהרה')).toEqual([]); // replaced text is forgotten

    // A later change of the valuation keeps the document text in the index.
    await call(core, 'valuations.update', { id: v.holon, fields: { title: 'פנטהאוז מחודש' } });
    expect(await found(core, 'ישראלי')).toEqual([v.holon]);

    await call(core, 'documents.remove', { id: document.id });
    expect(await found(core, 'ישראלי')).toEqual([]);
    expect(await found(core, 'חולון')).toEqual([v.holon]);
  });

  it('joins the text of several documents of one valuation', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    const a = await call(core, 'documents.add', { valuationId: v.herzl, docType: 'TABU', fileName: 'a.pdf', source: { bytesBase64: pdf('a') } });
    const b = await call(core, 'documents.add', { valuationId: v.herzl, docType: 'PERMIT', fileName: 'b.pdf', source: { bytesBase64: pdf('b') } });
    await call(core, 'documents.updateExtracted', { id: a.document.id, extracted: { text: 'הערת אזהרה' } });
    await call(core, 'documents.updateExtracted', { id: b.document.id, extracted: { text: 'היתר בניה: תוספת קומה' } });
    expect(await found(core, 'אזהרה תוספת')).toEqual([v.herzl]);
    await call(core, 'documents.remove', { id: a.document.id });
    expect(await found(core, 'אזהרה')).toEqual([]);
    expect(await found(core, 'תוספת')).toEqual([v.herzl]);
  });

  it('forgets the extracted text of a replaced document', async () => {
    const { core } = await setup();
    const v = await seedOffice(core);
    const { document } = await call(core, 'documents.add', { valuationId: v.herzl, docType: 'TABU', fileName: 'old.pdf', source: { bytesBase64: pdf('old') } });
    await call(core, 'documents.updateExtracted', { id: document.id, extracted: { text: 'הערת אזהרה' } });
    await call(core, 'documents.add', { valuationId: v.herzl, docType: 'TABU', fileName: 'new.pdf', source: { bytesBase64: pdf('new') }, replacesId: document.id });
    expect(await found(core, 'אזהרה')).toEqual([]);
  });

  it('finds a document by its file name before anything is extracted from it', async () => {
    // The index triggers add the documents' file names to doc_text (0003_search_index.sql).
    const { core } = await setup();
    const v = await seedOffice(core);
    await call(core, 'documents.add', { valuationId: v.jaffa, docType: 'PERMIT', fileName: 'היתר בנייה תשפ״ג.pdf', source: { bytesBase64: pdf('permit') } });
    expect(await found(core, 'היתר')).toEqual([v.jaffa]);
    expect(await found(core, 'תשפ"ג')).toEqual([v.jaffa]);
  });
});

describe('valuation search: hostile input', () => {
  const HOSTILE = [
    '"',
    '""',
    '"הרצל',
    'הרצל"',
    '" OR "',
    'a" OR rowid:"1',
    '*',
    'הרצל*',
    '**',
    '(',
    ')',
    '(הרצל',
    '((()))',
    'AND',
    'OR',
    'NOT',
    'הרצל AND',
    'OR הרצל',
    'NOT הרצל',
    'NEAR(',
    'NEAR(הרצל רוטשילד, 2)',
    'NEAR/2',
    'title:הרצל',
    'title : "הרצל"',
    '{title address}: הרצל',
    '^הרצל',
    '-הרצל',
    '+',
    ':',
    '\\',
    "'",
    "'; DROP TABLE valuations; --",
    '%',
    '_',
    '\u0000',
    '\u202E',
    '\uD800',
    '6109/396/118/5',
    '6109//396',
    '/6109',
    '1234567/1',
    '6109/396/12345',
    'א'.repeat(200),
    'א '.repeat(100),
    '"*'.repeat(100),
    'NEAR( '.repeat(33),
    '6'.repeat(200),
  ];

  it('answers every hostile query with a normal result, never an error', async () => {
    const { core, db } = await setup();
    const v = await seedOffice(core);
    const before = counts(db);
    for (const search of HOSTILE) {
      expect(search.length).toBeLessThanOrEqual(200);
      const result = await core.dispatch('valuations.list', { search });
      expect(result, JSON.stringify(search)).toMatchObject({ ok: true });
      if (!result.ok) continue;
      const value = result.value as { items: { id: string }[]; total: number };
      expect(value.total, JSON.stringify(search)).toBe(value.items.length);
      // Whatever it finds is one of ours: the query cannot widen the search.
      for (const item of value.items) expect(Object.values(v)).toContain(item.id);
    }
    // Words inside the noise are still searched as words.
    expect(await found(core, '"הרצל')).toEqual([v.herzl]);
    expect(await found(core, 'הרצל*')).toEqual([v.herzl]);
    expect(await found(core, '(הרצל')).toEqual([v.herzl]);
    expect(await found(core, 'NOT הרצל')).toEqual([]); // NOT is a word here, and no valuation has it
    // Nothing was written by searching.
    expect(counts(db)).toEqual(before);
  });

  it('refuses a query over 200 characters as VALIDATION, not INTERNAL', async () => {
    const { core } = await setup();
    await seedOffice(core);
    expect(await callError(core, 'valuations.list', { search: 'א'.repeat(201) })).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(core, 'valuations.list', { search: 42 })).toMatchObject({ code: 'VALIDATION' });
  });

  it('lists everything for a blank search and nothing for punctuation alone', async () => {
    const { core } = await setup();
    await seedOffice(core);
    expect((await call(core, 'valuations.list', { search: '' })).total).toBe(4);
    expect((await call(core, 'valuations.list', { search: '   ' })).total).toBe(4);
    expect(await call(core, 'valuations.list', { search: '"׳״*()' })).toEqual({ items: [], total: 0 });
  });
});
