// The body's tables to the extract's facts: the parcel and unit tables to scalar fields, and the
// repeated blocks to rows — an owner is its deed table and the "החלק בנכס" after it; a mortgage is its
// lender table, its borrowers sub-table and its terms (rank, sum, share); a note its table and the
// line saying on whose share it is; a lease its table and its terms. A block missing a part is
// marked INCOMPLETE_BLOCK; a section whose title was printed but none of whose tables was read is
// reported UNREAD_SECTION (and stays empty rather than filled with fragments).
import type { Fact, PageSize } from './evidence.ts';
import { factOf, isTitled, RowBuilder } from './tabu-rows.ts';
import type { SectionKey } from './tabu-schemas.ts';
import { cellFrom, type BodyEvent, type Cell, type Table, type TableRow } from './tabu-tables.ts';
import { asAmount, asBylaws, asCount, asDate, asDecimal, asDeedNumber, asIdNumber, asIdType, asName, asRank, asShare, asText } from './tabu-values.ts';
import type { Primitive } from './types.ts';

const OWNER = ['name', 'idType', 'idNumber', 'share', 'deedType', 'deedNumber', 'date'];
const MORTGAGE = ['rank', 'amountAgorot', 'lenders', 'lenderIdType', 'lenderIdNumber', 'borrowers', 'borrowerIdNumbers', 'share', 'deedType', 'deedNumber', 'date'];
const NOTE = ['action', 'beneficiary', 'beneficiaryIdType', 'beneficiaryIdNumber', 'deedNumber', 'date', 'scope'];
const EASEMENT = ['action', 'description', 'deedNumber', 'date'];
const LEASE = ['lessee', 'idType', 'idNumber', 'share', 'endDate', 'deedType', 'deedNumber', 'date'];
const ATTACHMENT = ['symbol', 'colour', 'description', 'area'];
const ADDITIONAL_AREA = ['description', 'area'];

export type ListKey = 'owners' | 'leases' | 'mortgages' | 'notes' | 'easements' | 'attachments' | 'additionalAreas';

/** Scalar facts by field key (parcelArea, bylaws, unitDescription, ...). */
export type Scalars = Record<string, Fact<Primitive>>;

export interface BodyFacts {
  scalars: Scalars;
  lists: Record<ListKey, RowBuilder[]>;
  /** Sections whose title was printed, with the first page it was printed on. */
  sectionsSeen: Map<SectionKey, number>;
  /** Sections with a printed title none of whose tables was read. */
  unread: SectionKey[];
  /** Lines that fit no table, by section ("" before the first section title). */
  unplaced: Map<string, number>;
}

const LIST_SECTION: Record<ListKey, SectionKey> = {
  owners: 'ownership',
  leases: 'leases',
  mortgages: 'mortgages',
  notes: 'notes',
  easements: 'easements',
  attachments: 'attachments',
  additionalAreas: 'additionalAreas',
};

/** A value put together from several rows of a sub-table (the borrowers): texts joined by "; ". */
function joinedCell(rows: readonly TableRow[], key: string): Cell | undefined {
  const cells = rows.map((r) => r.cells[key]).filter((c): c is Cell => Boolean(c));
  const first = cells[0];
  if (!first) return undefined;
  const samePage = cells.filter((c) => c.page === first.page);
  return {
    ...first,
    text: cells.map((c) => c.text).join('; '),
    left: Math.min(...samePage.map((c) => c.left)),
    right: Math.max(...samePage.map((c) => c.right)),
    bottom: Math.max(...samePage.map((c) => c.bottom)),
    aligned: Math.min(...cells.map((c) => c.aligned)),
  };
}

export function bodyFacts(events: readonly BodyEvent[], sizes: ReadonlyMap<number, PageSize>): BodyFacts {
  const scalars: Scalars = {};
  const lists: Record<ListKey, RowBuilder[]> = { owners: [], leases: [], mortgages: [], notes: [], easements: [], attachments: [], additionalAreas: [] };
  const sectionsSeen = new Map<SectionKey, number>();
  const sectionsRead = new Set<SectionKey>();
  const unplaced = new Map<string, number>();
  /** The parts each open block is still waiting for. */
  const pending = new Map<RowBuilder, Set<string>>();

  const scalar = (key: string, cell: Cell | undefined, read: Parameters<typeof factOf>[1], table: Table) => {
    const fact = factOf(cell, read, isTitled(table), sizes);
    if (fact && !(key in scalars)) scalars[key] = fact;
  };
  const row = (keys: readonly string[]) => new RowBuilder(keys, sizes);
  const deedParts = (b: RowBuilder, r: TableRow, titled: boolean) => {
    b.set('deedType', r.cells.action, asText, titled);
    b.set('deedNumber', r.cells.deedNumber, asDeedNumber, titled);
    b.set('date', r.cells.date, asDate, titled);
  };
  const lastWaitingFor = (list: ListKey, part: string) => {
    const last = lists[list].at(-1);
    return last && pending.get(last)?.has(part) ? last : null;
  };
  const done = (b: RowBuilder, part: string) => pending.get(b)?.delete(part);
  const push = (list: ListKey, b: RowBuilder) => {
    lists[list].push(b);
    sectionsRead.add(LIST_SECTION[list]);
  };
  const stray = (table: Table) => {
    const key = table.section ?? '';
    unplaced.set(key, (unplaced.get(key) ?? 0) + table.rows.length);
  };

  for (const event of events) {
    if (event.type === 'section') {
      if (!sectionsSeen.has(event.section)) sectionsSeen.set(event.section, event.page);
      continue;
    }
    if (event.type === 'free') {
      const note = event.section === 'notes' ? lastWaitingFor('notes', 'scope') : null;
      if (note && /^על\s/.test(event.line.text)) {
        note.set('scope', cellFrom(event.line.items, event.line), asText, true);
        done(note, 'scope');
      } else {
        const key = event.section ?? '';
        unplaced.set(key, (unplaced.get(key) ?? 0) + 1);
      }
      continue;
    }
    const table = event.table;
    const titled = isTitled(table);
    if (table.rows.length && (table.schema.kind === 'parcel' || table.schema.kind === 'unit' || table.schema.kind === 'building')) {
      sectionsRead.add(table.schema.section ?? 'parcel');
    }
    const first = table.rows[0]?.cells ?? {};
    switch (table.schema.kind) {
      case 'creation':
        break;
      case 'parcel':
        scalar('parcelArea', first.parcelArea, asDecimal, table);
        scalar('bylaws', first.bylaws, asBylaws, table);
        scalar('subparcelCount', first.subparcelCount, asCount, table);
        scalar('buildingCount', first.buildingCount, asCount, table);
        break;
      case 'unit':
        scalar('unitDescription', first.unitDescription, asText, table);
        scalar('floor', first.floor, asText, table);
        scalar('registeredArea', first.registeredArea, asDecimal, table);
        scalar('commonShare', first.commonShare, asShare, table);
        break;
      case 'building':
        scalar('building', first.building, asText, table);
        break;
      case 'additionalAreas':
        for (const r of table.rows) {
          const b = row(ADDITIONAL_AREA);
          b.set('description', r.cells.description, asText, titled);
          b.set('area', r.cells.area, asDecimal, titled);
          push('additionalAreas', b);
        }
        break;
      case 'attachments':
        for (const r of table.rows) {
          const b = row(ATTACHMENT);
          b.set('symbol', r.cells.symbol, asText, titled);
          b.set('colour', r.cells.colour, asText, titled);
          b.set('description', r.cells.description, asText, titled);
          b.set('area', r.cells.area, asDecimal, titled);
          push('attachments', b);
        }
        break;
      case 'owner':
        for (const r of table.rows) {
          const b = row(OWNER);
          b.set('name', r.cells.name, asName, titled);
          b.set('idType', r.cells.idType, asIdType, titled);
          b.set('idNumber', r.cells.idNumber, asIdNumber(r.cells.idType?.text), titled);
          deedParts(b, r, titled);
          push('owners', b);
          if (r.cells.share) b.set('share', r.cells.share, asShare, titled);
          else pending.set(b, new Set(['share']));
        }
        break;
      case 'share': {
        const owner = lastWaitingFor('owners', 'share');
        if (!owner) {
          stray(table);
          break;
        }
        owner.set('share', first.share, asShare, titled);
        done(owner, 'share');
        break;
      }
      case 'lender':
        for (const r of table.rows) {
          const b = row(MORTGAGE);
          b.set('lenders', r.cells.name, asName, titled);
          b.set('lenderIdType', r.cells.idType, asIdType, titled);
          b.set('lenderIdNumber', r.cells.idNumber, asIdNumber(r.cells.idType?.text), titled);
          deedParts(b, r, titled);
          push('mortgages', b);
          pending.set(b, new Set(['borrowers', 'terms']));
        }
        break;
      case 'borrowers': {
        const mortgage = lastWaitingFor('mortgages', 'borrowers');
        if (!mortgage) {
          stray(table);
          break;
        }
        mortgage.set('borrowers', joinedCell(table.rows, 'name'), asName, titled);
        mortgage.set('borrowerIdNumbers', joinedCell(table.rows, 'idNumber'), asText, titled);
        // Each borrower's ID is checked on its own, though stored joined.
        for (const r of table.rows) {
          const check = asIdNumber(r.cells.idType?.text)(r.cells.idNumber?.text ?? '');
          if (check.check === 'FAILED' && check.reason) mortgage.reasons.add(check.reason);
        }
        done(mortgage, 'borrowers');
        break;
      }
      case 'mortgageTerms': {
        const mortgage = lastWaitingFor('mortgages', 'terms');
        if (!mortgage) {
          stray(table);
          break;
        }
        mortgage.set('rank', first.rank, asRank, titled);
        mortgage.set('amountAgorot', first.amount, asAmount, titled);
        mortgage.set('share', first.share, asShare, titled);
        done(mortgage, 'terms');
        break;
      }
      case 'note':
        for (const r of table.rows) {
          const b = row(NOTE);
          b.set('action', r.cells.action, asText, titled);
          b.set('beneficiary', r.cells.beneficiary, asName, titled);
          b.set('beneficiaryIdType', r.cells.idType, asIdType, titled);
          b.set('beneficiaryIdNumber', r.cells.idNumber, asIdNumber(r.cells.idType?.text), titled);
          b.set('deedNumber', r.cells.deedNumber, asDeedNumber, titled);
          b.set('date', r.cells.date, asDate, titled);
          push('notes', b);
          pending.set(b, new Set(['scope']));
        }
        break;
      case 'easement':
        for (const r of table.rows) {
          const b = row(EASEMENT);
          b.set('action', r.cells.action, asText, titled);
          b.set('description', r.cells.description, asText, titled);
          b.set('deedNumber', r.cells.deedNumber, asDeedNumber, titled);
          b.set('date', r.cells.date, asDate, titled);
          push('easements', b);
        }
        break;
      case 'lessee':
        for (const r of table.rows) {
          const b = row(LEASE);
          b.set('lessee', r.cells.name, asName, titled);
          b.set('idType', r.cells.idType, asIdType, titled);
          b.set('idNumber', r.cells.idNumber, asIdNumber(r.cells.idType?.text), titled);
          deedParts(b, r, titled);
          push('leases', b);
          if (r.cells.share) b.set('share', r.cells.share, asShare, titled);
          pending.set(b, new Set(['terms']));
        }
        break;
      case 'leaseTerms': {
        const lease = lastWaitingFor('leases', 'terms');
        if (!lease) {
          stray(table);
          break;
        }
        lease.set('share', first.share, asShare, titled);
        lease.set('endDate', first.endDate, asDate, titled);
        done(lease, 'terms');
        break;
      }
    }
  }

  // A block still waiting for a part it must have (the scope line of a note is optional).
  for (const [b, parts] of pending) {
    parts.delete('scope');
    if (parts.size) b.reasons.add('INCOMPLETE_BLOCK');
  }
  const unread = [...sectionsSeen.keys()].filter((s) => !sectionsRead.has(s) && s !== 'charges');
  for (const list of Object.keys(lists) as ListKey[]) {
    if (unread.includes(LIST_SECTION[list])) lists[list] = [];
  }
  return { scalars, lists, sectionsSeen, unread, unplaced };
}

export { LIST_SECTION };
