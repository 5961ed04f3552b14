/**
 * ets-brief library API: load and validate data, compute metrics. Later stages (charts, render,
 * pdf, build) add their entry points here.
 */
export { loadData, type LoadResult, type LoadOptions, type DatasetSummary } from './data/load.js';
export { readTable, streamTable, type ReadTableOptions, type TableRead, type TableStream } from './data/read-table.js';
export { dailySeriesOf, DailySeriesBuilder, preferredSeries, type DailySeries, type DailyPoint } from './data/daily-series.js';
export { DataError, formatIssue, hasErrors, type DataIssue } from './data/errors.js';
export { DATASETS, type Data, type DatasetName } from './data/datasets/index.js';
export type { RowOf, DatasetSchema } from './data/schema.js';
export { readWindExport, type WindExport, type WindSeries } from './data/formats/wind.js';
export { readYearColumns, type YearColumnsRead } from './data/formats/year-columns.js';
export { readDataPackage, type PackageRead } from './data/formats/frictionless.js';
export { marketMonthly, combineMonths, type MonthlyRow, type MonthsSummary } from './data/aggregates/market-monthly.js';
export { auctionsAnnual, type AuctionYearRow } from './data/aggregates/auctions-annual.js';
export { dailyPrices } from './data/formats/daily-prices.js';
export { buildDescriptor } from './data/datapackage.js';
export {
  computeMetrics,
  DEFAULT_COMPARISON,
  msrAdjustment,
  agreesWithPrinted,
  cagr,
  companySurplus,
  matchCompany,
  type Metrics,
  type MetricsOptions,
  type Metric,
  type Finding,
  type PriceBand,
  type Coverage,
  type PhaseMetrics,
  type PowerMix,
  type VolumeComparison,
  type MsrDecision,
  type MsrResult,
  type AccountMatch,
  type CompanySurplus,
  type CompanyYear,
} from './metrics/index.js';
export { buildBrief, type BuildOptions, type BuildResult, type Format } from './pipeline/build.js';
export { BuildSession } from './pipeline/session.js';
export { compareBriefs, type ChangeReport } from './changes/compare.js';
export { readSnapshot } from './changes/read.js';
export { parseSnapshot, type BriefSnapshot } from './changes/snapshot.js';
export { findBrowser, launchBrowser, BrowserNotFoundError } from './pdf/browser.js';
export { renderBrief } from './api.js';
export type { RenderBriefOptions, RenderedBriefResult } from './api.js';
