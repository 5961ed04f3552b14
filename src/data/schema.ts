import type { Field, TableSchemaField } from './fields.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: a record of fields of every value type; Field<unknown> would refuse Field<number> (its parse is contravariant)
export type Fields = Record<string, Field<any>>;

/**
 * A dataset in data/: where it lives, what it means, and its columns. The TypeScript row type,
 * the validation and the datapackage.json descriptor all come from this one definition.
 */
export interface DatasetSchema<F extends Fields = Fields> {
  /** Frictionless resource name; the file is `<name>.csv` in the data directory. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly fields: F;
  readonly primaryKey?: readonly string[];
  /** Columns whose values must exist in another dataset's column (checked after loading). */
  readonly references?: readonly Reference[];
  /** Checks across the columns of one row (start before end, min below max). */
  readonly rowRules?: readonly RowRule[];
  /** The file may be absent (the dataset is then empty): series that `ets-brief import` creates. */
  readonly optional?: boolean;
}

export interface RowRule {
  /** The column blamed in the message. */
  readonly field: string;
  /** Returns a message when the row breaks the rule. */
  readonly check: (row: Readonly<Record<string, unknown>>) => string | undefined;
}

export interface Reference {
  readonly field: string;
  readonly resource: string;
  readonly resourceField: string;
  /** For text columns listing several ids separated by ';' (a row citing two sources). */
  readonly list?: boolean;
}

export type RowOf<S> = S extends DatasetSchema<infer F> ? { [K in keyof F]: F[K] extends Field<infer T> ? T : never } : never;

/** Declares a dataset; key and reference columns are checked against its fields at compile time. */
export function defineDataset<const F extends Fields>(
  schema: DatasetSchema<F> & {
    primaryKey?: readonly (keyof F & string)[];
    references?: readonly (Reference & { field: keyof F & string })[];
  },
): DatasetSchema<F> {
  return schema;
}

export function describeFields(schema: DatasetSchema): TableSchemaField[] {
  return Object.entries(schema.fields).map(([name, field]) => field.describe(name));
}
