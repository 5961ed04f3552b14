import type { AUCTION_CONTRACTS } from '../datasets/auctions.js';
import type { Data } from '../datasets/index.js';

/**
 * The publisher formats `ets-brief import` knows, as descriptions: how to recognise a file (its
 * signature), which generic reader reads it, and how its columns map onto a dataset in data/.
 * Adding a format is adding an entry here, not writing a parser.
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
  readonly constants: { readonly market: string; readonly instrument: 'exchange' | 'futures'; readonly series: string; readonly currency: 'CNY' | 'EUR' | 'USD' };
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

export type ImportFormat = WindDailyFormat | WindFxFormat | TableDailyFormat | YearColumnsFormat | DataPackageFormat | TableFxFormat | WideFxFormat | SheetAuctionsFormat | SheetDailyFormat;

const PRICE = { '元/吨': 1 } as const;
const TONNES = { 吨: 1, 万吨: 1e4 } as const;
const YUAN = { 元: 1, 万元: 1e4, 亿元: 1e8 } as const;

/**
 * A Chinese pilot ETS as WIND exports it: closing price, volume and turnover, in series named
 * `series` with {measure} the series' Chinese measure. Importing it adds the market to markets.csv.
 */
function windPilot(p: { id: string; code: string; region: string; exchange: string; series: string }): WindDailyFormat {
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

/** A Chinese pilot ETS as markets.csv holds it, whichever file adds it first. */
function pilotMarket(p: { id: string; region: string; exchange: string }): Omit<Market, 'source'> {
  return { id: p.id, kind: 'pilot', jurisdiction: 'CN', currency: 'CNY', launch_date: null, note: `${p.region} pilot ETS (${p.exchange}); added by ets-brief import.` };
}

export const FORMATS: readonly ImportFormat[] = [
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
  windPilot({ id: 'hbea', code: 'HBEA', region: 'Hubei', exchange: '湖北碳排放权交易中心', series: '湖北:{measure}:碳排放权(HBEA)' }),
  windPilot({ id: 'gdea', code: 'GDEA', region: 'Guangdong', exchange: '广州碳排放权交易所', series: '广东:{measure}:碳排放权配额(GDEA)' }),
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
    title: 'China pilot carbon markets daily quotes (碳排放权交易-每日行情, from the Sichuan exchange\'s quotes page)',
    publisher: '四川联合环境交易所 (quotes of each pilot exchange)',
    reader: 'sheet',
    target: 'market-daily',
    columns: {
      date: ['交易日期'], exchange: ['交易机构'], product: ['交易品种'],
      open: ['开盘价'], high: ['最高价'], low: ['最低价'], close: ['成交均价'], volume: ['成交量'], turnover: ['成交金额'],
    },
    constants: { instrument: 'exchange', currency: 'CNY', seriesPrefix: 'sceex' },
    markets: [
      pilotMarket({ id: 'bea', region: 'Beijing', exchange: '北京绿色交易所, formerly 北京环境交易所' }),
      pilotMarket({ id: 'tjea', region: 'Tianjin', exchange: '天津排放权交易所' }),
      pilotMarket({ id: 'shea', region: 'Shanghai', exchange: '上海环境能源交易所' }),
      pilotMarket({ id: 'hbea', region: 'Hubei', exchange: '湖北碳排放权交易中心' }),
      pilotMarket({ id: 'gdea', region: 'Guangdong', exchange: '广州碳排放权交易所' }),
      pilotMarket({ id: 'szea', region: 'Shenzhen', exchange: '深圳排放权交易所' }),
      pilotMarket({ id: 'cqea', region: 'Chongqing', exchange: '重庆碳排放权交易中心' }),
      pilotMarket({ id: 'fjea', region: 'Fujian', exchange: '海峡股权交易中心, formerly 福建海峡交易中心' }),
    ],
    pilots: [
      { market: 'bea', exchanges: ['北京绿色交易所', '北京环境交易所'], products: ['BEA'] },
      { market: 'tjea', exchanges: ['天津排放权交易所'], products: ['TJEA', 'TJEA16'] },
      { market: 'shea', exchanges: ['上海环境能源交易所'], products: ['SHEA', 'SHEA13', 'SHEA14', 'SHEA15'] },
      { market: 'hbea', exchanges: ['湖北碳排放权交易中心'], products: ['HBEA'] },
      { market: 'gdea', exchanges: ['广州碳排放权交易所'], products: ['GDEA'] },
      {
        market: 'szea', exchanges: ['深圳排放权交易所'],
        products: ['SZEA', 'SZA2013', 'SZA2014', 'SZA2015', 'SZA2016', 'SZA2017', 'SZA2018', 'SZA2019', 'SZA2020', 'SZA-2013', 'SZA-2014', 'SZA-2015', 'SZA01', 'SZA02', 'SZA03'],
      },
      { market: 'cqea', exchanges: ['重庆碳排放权交易中心'], products: ['CQEA-1'] },
      { market: 'fjea', exchanges: ['海峡股权交易中心', '福建海峡交易中心'], products: ['FJEA'] },
    ],
    note: 'close is the day\'s average price (成交均价): the quotes give no closing price. One series per product (vintage).',
  },
];
