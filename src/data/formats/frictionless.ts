import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { z } from 'zod';
import type { DataIssue } from '../errors.js';
import { boolean, date, integer, number, text, type Field } from '../fields.js';
import { checkRegularFile, InputError, readRegularFile } from '../input.js';
import { readTable } from '../read-table.js';
import type { Fields } from '../schema.js';

/** The part of a Frictionless Data Package descriptor this reader relies on. */
const descriptorSchema = z
  .object({
    name: z.string().optional(),
    title: z.string().optional(),
    resources: z
      .array(
        z
          .object({
            name: z.string(),
            path: z.union([z.string(), z.array(z.string())]),
            schema: z
              .object({
                fields: z.array(
                  z
                    .object({
                      name: z.string(),
                      type: z.string().default('string'),
                      constraints: z.object({ required: z.boolean().optional() }).passthrough().optional(),
                    })
                    .passthrough(),
                ),
              })
              .passthrough()
              .optional(),
          })
          .passthrough(),
      )
      .min(1),
  })
  .passthrough();

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
    type === 'number'
      ? number()
      : type === 'integer'
        ? integer()
        : type === 'year'
          ? integer({ minimum: 0, maximum: 9999 })
          : type === 'date'
            ? date()
            : type === 'boolean'
              ? boolean()
              : text();
  return required ? base : base.optional();
}

/**
 * Reads a datapackage.json and every tabular resource it describes, typed by its Table Schema.
 * `bytes`, when given, is the descriptor already read (an import hashes what it parses); `maxRows`
 * bounds the rows read from each resource file; `given` is a resource file already read (the CSV
 * an import was given, read from its bytes rather than again). Resource paths must stay inside
 * the descriptor's folder.
 */
export async function readDataPackage(
  descriptorPath: string,
  bytes?: Uint8Array,
  maxRows?: number,
  given?: { readonly path: string; readonly bytes: Uint8Array },
): Promise<PackageRead> {
  const issues: DataIssue[] = [];
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes ?? (await readRegularFile(descriptorPath))).toString('utf8'));
  } catch (error) {
    issues.push(
      error instanceof InputError
        ? error.issue
        : { file: descriptorPath, severity: 'error', message: `cannot read the descriptor: ${(error as Error).message}` },
    );
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
  const givenPath = given ? await realpath(given.path).catch(() => undefined) : undefined;
  for (const resource of parsed.data.resources) {
    const paths = Array.isArray(resource.path) ? resource.path : [resource.path];
    for (const relative of paths) {
      const located = await locate(dirname(descriptorPath), relative, descriptorPath, issues);
      if (located === undefined) continue;
      const file = located.display;
      const fields: Fields = Object.fromEntries((resource.schema?.fields ?? []).map((f) => [f.name, fieldFor(f.type, f.constraints?.required === true)]));
      const read = await readTable(
        located.path === givenPath ? given!.bytes : located.path,
        { name: resource.name, title: resource.name, description: '', fields },
        {
          displayPath: file,
          unknownColumns: resource.schema ? 'error' : 'ignore',
          ...(maxRows !== undefined ? { maxRows } : {}),
        },
      );
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
 * Resource paths are relative to the descriptor and confined to its folder: no absolute path, no
 * `..`, no symbolic link leading out (a package must not make ets-brief read /etc/passwd, nor quote
 * it in a message). Packages copied without their folder layout (data/x.csv saved beside
 * datapackage.json) are still read, with a warning saying so.
 */
async function locate(root: string, relative: string, descriptorPath: string, issues: DataIssue[]): Promise<{ path: string; display: string } | undefined> {
  const refuse = (message: string) => {
    issues.push({ file: descriptorPath, severity: 'error', message, expected: 'a path relative to the descriptor, inside its folder' });
    return undefined;
  };
  if (/^[a-z]+:\/\//i.test(relative)) {
    issues.push({ file: descriptorPath, severity: 'error', message: `remote resource ${relative} is not fetched (ets-brief reads local files only)` });
    return undefined;
  }
  if (isAbsolute(relative) || /^[a-z]:[\\/]/i.test(relative)) return refuse(`resource path ${JSON.stringify(relative)} is absolute; it is not read`);
  if (relative.split(/[\\/]/).includes('..')) return refuse(`resource path ${JSON.stringify(relative)} leaves the package folder; it is not read`);
  const realRoot = await realpath(root).catch(() => root);
  for (const [candidate, moved] of [
    [join(root, relative), false],
    [join(root, basename(relative)), true],
  ] as const) {
    const real = await realpath(candidate).catch(() => undefined);
    if (real === undefined) continue; // not there (or a dangling link): try beside, then skip
    if (!real.startsWith(realRoot + sep))
      return refuse(`resource path ${JSON.stringify(relative)} leads out of the package folder through a symbolic link; it is not read`);
    try {
      await checkRegularFile(real, candidate);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push({ ...error.issue, message: `resource ${relative}: ${error.issue.message}` });
      return undefined;
    }
    if (moved)
      issues.push({
        file: descriptorPath,
        severity: 'warning',
        message: `resource path ${relative} not found; read ${basename(relative)} beside the descriptor instead`,
      });
    return { path: real, display: candidate };
  }
  // A package is often shared in part (one resource copied out of several): say so, read the rest.
  issues.push({ file: descriptorPath, severity: 'warning', message: `resource file ${relative} not found; that resource is skipped` });
  return undefined;
}
