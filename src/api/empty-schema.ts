import path from 'node:path';
import { usageError } from '../errors.js';
import { displayName } from '../diff/describe-change.js';
import { allObjects, isServerDefault, type DbObject, type Model } from '../model/index.js';
import type { DesiredSchema } from './desired.js';
import type { Project } from './project.js';

/**
 * What pgtide manages in a model. The schema `public` and PUBLIC's default USAGE on it are left out:
 * every database has them, and a model read from schema files that declare nothing still holds them.
 */
export function managedObjects(model: Model): DbObject[] {
  return allObjects(model).filter((o) => !isServerDefault(o));
}

/** Kinds a reader recognizes first when told what a database holds. */
const NAMED_FIRST: readonly DbObject['kind'][] = ['table', 'view', 'function', 'enum', 'domain', 'sequence', 'schema', 'extension'];

function describeHeld(objects: readonly DbObject[]): string {
  const ranked = [...objects].sort((a, b) => rank(a) - rank(b));
  const shown = ranked.slice(0, 3).map((o) => `${o.kind} ${displayName(o)}`);
  const more = objects.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function rank(o: DbObject): number {
  const i = NAMED_FIRST.indexOf(o.kind);
  return i === -1 ? NAMED_FIRST.length : i;
}

/**
 * Schema files that declare nothing against a database that holds something are almost always
 * files that did not load as meant (wrong "schema" path, declarations not exported, a module
 * format problem), and the plan would drop every object. Stop before anything is planned or
 * written unless the user says the empty schema is meant.
 */
export function assertSchemaDeclaresSomething(
  project: Project,
  desired: DesiredSchema,
  target: { readonly label: string; readonly model: Model },
  allowEmptySchema: boolean | undefined,
): void {
  if (allowEmptySchema === true || managedObjects(desired.model).length > 0) return;
  const held = managedObjects(target.model);
  if (held.length === 0) return;
  const files = desired.files.map((f) => path.relative(project.root, f) || f).join(', ');
  throw usageError(
    `The schema files declare nothing: did they load? pgtide read ${files} (the "schema" of ${project.configPath}) and found no tables, views, functions, enums or other objects in them, while ${target.label} holds ${held.length} object${held.length === 1 ? '' : 's'} (${describeHeld(held)}); going on would drop all of them. Check that "schema" points at your schema modules and that they export their declarations (export const users = table(…), or export * from './users.js' in an index.ts). If the schema is meant to be empty, run the command again with --allow-empty-schema.`,
  );
}
