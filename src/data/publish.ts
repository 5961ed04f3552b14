import { auctionsAnnual } from './aggregates/auctions-annual.js';
import { marketMonthly } from './aggregates/market-monthly.js';
import { DATASETS, type Data, type DatasetName } from './datasets/index.js';
import { sourceIds } from './source-ids.js';

/**
 * What data/ may ship of a publisher's file: `raw`, its rows as imported (the terms allow
 * redistribution: ECB, World Bank and Ember via OWID under CC BY, EU registry data, a PDDL or MIT
 * package); `aggregate`, only aggregates naming it as their source (investing.com's terms forbid
 * redistribution; WIND, ETS Watch and EEX files carry no licence). Their import path stays.
 */
export type PublishPolicy = 'raw' | 'aggregate';
export const PUBLISH_POLICIES: readonly PublishPolicy[] = ['raw', 'aggregate'];

/** One raw file of data-src/raw-files.csv. */
export interface RawFile {
  /** Path under the real-data folder. */
  readonly path: string;
  readonly sha256: string;
  /** The day it was read (ISO): recorded as `retrieved` on the source row its import writes. */
  readonly retrieved: string;
  readonly policy: PublishPolicy;
}

export interface PublishOptions {
  readonly files: readonly RawFile[];
  /** Registry accounts to ship (market/account); others' installations and account-years are left out. All when absent. */
  readonly accounts?: ReadonlySet<string>;
  /** gdp regions to ship; all when absent. */
  readonly gdpRegions?: ReadonlySet<string>;
  /** Currencies whose daily rates to ship (a rate is kept when both its currencies are listed); all when absent. */
  readonly currencies?: ReadonlySet<string>;
}

export type Tables = { [K in DatasetName]: Data[K][number][] };

/** Datasets whose aggregate-policy rows are replaced by an aggregate, and the aggregate. */
const AGGREGATES = {
  'market-daily': { into: 'market-monthly', aggregate: marketMonthly },
  auctions: { into: 'auctions-annual', aggregate: auctionsAnnual },
} as const;
/** Daily rates have no aggregate: other rows of fx-rates.csv or another publisher's days cover them (see README). */
const DROPPED: ReadonlySet<DatasetName> = new Set(['fx-daily']);
/**
 * Rows that may cite any file: sources name the files; a market row is what the import format
 * says about a market (its id, kind, currency), not the file's data; aggregates are what is shipped.
 */
const EXEMPT: ReadonlySet<DatasetName> = new Set(['sources', 'markets', 'market-monthly', 'auctions-annual']);

const SHA = /sha256 ([0-9a-f]{64})/;

/**
 * data/ as it may be shipped, from data/ as imported: rows citing an `aggregate` file are
 * replaced by aggregates (market-daily by market-monthly, auctions by auctions-annual) or, where no
 * aggregate is defined (daily exchange rates), left out; a row of any other dataset citing such a
 * file is an error (no aggregate says what to ship). Registry accounts, GDP regions and daily
 * rates are cut to those given; source rows an import wrote that no shipped row cites are dropped.
 * A source is an imported file's by the sha256 its note records. Pure.
 */
export function publish(data: Data, options: PublishOptions): Tables {
  const policyBySha = new Map(options.files.map((f) => [f.sha256, f.policy] as const));
  const imported = new Map<string, PublishPolicy>();
  for (const s of data.sources) {
    const sha = SHA.exec(s.note ?? '')?.[1];
    const policy = sha === undefined ? undefined : policyBySha.get(sha);
    if (sha !== undefined && policy === undefined) throw new Error(`source ${s.id}: file sha256 ${sha} is not in the raw-files manifest`);
    if (policy) imported.set(s.id, policy);
  }
  const restricted = (row: { source: string }) => sourceIds(row.source).some((id) => imported.get(id) === 'aggregate');
  const out = Object.fromEntries(Object.keys(DATASETS).map((name) => [name, [...data[name as DatasetName]]])) as unknown as Record<
    DatasetName,
    Record<string, unknown>[]
  >;

  const aggregated: [DatasetName, Record<string, unknown>[]][] = [];
  for (const name of Object.keys(DATASETS) as DatasetName[]) {
    if (EXEMPT.has(name)) continue;
    const rows = out[name] as { source: string }[];
    const held = rows.filter(restricted);
    if (held.length === 0) continue;
    const rule = AGGREGATES[name as keyof typeof AGGREGATES];
    if (!rule && !DROPPED.has(name))
      throw new Error(`${name}: ${held.length} rows cite a file whose rows may not be shipped, and no aggregate is defined for ${name}`);
    out[name] = rows.filter((r) => !restricted(r)) as Record<string, unknown>[];
    if (rule) aggregated.push([rule.into, (rule.aggregate as (rows: readonly unknown[]) => Record<string, unknown>[])(held)]);
  }
  for (const [name, rows] of aggregated) out[name] = [...out[name], ...rows];

  const { accounts, gdpRegions, currencies } = options;
  if (accounts) {
    const kept = (r: Record<string, unknown>) => accounts.has(`${String(r.market)}/${String(r.account)}`);
    out.installations = out.installations.filter(kept);
    out['account-years'] = out['account-years'].filter(kept);
  }
  if (gdpRegions) out.gdp = out.gdp.filter((r) => gdpRegions.has(String(r.region)));
  if (currencies) out['fx-daily'] = out['fx-daily'].filter((r) => currencies.has(String(r.base)) && currencies.has(String(r.quote)));

  const cited = new Set<string>();
  for (const name of Object.keys(DATASETS) as DatasetName[])
    if (name !== 'sources') for (const r of out[name] as { source: string }[]) for (const id of sourceIds(r.source)) cited.add(id);
  out.sources = out.sources.filter((s) => !imported.has(String(s.id)) || cited.has(String(s.id)));
  return out as unknown as Tables;
}
