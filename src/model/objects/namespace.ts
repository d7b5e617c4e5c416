export interface SchemaObj {
  readonly kind: 'schema';
  readonly name: string;
  readonly comment: string | null;
}

export interface Extension {
  readonly kind: 'extension';
  readonly name: string;
  readonly schema: string;
  /** null in a desired model means "whatever version the server installs by default". */
  readonly version: string | null;
}

/** A collation created with CREATE COLLATION. */
export interface Collation {
  readonly kind: 'collation';
  readonly schema: string;
  readonly name: string;
  /** libc, icu or builtin. */
  readonly provider: string;
  /** The locale when collate and ctype are the same (or for ICU), else null. */
  readonly locale: string | null;
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly deterministic: boolean;
  readonly comment: string | null;
}
