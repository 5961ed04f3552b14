import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { DataIssue } from '../errors.js';
import { boolean, date, integer, number, text, type Field } from '../fields.js';
import { readTable } from '../read-table.js';
import type { Fields } from '../schema.js';

/** The part of a Frictionless Data Package descriptor this reader relies on. */
const descriptorSchema = z.object({
  name: z.string().optional(),
  title: z.string().optional(),
  resources: z
    .array(
      z.object({
        name: z.string(),
        path: z.union([z.string(), z.array(z.string())]),
        schema: z
          .object({
            fields: z.array(
              z.object({
                name: z.string(),
                type: z.string().default('string'),
                constraints: z.object({ required: z.boolean().optional() }).passthrough().optional(),
              }).passthrough(),
            ),
          })
          .passthrough()
          .optional(),
      }).passthrough(),
    )
    .min(1),
}).passthrough();

export type Descriptor = z.infer<typeof descriptorSchema>;

export interface PackageResource {
  readonly name: string;
  readonly file: string;
  readonly rows: readonly Record<string, unknown>[];
}

export interface PackageRead {
  readonly descriptor: Descriptor | undefined;
  readonly resources: readonly PackageResource[];
  readonly issues: readonly DataIssue[];
}

/** Table Schema types mapped onto this project's field codecs. */
function fieldFor(type: string, required: boolean): Field<unknown> {
  const base: Field<unknown> =
    type === 'number' ? number()
    : type === 'integer' ? integer()
    : type === 'year' ? integer({ minimum: 0, maximum: 9999 })
    : type === 'date' ? date()
    : type === 'boolean' ? boolean()
    : text();
  return required ? base : base.optional();
}

/** Reads a datapackage.json and every tabular resource it describes, typed by its Table Schema. */
export async function readDataPackage(descriptorPath: string): Promise<PackageRead> {
  const issues: DataIssue[] = [];
  let json: unknown;
  try {
    json = JSON.parse(await readFile(descriptorPath, 'utf8'));
  } catch (error) {
    issues.push({ file: descriptorPath, severity: 'error', message: `cannot read the descriptor: ${(error as Error).message}` });
    return { descriptor: undefined, resources: [], issues };
  }
  const parsed = descriptorSchema.safeParse(json);
  if (!parsed.success) {
    for (const problem of parsed.error.issues) {
      issues.push({ file: descriptorPath, severity: 'error', message: `invalid descriptor at ${problem.path.join('.') || '(root)'}: ${problem.message}` });
    }
    return { descriptor: undefined, resources: [], issues };
  }
  const resources: PackageResource[] = [];
  for (const resource of parsed.data.resources) {
    const paths = Array.isArray(resource.path) ? resource.path : [resource.path];
    for (const relative of paths) {
      const file = await locate(dirname(descriptorPath), relative, descriptorPath, issues);
      if (file === undefined) continue;
      const fields: Fields = Object.fromEntries(
        (resource.schema?.fields ?? []).map((f) => [f.name, fieldFor(f.type, f.constraints?.required === true)]),
      );
      const read = await readTable(file, { name: resource.name, title: resource.name, description: '', fields }, {
        unknownColumns: resource.schema ? 'error' : 'ignore',
      });
      issues.push(...read.issues);
      resources.push({ name: resource.name, file, rows: read.rows });
    }
  }
  if (resources.length === 0) {
    issues.push({ file: descriptorPath, severity: 'error', message: 'none of the resources the descriptor lists could be read' });
  }
  return { descriptor: parsed.data, resources, issues };
}

/**
 * Resource paths are relative to the descriptor. Packages copied without their folder layout
 * (data/x.csv saved beside datapackage.json) are still read, with a warning saying so.
 */
async function locate(root: string, relative: string, descriptorPath: string, issues: DataIssue[]): Promise<string | undefined> {
  if (/^[a-z]+:\/\//i.test(relative)) {
    issues.push({ file: descriptorPath, severity: 'error', message: `remote resource ${relative} is not fetched (ets-brief reads local files only)` });
    return undefined;
  }
  const direct = join(root, relative);
  if (await exists(direct)) return direct;
  const beside = join(root, basename(relative));
  if (await exists(beside)) {
    issues.push({ file: descriptorPath, severity: 'warning', message: `resource path ${relative} not found; read ${basename(relative)} beside the descriptor instead` });
    return beside;
  }
  // A package is often shared in part (one resource copied out of several): say so, read the rest.
  issues.push({ file: descriptorPath, severity: 'warning', message: `resource file ${relative} not found; that resource is skipped` });
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
