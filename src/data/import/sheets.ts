import type { DataIssue } from '../errors.js';
import { auctions } from '../datasets/auctions.js';
import { marketDaily } from '../datasets/market-daily.js';
import type { Field } from '../fields.js';
import { number, text } from '../fields.js';
import { findHeader, readSheetTable, readWorkbook, type Sheet } from '../formats/spreadsheet.js';
import type { DatasetSchema, Fields } from '../schema.js';
import type { Extracted } from './extract.js';
import { slug } from './slug.js';
import type { SheetAuctionsFormat, SheetDailyFormat } from './known-files.js';
import type { ImportInput } from './recognise.js';
import { SkipLog } from './skips.js';

type SheetFormat = SheetAuctionsFormat | SheetDailyFormat;

/** Tonnes as the pilots' quotes write them ("10000 t" among plain numbers). */
const TONNES = { t: 1, 吨: 1 } as const;

/** A dataset field read under the headers the format lists for it (its aliases). */
function under(field: Field<unknown>, headers: readonly string[]): Field<unknown> {
  return { ...field, aliases: headers };
}

/**
 * The schema a sheet is read with: each column the format lists, typed as its dataset field.
 * For the pilots' quotes every column is optional: a row without a date or a price is left out
 * and counted (the report says why), not an error.
 */
export function sheetSchema(format: SheetFormat): DatasetSchema {
  const fields: Fields = {};
  for (const [name, headers] of Object.entries(format.columns)) {
    if (format.target === 'auctions') {
      fields[name] = under(auctions.fields[name as keyof typeof auctions.fields] as Field<unknown>, headers);
    } else {
      const base =
        name === 'exchange' || name === 'product'
          ? text()
          : name === 'date'
            ? marketDaily.fields.date
            : number({ minimum: 0, ...(name === 'volume' ? { units: TONNES } : {}) });
      fields[name] = under(base.optional() as Field<unknown>, headers);
    }
  }
  return { name: format.id, title: format.title, description: '', fields };
}

/** Whether a sheet of the workbook has this format's header. */
export function sheetMatches(format: SheetFormat, sheets: readonly Sheet[]): boolean {
  const schema = sheetSchema(format);
  return sheets.some((s) => findHeader(s, schema) !== undefined);
}

/** Every sheet with the format's header, read as its table; sheets without it are passed over. */
async function readSheets(format: SheetFormat, input: ImportInput, display: string) {
  const schema = sheetSchema(format);
  const book = await readWorkbook(input.bytes, display);
  const tables = [];
  for (const sheet of book.sheets) {
    if (findHeader(sheet, schema) === undefined) continue;
    tables.push({ sheet: sheet.name, ...(await readSheetTable(sheet, schema, display)) });
  }
  return tables;
}

export async function extractAuctions(format: SheetAuctionsFormat, input: ImportInput, display: string): Promise<Extracted> {
  const issues: DataIssue[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const table of await readSheets(format, input, display)) {
    issues.push(...table.issues);
    for (const r of table.rows) {
      const contract = r.contract as keyof SheetAuctionsFormat['allowances'];
      rows.push({ ...format.constants, ...r, allowance: format.allowances[contract], note: format.note });
    }
  }
  return { rows, issues, skipped: 0 };
}

/**
 * China's pilot markets' daily quotes: rows are kept for the pilots the format lists, each
 * product its own series; every other row is left out with its reason (no date, a European
 * exchange, a product listed under another exchange, a day without an average price). A day
 * repeated in another sheet (Sheet1 holds what each exchange's sheet holds) is read once when its
 * values agree, and left out when they differ: which is right is not known.
 */
export async function extractPilotQuotes(format: SheetDailyFormat, input: ImportInput, display: string): Promise<Extracted> {
  const issues: DataIssue[] = [];
  const skips = new SkipLog();
  const byKey = new Map<string, { row: Record<string, unknown>; where: string; copies: number; conflict: boolean }>();
  const exchangeOf = new Map(format.pilots.flatMap((p) => p.exchanges.map((e) => [e, p] as const)));
  for (const table of await readSheets(format, input, display)) {
    issues.push(...table.issues);
    for (const [i, r] of table.rows.entries()) {
      const where = `${table.sheet} row ${table.lines[i]}`;
      const exchange = r.exchange as string | null;
      const product = r.product as string | null;
      if (r.date === null) {
        skips.add('rows without a date', where);
        continue;
      }
      if (!exchange || !product) {
        skips.add('rows without an exchange or product', where);
        continue;
      }
      const pilot = exchangeOf.get(exchange);
      if (!pilot) {
        skips.add("rows of exchanges that are not China's pilot markets (EUA and CER futures in Europe)", where);
        continue;
      }
      if (!pilot.products.includes(product)) {
        skips.add('rows whose product is not listed by their exchange', where);
        continue;
      }
      const row = {
        market: pilot.market,
        instrument: format.constants.instrument,
        series: `${format.constants.seriesPrefix}-${slug(product)}`,
        date: r.date,
        close: r.close,
        open: r.open,
        high: r.high,
        low: r.low,
        volume: r.volume,
        turnover: r.turnover,
        currency: format.constants.currency,
        note: format.note,
      };
      const key = `${row.market}\u0000${row.series}\u0000${String(row.date)}`;
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { row, where, copies: 1, conflict: false });
        continue;
      }
      seen.copies++;
      if (!sameValues(seen.row, row)) seen.conflict = true;
    }
  }
  const rows: Record<string, unknown>[] = [];
  let repeated = 0;
  for (const { row, where, copies, conflict } of byKey.values()) {
    if (conflict) skips.add('days given different values in two sheets (which is right is not known)', where);
    else if (row.close === null) skips.add('days without an average price (no trades)', where);
    else {
      rows.push(row);
      repeated += copies - 1;
    }
  }
  if (repeated > 0) skips.add('rows repeating a day of another sheet with the same values (read once)', 'Sheet1 and the exchange sheets', repeated);
  return { rows, issues, ...skips.summary() };
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(a).every((k) => a[k] === b[k]);
}
