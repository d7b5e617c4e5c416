import type { Kind, ObjectId } from './types.js';

/**
 * Objects PostgreSQL has and no reader models. Introspection lists them next to the model (never in
 * it: the model hash and the diff stay what they were), and the commands name each one, so that two
 * schemas are never reported equal while something in them was not compared. The model to follow is
 * pg-schema-diff's ErrNotImplemented, told to the user instead of thrown.
 *
 * The key is the kind as ids spell it; the value how a message names it. When a kind becomes managed
 * it joins the registry (`KIND_TRAITS`) and must leave this list: the check below fails to compile
 * while a name is in both.
 */
export const UNMANAGED_KINDS = {
  'window-function': 'window function',
  'base-type': 'base type',
  'shell-type': 'shell type',
  'type': 'type',
  'foreign-table': 'foreign table',
  'relation': 'relation',
  'subscription': 'subscription',
  'foreign-data-wrapper': 'foreign-data wrapper',
  'server': 'foreign server',
  'user-mapping': 'user mapping',
  'text-search-configuration': 'text search configuration',
  'text-search-dictionary': 'text search dictionary',
  'text-search-parser': 'text search parser',
  'text-search-template': 'text search template',
  'operator': 'operator',
  'operator-class': 'operator class',
  'operator-family': 'operator family',
  'cast': 'cast',
  'conversion': 'conversion',
  'transform': 'transform',
  'language': 'language',
  'access-method': 'access method',
} as const;

export type UnmanagedKind = keyof typeof UNMANAGED_KINDS;

// A kind is managed or unmanaged, never both: ids and ignore patterns would mean two things.
type Overlap = Extract<UnmanagedKind, Kind>;
const noOverlap: [Overlap] extends [never] ? true : false = true;
void noOverlap;

export interface UnmanagedObject {
  readonly kind: UnmanagedKind;
  /** The schema it lives in; null for an object of the whole database (an event trigger, a cast). */
  readonly schema: string | null;
  /** Its name, unquoted; '' for an object the server names only by what it joins (a cast, a user mapping). */
  readonly name: string;
  /**
   * What tells it apart beyond its name, as the server prints it (identifiers in it already quoted):
   * an argument list `(text)`, ` using btree` for an operator class,
   * `(text AS integer)` for a cast. Null when the name says it all.
   */
  readonly detail: string | null;
  /** The model id of the table or view it lives on, if any, for the config's `ignore`. */
  readonly parent: ObjectId | null;
}

/** The id the config's `ignore` patterns match, like a model object's: `operator:public.===(text, text)`. */
export function unmanagedId(o: UnmanagedObject): string {
  return `${o.kind}:${o.schema === null ? '' : `${o.schema}.`}${o.name}${o.detail ?? ''}`;
}
