/**
 * ets-brief library API. Later stages (metrics, charts, render, pdf, build) add their entry points
 * here; the data stage is available now.
 */
export { loadData, type LoadResult, type DatasetSummary } from './data/load.js';
export { readTable, type ReadTableOptions, type TableRead } from './data/read-table.js';
export { DataError, formatIssue, hasErrors, type DataIssue } from './data/errors.js';
export { DATASETS, type Data, type DatasetName } from './data/datasets/index.js';
export type { RowOf, DatasetSchema } from './data/schema.js';
export { readWindExport, type WindExport, type WindSeries } from './data/formats/wind.js';
export { readYearColumns, type YearColumnsRead } from './data/formats/year-columns.js';
export { readDataPackage, type PackageRead } from './data/formats/frictionless.js';
export { dailyPrices } from './data/formats/daily-prices.js';
export { buildDescriptor } from './data/datapackage.js';
