export interface SequenceOptions {
  /** 'smallint' | 'integer' | 'bigint' */
  readonly dataType: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface Sequence {
  readonly kind: 'sequence';
  readonly schema: string;
  readonly name: string;
  /** null fields in a desired model mean "the server default". Introspected models fill them all. */
  readonly options: Partial<SequenceOptions>;
  readonly ownedBy: { readonly table: string; readonly column: string } | null;
  readonly comment: string | null;
}
