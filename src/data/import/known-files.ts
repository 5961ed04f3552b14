import type { AUCTION_CONTRACTS } from '../datasets/auctions.js';
import type { Data, DatasetName } from '../datasets/index.js';
import type { AccountTableContent, AllocationPart } from '../formats/eutl.js';

/**
 * The publisher files `ets-brief import` knows, as descriptions: how to recognise a file (its
 * signature), which generic reader in data/formats/ reads it, and how its columns map onto a
 * dataset in data/. Adding a format is adding an entry here, not writing a parser.
 */

type Market = Data['markets'][number];

/** A value in the file and what multiplies it into the dataset's unit, by the unit the file states. */
export interface SeriesMapping {
  /** WIND series name (指标名称), exact. */
  readonly name: string;
  /** Units the file may state (WIND 单位) and their multiplier; any other unit is an error. */
  readonly units: Readonly<Record<string, number>>;
}

interface Common {
  readonly id: string;
  readonly title: string;
  /** Who publishes the data, for the source row the import records. */
  readonly publisher: string;
  /** A market the rows belong to, added to markets.csv if it is not there. */
  readonly market?: Omit<Market, 'source'>;
  /** Formats whose rows belong to several markets: each added (if absent) once it has rows. */
  readonly markets?: readonly Omit<Market, 'source'>[];
}

export interface WindDailyFormat extends Common {
  readonly reader: 'wind';
  readonly target: 'market-daily';
  /** `series` names the publisher (and, for futures, the contract or roll): see market-daily. */
  readonly constants: {
    readonly market: string;
    readonly instrument: 'exchange' | 'futures';
    readonly series: string;
    readonly currency: 'CNY' | 'EUR' | 'USD';
  };
  /** close is required on a row; the others may be empty. */
  readonly series: { readonly close: SeriesMapping } & Partial<Record<'open' | 'high' | 'low' | 'volume' | 'turnover', SeriesMapping>>;
}

export interface WindFxFormat extends Common {
  readonly reader: 'wind';
  readonly target: 'fx-daily';
  readonly constants: { readonly base: 'USD' | 'EUR'; readonly quote: 'CNY' | 'USD' | 'EUR'; readonly series: string };
  readonly series: { readonly rate: SeriesMapping };
}

interface TableCommon extends Common {
  readonly reader: 'table';
  /** Headers the file must have, all of them (lower-case compared). */
  readonly signature: readonly string[];
  /**
   * Publishers that write several series with one header (investing.com's EUA futures and EUR/CNY)
   * are told apart by a column: empty in every leading row, or filled in at least one.
   */
  readonly rowsHave?: { readonly column: string; readonly empty: boolean };
  /** How the file writes dates when they are day-first with dashes (17-03-2025), which is then not a guess. */
  readonly dateOrder?: 'day-first';
  readonly note?: string;
}

export interface TableDailyFormat extends TableCommon {
  readonly target: 'market-daily';
  readonly constants: WindDailyFormat['constants'];
  /** dataset field -> header in the file. */
  readonly columns: { readonly date: string; readonly close: string } & Partial<Record<'open' | 'high' | 'low' | 'volume' | 'turnover', string>>;
}

export interface TableFxFormat extends TableCommon {
  readonly target: 'fx-daily';
  readonly constants: WindFxFormat['constants'];
  readonly columns: { readonly date: string; readonly rate: string };
}

/**
 * A wide table of daily rates, one column per quote currency (the ECB's eurofxref-hist.csv):
 * each listed column becomes fx-daily rows; the others are left out and counted.
 */
export interface WideFxFormat extends Common {
  readonly reader: 'wide-fx';
  readonly target: 'fx-daily';
  readonly dateColumn: string;
  /** The quote currencies imported (their column headers); the file must have all of them. */
  readonly quotes: readonly string[];
  readonly constants: { readonly base: string; readonly series: string };
  readonly note: string;
}

/**
 * A table in a workbook sheet (.xls or .xlsx). The header row is found by content, wherever the
 * publisher put it that year, and columns by name: `columns` lists, per dataset field, every
 * header the publisher has used for it. Headers carry the unit (€/tCO2, EUR/tCO2, tCO2), so a
 * header in another unit matches nothing and the file is refused, never rescaled.
 */
interface SheetCommon extends Common {
  readonly reader: 'sheet';
  readonly columns: Readonly<Record<string, readonly string[]>>;
  readonly note: string;
}

export interface SheetAuctionsFormat extends SheetCommon {
  readonly target: 'auctions';
  readonly constants: { readonly market: string; readonly platform: string };
  /** Which allowance each contract code auctions. */
  readonly allowances: Readonly<Record<(typeof AUCTION_CONTRACTS)[number], 'EUA' | 'EUAA'>>;
}

/** A pilot market: the exchange names it has traded under and the products it lists. */
export interface PilotProducts {
  readonly market: string;
  readonly exchanges: readonly string[];
  readonly products: readonly string[];
}

export interface SheetDailyFormat extends SheetCommon {
  readonly target: 'market-daily';
  readonly constants: { readonly instrument: 'exchange'; readonly currency: 'CNY'; readonly seriesPrefix: string };
  /** Rows are kept only for these exchanges and their products; the rest are counted as left out. */
  readonly pilots: readonly PilotProducts[];
}

export interface YearColumnsFormat extends Common {
  readonly reader: 'year-columns';
  readonly target: 'emissions';
  /** The first header (the id column). */
  readonly idColumn: string;
  /** What the cells hold, told from the cells themselves (formats/eutl.ts). */
  readonly content: AccountTableContent;
  readonly constants: { readonly market: string; readonly scope: 'verified-ets' | 'economy-wide' };
  readonly note: string;
}

export interface DataPackageFormat extends Common {
  readonly reader: 'datapackage';
  readonly target: 'sector-emissions';
  /** Resource name and the fields it must declare. */
  readonly resource: string;
  readonly fields: readonly string[];
  readonly constants: { readonly market: string };
  readonly columns: { readonly sector: string; readonly year: string; readonly value: string };
  /** Multiplier into tonnes. */
  readonly scale: number;
  /** The publisher writes 0 for "not yet reported": such rows are left out, and counted. */
  readonly zeroMeansMissing: boolean;
}

/**
 * The EU Transaction Log's wide tables (one column a year), row by row into account-years: which
 * column names the account (an account id, or an installation looked up in installations.csv),
 * and what the cells hold, told from the cells (the three account tables share one header).
 */
export interface AccountYearsFormat extends Common {
  readonly reader: 'account-years';
  readonly target: 'account-years';
  readonly content: AccountTableContent;
  /** Headers the file must have besides its year columns. */
  readonly signature: readonly string[];
  readonly key: { readonly account: string } | { readonly country: string; readonly installation: string };
  readonly constants: { readonly market: string };
  /** For allocation tables: which footnote marker names which part of a Phase 3 allocation. */
  readonly markers?: Readonly<Record<string, AllocationPart>>;
  /** Datasets in data/ the rows are looked up in (imported earlier, or in the same command). */
  readonly needs?: readonly DatasetName[];
}

/** A table with one row per record, its columns mapped onto a dataset whose fields read the cells. */
export interface RecordsFormat extends Common {
  readonly reader: 'records';
  readonly target: 'installations';
  readonly signature: readonly string[];
  readonly constants: { readonly market: string };
  /** dataset field -> header in the file. */
  readonly columns: Readonly<Record<string, string>>;
  /** Fields whose cells are registry country names (formats/country-names.ts), kept as ISO codes. */
  readonly countryNames?: readonly string[];
}

/** An Our World in Data grapher export: Entity, Code, Year and one value column. */
export interface OwidGrapherFormat extends Common {
  readonly reader: 'owid-grapher';
  readonly target: 'gdp';
  readonly valueColumn: string;
  readonly constants: { readonly currency: string; readonly price_year: number };
  /** Region ids for entities without an ISO alpha-3 code, by name (others: their name as an id). */
  readonly regions: Readonly<Record<string, string>>;
}

/** Our World in Data's energy dataset (owid-energy-data.csv): one row per country and year, TWh by source. */
export interface OwidEnergyFormat extends Common {
  readonly reader: 'owid-energy';
  readonly target: 'power-generation';
  /** The entities imported, by the file's name: region id and the Chinese name for labels. */
  readonly regions: Readonly<Record<string, { readonly id: string; readonly name_zh: string }>>;
  /** source_type -> column and the row's Chinese label. */
  readonly sources: Readonly<Record<string, { readonly column: string; readonly label_zh: string }>>;
  /** Multiplier into GWh. */
  readonly scale: number;
  /**
   * A column of annual statistics published only once a year is over: a later year with
   * electricity figures but this column empty is marked partial.
   */
  readonly completeYearColumn: string;
}

/**
 * A table in the text of a published note, made into emissions rows on a scope of scopes.csv: the
 * EEA's estimates of what a later scope would have added, on top of the registry's accounts.
 */
export interface NoteTableFormat extends Common {
  readonly reader: 'note-table';
  readonly target: 'emissions';
  /** Phrases the text must contain, all of them (spacing ignored). */
  readonly phrases: readonly string[];
  readonly caption: string;
  /** The scopes.csv id the rows are on; its countries say which rows and accounts count. */
  readonly coverage: string;
  readonly constants: { readonly market: string; readonly scope: 'verified-ets' };
  readonly needs: readonly DatasetName[];
}

/** A file ets-brief knows and has no use for: recognised, reported as such, nothing imported. */
export interface UnusedFormat extends Common {
  readonly reader: 'unused';
  readonly target: null;
  /** All of these phrases in its text, or these keys at the top of its JSON. */
  readonly signature: { readonly phrases: readonly string[] } | { readonly jsonKeys: readonly string[] };
  readonly reason: string;
}

export type ImportFormat =
  | WindDailyFormat
  | WindFxFormat
  | TableDailyFormat
  | YearColumnsFormat
  | DataPackageFormat
  | AccountYearsFormat
  | RecordsFormat
  | OwidGrapherFormat
  | OwidEnergyFormat
  | NoteTableFormat
  | UnusedFormat
  | TableFxFormat
  | WideFxFormat
  | SheetAuctionsFormat
  | SheetDailyFormat;

const PRICE = { '元/吨': 1 } as const;
const EUTL = 'EU Transaction Log (European Commission), via ETS Watch';
const TONNES = { 吨: 1, 万吨: 1e4 } as const;
const YUAN = { 元: 1, 万元: 1e4, 亿元: 1e8 } as const;

/**
 * A Chinese pilot ETS as WIND exports it: closing price, volume and turnover, in series named
 * `series` with {measure} the series' Chinese measure. Importing it adds the market to markets.csv.
 */
function windPilot(p: { id: string; code: string; region: string; regionZh: string; exchange: string; series: string }): WindDailyFormat {
  const name = (measure: string) => p.series.replace('{measure}', measure);
  return {
    id: `wind-${p.id}`,
    title: `WIND export: ${p.region} pilot ETS (${p.code}) daily trading`,
    publisher: `${p.exchange} via WIND`,
    reader: 'wind',
    target: 'market-daily',
    market: pilotMarket(p),
    constants: { market: p.id, instrument: 'exchange', series: 'wind', currency: 'CNY' },
    series: {
      close: { name: name('收盘价'), units: PRICE },
      volume: { name: name('当日成交量'), units: TONNES },
      turnover: { name: name('当日成交额'), units: YUAN },
    },
  };
}

/** cn.investing.com's export header, the same for futures and currency pairs. */
const INVESTING_CN_HEADER = ['日期', '收盘', '开盘', '高', '低', '交易量', '涨跌幅'] as const;

/** A Chinese pilot ETS as markets.csv holds it, whichever file adds it first, with its names. */
function pilotMarket(p: { id: string; region: string; regionZh: string; exchange: string }): Omit<Market, 'source'> {
  return {
    id: p.id,
    kind: 'pilot',
    jurisdiction: 'CN',
    name_en: `${p.region} pilot ETS`,
    name_zh: `${p.regionZh}试点碳市场`,
    long_en: null,
    long_zh: null,
    short_en: p.region,
    short_zh: p.regionZh,
    possessive_en: null,
    currency: 'CNY',
    launch_date: null,
    note: `${p.region} pilot ETS (${p.exchange}); added by ets-brief import.`,
  };
}

/** Every file import recognises, tried in this order. */
export const KNOWN_FILES: readonly ImportFormat[] = [
  {
    id: 'wind-cea',
    title: 'WIND export: China national carbon market (CEA) daily trading',
    publisher: '上海环境能源交易所 via WIND',
    reader: 'wind',
    target: 'market-daily',
    constants: { market: 'cn-ets', instrument: 'exchange', series: 'wind', currency: 'CNY' },
    series: {
      close: { name: '中国:碳市场碳排放配额(CEA):最新价', units: PRICE },
      open: { name: '中国:碳市场碳排放配额(CEA):开盘价', units: PRICE },
      high: { name: '中国:碳市场碳排放配额(CEA):最高价', units: PRICE },
      low: { name: '中国:碳市场碳排放配额(CEA):最低价', units: PRICE },
      volume: { name: '中国:碳市场碳排放配额(CEA):成交量', units: TONNES },
      turnover: { name: '中国:碳市场碳排放配额(CEA):成交金额', units: YUAN },
    },
  },
  windPilot({ id: 'hbea', code: 'HBEA', region: 'Hubei', regionZh: '湖北', exchange: '湖北碳排放权交易中心', series: '湖北:{measure}:碳排放权(HBEA)' }),
  windPilot({ id: 'gdea', code: 'GDEA', region: 'Guangdong', regionZh: '广东', exchange: '广州碳排放权交易所', series: '广东:{measure}:碳排放权配额(GDEA)' }),
  {
    id: 'wind-cfets-usdcny',
    title: 'WIND export: CFETS USD/CNY spot rate',
    publisher: '中国货币网 (CFETS) via WIND',
    reader: 'wind',
    target: 'fx-daily',
    constants: { base: 'USD', quote: 'CNY', series: 'cfets-spot' },
    series: { rate: { name: 'CFETS:即期汇率:美元兑人民币', units: { '': 1 } } },
  },
  {
    id: 'ets-watch-eua-futures',
    title: 'EUA futures daily prices (ETS Watch market_prices.csv)',
    publisher: 'ETS Watch',
    reader: 'table',
    target: 'market-daily',
    signature: ['datetime', 'open', 'high', 'low', 'settle', 'efp_volume', 'efs_volume', 'block_volume'],
    // ETS Watch's continuous futures settlement; which contract it rolls is ETS Watch's choice.
    constants: { market: 'eu-ets', instrument: 'futures', series: 'ets-watch', currency: 'EUR' },
    // The file's `close` is computed (with float noise) and its volumes are in contract lots of
    // one futures series, not the market's tonnes: settle is the price, volumes are not imported.
    columns: { date: 'datetime', close: 'settle', open: 'open', high: 'high', low: 'low' },
    note: 'Futures settlement; volumes in the file are lots of one contract and are not imported.',
  },
  {
    id: 'eutl-verified-emissions',
    title: 'EU Transaction Log verified emissions by account',
    publisher: 'EU Transaction Log (via ETS Watch)',
    reader: 'year-columns',
    target: 'emissions',
    idColumn: 'account_id',
    content: 'verified-emissions',
    constants: { market: 'eu-ets', scope: 'verified-ets' },
    note: 'Stationary installations: sum over all EUTL accounts in the file with a verified value',
  },
  {
    id: 'datahub-eu-ets-sector-emissions',
    title: 'EU ETS verified emissions by sector (Frictionless Data Package)',
    publisher: 'datahub.io core datasets (from EEA EUTL data)',
    reader: 'datapackage',
    target: 'sector-emissions',
    resource: 'eu-ets-sector-emissions',
    fields: ['sector', 'year', 'emissions_mt'],
    constants: { market: 'eu-ets' },
    columns: { sector: 'sector', year: 'year', value: 'emissions_mt' },
    scale: 1e6,
    zeroMeansMissing: true,
  },
  ...eutlAccountTables(),
  {
    id: 'eutl-installations',
    title: 'EU Transaction Log installations (ETS Watch installations.csv)',
    publisher: EUTL,
    reader: 'records',
    target: 'installations',
    signature: [
      'account_id',
      'installation_id',
      'installation_name',
      'permit_id',
      'parent_undertaking_name',
      'subsidiary_undertaking_name',
      'country',
      'main_activity',
    ],
    constants: { market: 'eu-ets' },
    columns: {
      account: 'account_id',
      installation_id: 'installation_id',
      name: 'installation_name',
      country: 'country',
      city: 'city',
      activity: 'main_activity',
      permit_id: 'permit_id',
      parent_undertaking: 'parent_undertaking_name',
      subsidiary_undertaking: 'subsidiary_undertaking_name',
    },
  },
  {
    id: 'eutl-account-holders',
    title: 'EU Transaction Log account holders (ETS Watch owners.csv)',
    publisher: EUTL,
    reader: 'records',
    target: 'installations',
    signature: ['account_id', 'national_administrator', 'account_holder_name', 'installation_id', 'company_registration_number', 'account_status'],
    constants: { market: 'eu-ets' },
    // The registry (national administrator) is the installation's country; the holder's own
    // address country (`country`) is not read.
    columns: {
      account: 'account_id',
      installation_id: 'installation_id',
      country: 'national_administrator',
      holder: 'account_holder_name',
      holder_registration: 'company_registration_number',
      account_status: 'account_status',
    },
    countryNames: ['country'],
  },
  {
    id: 'owid-gdp-constant-usd',
    title: 'GDP, constant 2015 US$ (World Bank NY.GDP.MKTP.KD via Our World in Data)',
    publisher: 'World Bank and OECD, World Development Indicators, via Our World in Data',
    reader: 'owid-grapher',
    target: 'gdp',
    valueColumn: 'GDP (constant 2015 US$)',
    constants: { currency: 'USD', price_year: 2015 },
    regions: { 'European Union (27)': 'eu27', World: 'world' },
  },
  {
    id: 'owid-energy-electricity',
    title: 'Electricity generation by source (Ember via Our World in Data, owid-energy-data.csv)',
    publisher: 'Ember (and the Energy Institute) via Our World in Data',
    reader: 'owid-energy',
    target: 'power-generation',
    regions: { 'European Union (27)': { id: 'eu27', name_zh: '欧盟27国' } },
    sources: {
      coal: { column: 'coal_electricity', label_zh: '煤炭' },
      'natural-gas': { column: 'gas_electricity', label_zh: '天然气' },
      oil: { column: 'oil_electricity', label_zh: '石油' },
      nuclear: { column: 'nuclear_electricity', label_zh: '核能' },
      hydro: { column: 'hydro_electricity', label_zh: '水电' },
      wind: { column: 'wind_electricity', label_zh: '风电' },
      solar: { column: 'solar_electricity', label_zh: '太阳能' },
      bioenergy: { column: 'biofuel_electricity', label_zh: '生物质能' },
      'other-renewables': { column: 'other_renewable_exc_biofuel_electricity', label_zh: '其他可再生能源' },
      total: { column: 'electricity_generation', label_zh: '发电总量' },
    },
    scale: 1000,
    completeYearColumn: 'primary_energy_consumption',
  },
  {
    id: 'eea-scope-estimates',
    title: 'EEA EU ETS data viewer background note: estimates to reflect the current scope (Table 13-1)',
    publisher: 'European Environment Agency (ETC/CM)',
    reader: 'note-table',
    target: 'emissions',
    phrases: ['EU Emissions Trading System data viewer', 'Background note', 'Estimates to reflect current ETS scope'],
    caption: 'Table 13-1',
    coverage: 'eu-2013-no-uk',
    constants: { market: 'eu-ets', scope: 'verified-ets' },
    needs: ['account-years', 'installations'],
  },
  {
    id: 'eea-data-quality-note',
    title: 'EEA note on data quality checks for the EU ETS data viewer',
    publisher: 'European Environment Agency (ETC/CM)',
    reader: 'unused',
    target: null,
    signature: { phrases: ['Data quality checks for the update of the EEA', 'EU ETS data viewer'] },
    reason: 'reference reading on how the EEA cleans its data; it holds no series the brief uses',
  },
  {
    id: 'owid-metadata',
    title: 'Our World in Data chart metadata (.metadata.json)',
    publisher: 'Our World in Data',
    reader: 'unused',
    target: null,
    signature: { jsonKeys: ['chart', 'columns'] },
    reason: 'it describes the CSV it comes with, the file to import; it holds no data',
  },
  {
    id: 'owid-readme',
    title: 'Our World in Data data package readme (readme.md)',
    publisher: 'Our World in Data',
    reader: 'unused',
    target: null,
    signature: { phrases: ['This data package contains the data that powers the chart', 'Our World in Data'] },
    reason: 'it describes the CSV it comes with, the file to import; it holds no data',
  },
  {
    id: 'eex-primary-auctions',
    title: 'EEX primary-market auction report (EUA and EUAA auctions)',
    publisher: 'European Energy Exchange (EEX)',
    reader: 'sheet',
    target: 'auctions',
    constants: { market: 'eu-ets', platform: 'eex' },
    // One description for 2012–2024: titles above the header (row 3 to 2016, row 6 from 2017),
    // the unit written € or EUR, a Status column from 2020. Per-member-state details (multi-line
    // text with German thousands separators to 2016, one column per state from 2017) are not read.
    columns: {
      date: ['Date'],
      auction: ['Auction Name'],
      contract: ['Contract'],
      status: ['Status'],
      price: ['Auction Price €/tCO2', 'Auction Price EUR/tCO2'],
      volume: ['Auction Volume tCO2', 'Auction Volume'],
      revenue: ['Total Revenue €', 'Total Revenue EUR'],
      bids_volume: ['Total Amount of Bids'],
      cover_ratio: ['Cover Ratio'],
      bidders: ['Total Number of Bidders'],
      successful_bidders: ['Number of Successful Bidders', 'Number of Succesful Bidders'],
    },
    allowances: { T2PA: 'EUA', T3PA: 'EUA', EAA2: 'EUAA', EAA3: 'EUAA' },
    note: 'EEX auctions only (the UK auctioned on ICE 2013–2020, outside these reports).',
  },
  {
    id: 'investing-eua-yearly-futures',
    title: 'investing.com export: European Union Allowance (EUA) Yearly Futures historical data',
    publisher: 'investing.com',
    reader: 'table',
    target: 'market-daily',
    signature: ['Date', 'Price', 'Open', 'High', 'Low', 'Vol.', 'Change %'],
    dateOrder: 'day-first',
    constants: { market: 'eu-ets', instrument: 'futures', series: 'investing-eua-yearly', currency: 'EUR' },
    columns: { date: 'Date', close: 'Price', open: 'Open', high: 'High', low: 'Low' },
    // "Vol." counts contracts of one futures series (20.05K = 20,050); investing.com does not
    // state the lot size in its export, and one contract's volume is not the market's anyway.
    note: 'investing.com continuous December EUA futures; volumes (contracts of one series, lot size not stated in the export) are not imported.',
  },
  {
    id: 'investing-cn-carbon-futures',
    title: 'cn.investing.com export: 欧洲碳排放期货 (EU carbon emissions futures) historical data',
    publisher: 'investing.com (Chinese site)',
    reader: 'table',
    target: 'market-daily',
    signature: INVESTING_CN_HEADER,
    rowsHave: { column: '交易量', empty: false },
    constants: { market: 'eu-ets', instrument: 'futures', series: 'investing-cn-carbon', currency: 'EUR' },
    columns: { date: '日期', close: '收盘', open: '开盘', high: '高', low: '低' },
    note: 'cn.investing.com carbon emissions futures (another contract or roll than investing-eua-yearly: up to 4.5 EUR/t apart); volumes are not imported.',
  },
  {
    id: 'investing-cn-eurcny',
    title: 'cn.investing.com export: EUR/CNY historical data',
    publisher: 'investing.com (Chinese site)',
    reader: 'table',
    target: 'fx-daily',
    // The same header as the futures export; a currency pair has no volume.
    signature: INVESTING_CN_HEADER,
    rowsHave: { column: '交易量', empty: true },
    constants: { base: 'EUR', quote: 'CNY', series: 'investing-close' },
    columns: { date: '日期', rate: '收盘' },
    note: 'investing.com daily close (not a fixing).',
  },
  {
    id: 'ecb-eurofxref-hist',
    title: 'ECB euro foreign exchange reference rates, full history (eurofxref-hist)',
    publisher: 'European Central Bank',
    reader: 'wide-fx',
    target: 'fx-daily',
    dateColumn: 'Date',
    // The currencies the brief converts between (EUR, CNY, USD) and the UK ETS's GBP; the file's
    // other columns (38 more, some of currencies that ended) are left out.
    quotes: ['USD', 'CNY', 'GBP'],
    constants: { base: 'EUR', series: 'ecb-reference' },
    note: 'ECB reference rate (about 14:10 CET).',
  },
  {
    id: 'sceex-pilot-quotes',
    title: "China pilot carbon markets daily quotes (碳排放权交易-每日行情, from the Sichuan exchange's quotes page)",
    publisher: '四川联合环境交易所 (quotes of each pilot exchange)',
    reader: 'sheet',
    target: 'market-daily',
    columns: {
      date: ['交易日期'],
      exchange: ['交易机构'],
      product: ['交易品种'],
      open: ['开盘价'],
      high: ['最高价'],
      low: ['最低价'],
      close: ['成交均价'],
      volume: ['成交量'],
      turnover: ['成交金额'],
    },
    constants: { instrument: 'exchange', currency: 'CNY', seriesPrefix: 'sceex' },
    markets: [
      pilotMarket({ id: 'bea', region: 'Beijing', regionZh: '北京', exchange: '北京绿色交易所, formerly 北京环境交易所' }),
      pilotMarket({ id: 'tjea', region: 'Tianjin', regionZh: '天津', exchange: '天津排放权交易所' }),
      pilotMarket({ id: 'shea', region: 'Shanghai', regionZh: '上海', exchange: '上海环境能源交易所' }),
      pilotMarket({ id: 'hbea', region: 'Hubei', regionZh: '湖北', exchange: '湖北碳排放权交易中心' }),
      pilotMarket({ id: 'gdea', region: 'Guangdong', regionZh: '广东', exchange: '广州碳排放权交易所' }),
      pilotMarket({ id: 'szea', region: 'Shenzhen', regionZh: '深圳', exchange: '深圳排放权交易所' }),
      pilotMarket({ id: 'cqea', region: 'Chongqing', regionZh: '重庆', exchange: '重庆碳排放权交易中心' }),
      pilotMarket({ id: 'fjea', region: 'Fujian', regionZh: '福建', exchange: '海峡股权交易中心, formerly 福建海峡交易中心' }),
    ],
    pilots: [
      { market: 'bea', exchanges: ['北京绿色交易所', '北京环境交易所'], products: ['BEA'] },
      { market: 'tjea', exchanges: ['天津排放权交易所'], products: ['TJEA', 'TJEA16'] },
      { market: 'shea', exchanges: ['上海环境能源交易所'], products: ['SHEA', 'SHEA13', 'SHEA14', 'SHEA15'] },
      { market: 'hbea', exchanges: ['湖北碳排放权交易中心'], products: ['HBEA'] },
      { market: 'gdea', exchanges: ['广州碳排放权交易所'], products: ['GDEA'] },
      {
        market: 'szea',
        exchanges: ['深圳排放权交易所'],
        products: [
          'SZEA',
          'SZA2013',
          'SZA2014',
          'SZA2015',
          'SZA2016',
          'SZA2017',
          'SZA2018',
          'SZA2019',
          'SZA2020',
          'SZA-2013',
          'SZA-2014',
          'SZA-2015',
          'SZA01',
          'SZA02',
          'SZA03',
        ],
      },
      { market: 'cqea', exchanges: ['重庆碳排放权交易中心'], products: ['CQEA-1'] },
      { market: 'fjea', exchanges: ['海峡股权交易中心', '福建海峡交易中心'], products: ['FJEA'] },
    ],
    note: "close is the day's average price (成交均价): the quotes give no closing price. One series per product (vintage).",
  },
];

/**
 * The EU Transaction Log's per-account tables as ETS Watch keeps them (one file each for verified
 * emissions, allocation and compliance codes, same header), and the installation allocation table
 * (the registry's national allocation tables, keyed by country and installation).
 */
function eutlAccountTables(): AccountYearsFormat[] {
  const byAccount = {
    reader: 'account-years',
    target: 'account-years',
    publisher: EUTL,
    signature: ['account_id'],
    key: { account: 'account_id' },
    constants: { market: 'eu-ets' },
  } as const;
  return [
    {
      ...byAccount,
      id: 'eutl-account-emissions',
      title: 'EU Transaction Log verified emissions by account, per account and year',
      content: 'verified-emissions',
    },
    {
      ...byAccount,
      id: 'eutl-account-allocation',
      title: 'EU Transaction Log free allocation by account (ETS Watch allocated_allowances.csv)',
      content: 'allocation',
      // The account pages' footnotes 4 and 5 (1-3 mark the compliance columns). The files do not
      // say which is which; the cells do: **** appears only in the eight member states that used
      // Article 10c (BG, CY, CZ, EE, HU, LT, PL, RO) and not after 2019, when 10c allocation
      // ended; ***** appears in every country, grows each year, and is most of the allocation of
      // installations that started after 2013: allocation from the New Entrants' Reserve.
      markers: { '****': 'allocated_10c', '*****': 'allocated_ner' },
    },
    {
      ...byAccount,
      id: 'eutl-account-compliance',
      title: 'EU Transaction Log compliance codes by account (ETS Watch compliance_code.csv)',
      content: 'compliance-codes',
    },
    {
      id: 'eutl-installation-allocation',
      title: 'EU Transaction Log national allocation tables by installation (ETS Watch installation_allocations.csv)',
      publisher: EUTL,
      reader: 'account-years',
      target: 'account-years',
      content: 'allocation',
      signature: [
        'country',
        'installation_id',
        'installation_name',
        'installation_city',
        'account_holder',
        'account_status',
        'permit_id',
        'status',
        'latest_update',
      ],
      key: { country: 'country', installation: 'installation_id' },
      constants: { market: 'eu-ets' },
      // The allocation tables' footnotes 2 and 3: the same parts as the account pages' 4 and 5.
      markers: { '**': 'allocated_10c', '***': 'allocated_ner' },
      needs: ['installations'],
    },
  ];
}
