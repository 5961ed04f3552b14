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

export interface TableDailyFormat extends Common {
  readonly reader: 'table';
  readonly target: 'market-daily';
  /** Headers the file must have, all of them (lower-case compared). */
  readonly signature: readonly string[];
  readonly constants: WindDailyFormat['constants'];
  /** dataset field -> header in the file. */
  readonly columns: { readonly date: string; readonly close: string } & Partial<Record<'open' | 'high' | 'low' | 'volume' | 'turnover', string>>;
  readonly note?: string;
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

export type ImportFormat = WindDailyFormat | WindFxFormat | TableDailyFormat | YearColumnsFormat | DataPackageFormat;

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
    market: { id: p.id, kind: 'pilot', jurisdiction: 'CN', currency: 'CNY', launch_date: null, note: `${p.region} pilot ETS (${p.exchange}); added by ets-brief import.` },
    constants: { market: p.id, instrument: 'exchange', series: 'wind', currency: 'CNY' },
    series: {
      close: { name: name('收盘价'), units: PRICE },
      volume: { name: name('当日成交量'), units: TONNES },
      turnover: { name: name('当日成交额'), units: YUAN },
    },
  };
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
];
