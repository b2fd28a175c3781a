// The tables of a land-registry extract: additional areas, attachments, ownership deeds with their
// owners, leases, mortgages (rank, sum, lenders, borrowers, share), notes and easements. Each list
// collects rows while its zone lasts; a table may run on over a page break (page furniture is
// dropped before, and lines that do not read as a row are skipped, not taken for one).
import { hasCheckDigit, idTypeOf, isValidIsraeliId } from './israeli-id.ts';
import type { TextLine } from './lines.ts';
import {
  AREA_HEADER,
  ATTACHMENT_HEADER,
  BENEFICIARY_HEADER,
  BORROWER_HEADER,
  DEED_HEADER,
  LABEL,
  LENDER_HEADER,
  LESSEE_HEADER,
  NONE,
  OWNER_HEADER,
  untilNextLabel,
  VALUE,
  type Zone,
} from './tabu-patterns.ts';
import { findText, findValue, matchHeader, readRow, type Header, type TableRow } from './text-scan.ts';
import type { Row } from './types.ts';
import { parseAgorot, parseDate, parseDecimal, parseRank, parseShare, shareText } from './values.ts';

export interface ListRow {
  row: Row;
  confidence: number;
}

export type ListKey = 'additionalAreas' | 'attachments' | 'owners' | 'leases' | 'mortgages' | 'notes' | 'easements';

export interface ListState {
  rows: ListRow[];
  headingPage: number | null;
  /** The zone said "none" (אין). */
  none: boolean;
}

type Spec = { columns: Record<string, RegExp>; required: readonly string[] };
const header = (line: TextLine, spec: Spec) => matchHeader(line, spec.columns, spec.required);

const LOOSE = 0.15;

function share(text: string | undefined): { value: string; ok: boolean } {
  const parsed = parseShare(text ?? '');
  return parsed ? { value: shareText(parsed), ok: true } : { value: (text ?? '').trim(), ok: false };
}

function identity(values: Record<string, string>) {
  const idNumber = (values.idNumber ?? '').replace(/[\s-]/g, '');
  const idType = values.idType ? idTypeOf(values.idType) : /^\d{9}$/.test(idNumber) ? 'ID' : null;
  const idValid = idType && hasCheckDigit(idType) && /^\d{1,9}$/.test(idNumber) ? isValidIsraeliId(idNumber) : null;
  return { idType, idNumber: idNumber || null, idValid };
}

interface Deed {
  deedType: string | null;
  deedNumber: string | null;
  date: string | null;
}

function deedOf(row: TableRow): Deed {
  const { deedType, deedNumber, date } = row.values;
  return { deedType: deedType?.trim() || null, deedNumber: deedNumber?.match(/[\d/-]+/)?.[0] ?? null, date: parseDate(date ?? '') };
}

/** Collects the lists zone by zone; `line` is called for every line of a list zone. */
export class TabuLists {
  readonly lists: Record<ListKey, ListState | null> = {
    additionalAreas: null,
    attachments: null,
    owners: null,
    leases: null,
    mortgages: null,
    notes: null,
    easements: null,
  };
  private table: { kind: string; header: Header } | null = null;
  private expectDeed: Header | null = null;
  private deed: Deed | null = null;
  private mortgage: ListRow | null = null;
  private note: ListRow | null = null;

  /** A heading opened `zone`. */
  enter(zone: Zone, page: number): void {
    this.table = null;
    this.expectDeed = null;
    this.deed = null;
    this.mortgage = null;
    this.note = null;
    const key = zone === 'ownership' ? 'owners' : zone;
    if (key in this.lists) this.lists[key as ListKey] ??= { rows: [], headingPage: page, none: false };
  }

  line(zone: Zone, line: TextLine): void {
    const key: ListKey | null = zone === 'ownership' ? 'owners' : zone in this.lists ? (zone as ListKey) : null;
    const list = key ? this.lists[key] : null;
    if (!key || !list) return;
    if (NONE.test(line.text)) {
      if (list.rows.length === 0) list.none = true;
      return;
    }
    if (this.expectDeed) {
      const deed = deedOf(readRow(line, this.expectDeed));
      this.expectDeed = null;
      this.deed = deed;
      if (zone === 'mortgages') this.startMortgage(deed, line.page);
      if (zone === 'notes') this.startNote(deed, line.page);
      return;
    }
    if (zone === 'ownership' || zone === 'mortgages' || zone === 'notes') {
      const deedHeader = header(line, DEED_HEADER);
      if (deedHeader) {
        this.expectDeed = deedHeader;
        this.table = null;
        return;
      }
    }
    switch (zone) {
      case 'additionalAreas':
        return this.additionalArea(line, list);
      case 'attachments':
        return this.attachment(line, list);
      case 'ownership':
        return this.owner(line, list);
      case 'leases':
        return this.lease(line, list);
      case 'mortgages':
        return this.mortgageLine(line);
      case 'notes':
        return this.noteLine(line, list);
      case 'easements':
        list.rows.push({ row: { description: line.text, page: line.page }, confidence: 0.6 });
        return;
      default:
        return;
    }
  }

  private tableRow(line: TextLine, kind: string, spec: Spec): TableRow | null {
    const found = header(line, spec);
    if (found) {
      this.table = { kind, header: found };
      return null;
    }
    return this.table?.kind === kind ? readRow(line, this.table.header) : null;
  }

  private additionalArea(line: TextLine, list: ListState): void {
    const row = this.tableRow(line, 'area', AREA_HEADER);
    if (row) {
      const area = parseDecimal(row.values.area ?? '');
      if (!row.values.description || area === null) return;
      list.rows.push({ row: { description: row.values.description, area, page: line.page }, confidence: row.confidence });
      return;
    }
    // No header: "מרפסת פתוחה 10.30" on one line.
    const loose = /^(\D+?)\s+(?:במ"ר\s+)?(\d[\d,]*\.\d+|\d+)$/.exec(line.text);
    if (!this.table && loose) {
      list.rows.push({ row: { description: (loose[1] as string).trim(), area: parseDecimal(loose[2] as string), page: line.page }, confidence: 0.6 });
    }
  }

  private attachment(line: TextLine, list: ListState): void {
    const row = this.tableRow(line, 'attachment', ATTACHMENT_HEADER);
    if (!row || !row.values.description) return;
    const area = row.values.area === undefined ? null : parseDecimal(row.values.area);
    const confidence = row.confidence - (row.values.area !== undefined && area === null ? LOOSE : 0);
    list.rows.push({
      row: {
        symbol: row.values.symbol ?? null,
        colour: row.values.colour ?? null,
        description: row.values.description,
        area,
        page: line.page,
      },
      confidence,
    });
  }

  private owner(line: TextLine, list: ListState): void {
    const row = this.tableRow(line, 'owner', OWNER_HEADER);
    if (!row || !row.values.name) return;
    const id = identity(row.values);
    const owned = share(row.values.share);
    if (!id.idNumber?.match(/^\d+$/) && !owned.ok) return; // not an owner row (a stray line)
    list.rows.push({
      row: {
        name: row.values.name,
        idType: id.idType,
        idNumber: id.idNumber,
        idValid: id.idValid,
        share: owned.value || null,
        deedType: this.deed?.deedType ?? null,
        deedNumber: this.deed?.deedNumber ?? null,
        date: this.deed?.date ?? null,
        page: line.page,
      },
      confidence: row.confidence - (owned.ok ? 0 : LOOSE) - (this.deed ? 0 : 0.1),
    });
  }

  private lease(line: TextLine, list: ListState): void {
    const row = this.tableRow(line, 'lessee', LESSEE_HEADER);
    if (!row || !row.values.name) return;
    const id = identity(row.values);
    const leased = share(row.values.share);
    list.rows.push({
      row: {
        lessee: row.values.name,
        idType: id.idType,
        idNumber: id.idNumber,
        share: leased.value || null,
        endDate: parseDate(row.values.endDate ?? '') ?? row.values.endDate ?? null,
        page: line.page,
      },
      confidence: row.confidence - (row.values.share && !leased.ok ? LOOSE : 0),
    });
  }

  private startMortgage(deed: Deed, page: number): void {
    const list = this.lists.mortgages;
    if (!list) return;
    this.mortgage = {
      row: {
        rank: null,
        amountAgorot: null,
        lenders: null,
        borrowers: null,
        share: null,
        deedType: deed.deedType,
        deedNumber: deed.deedNumber,
        date: deed.date,
        page,
      },
      confidence: 0.9,
    };
    list.rows.push(this.mortgage);
  }

  private mortgageLine(line: TextLine): void {
    if (!this.mortgage) this.startMortgage({ deedType: null, deedNumber: null, date: null }, line.page);
    const mortgage = this.mortgage;
    if (!mortgage) return;
    const row = mortgage.row;
    const rank = findText(line, LABEL.rank, { requireColon: true });
    if (rank) row.rank = parseRank(untilNextLabel(rank.text));
    const amount = findValue(line, LABEL.amount, VALUE.number);
    if (amount) {
      row.amountAgorot = parseAgorot(amount.text);
      if (row.amountAgorot === null) mortgage.confidence = Math.min(mortgage.confidence, 0.6);
    } else if (/ללא\s+הגבלת\s+סכום/.test(line.text)) row.amountAgorot = null;
    const owned = findText(line, LABEL.share, { requireColon: true });
    if (owned) {
      const parsed = share(untilNextLabel(owned.text));
      row.share = parsed.value;
      if (!parsed.ok) mortgage.confidence = Math.min(mortgage.confidence, 0.6);
    }
    const borrowersText = findText(line, LABEL.borrowers, { requireColon: true });
    if (borrowersText) {
      row.borrowers = untilNextLabel(borrowersText.text).split(/\s*[,;]\s*/).filter(Boolean).join('; ');
      return;
    }
    if (rank || amount || owned) return;
    const party = this.tableRow(line, 'lender', LENDER_HEADER) ?? this.tableRow(line, 'borrower', BORROWER_HEADER);
    if (!party?.values.name || !this.table) return;
    const key = this.table.kind === 'lender' ? 'lenders' : 'borrowers';
    row[key] = row[key] ? `${row[key]}; ${party.values.name}` : party.values.name;
  }

  private startNote(deed: Deed, page: number): void {
    const list = this.lists.notes;
    if (!list) return;
    this.note = {
      row: { action: deed.deedType, beneficiary: null, deedNumber: deed.deedNumber, date: deed.date, page },
      confidence: deed.deedType ? 0.9 : 0.6,
    };
    list.rows.push(this.note);
  }

  private noteLine(line: TextLine, list: ListState): void {
    const labelled = findText(line, LABEL.beneficiary, { requireColon: true });
    const party = labelled ? null : this.tableRow(line, 'beneficiary', BENEFICIARY_HEADER);
    const name = labelled?.text ?? party?.values.name;
    if (name && this.note) {
      const row = this.note.row;
      row.beneficiary = row.beneficiary ? `${row.beneficiary}; ${name}` : name;
      return;
    }
    if (party || this.table) return;
    // A note written as one line ("הערת אזהרה סעיף 126 ..."), without a deed table.
    if (line.cells.length === 1 && /\p{L}/u.test(line.text)) {
      this.note = { row: { action: line.text, beneficiary: null, deedNumber: null, date: null, page: line.page }, confidence: 0.6 };
      list.rows.push(this.note);
    }
  }
}
