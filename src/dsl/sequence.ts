import { requireName, requireText } from './name-check.js';
import type { SequenceOptions } from '../model/types.js';
import { sequenceOptions, type SequenceInput } from './columns/builder.js';
import { captureLocation, type Location } from './location.js';
import type { AnyTableColumn } from './bound-column.js';

export const SEQUENCE: unique symbol = Symbol.for('pgtide.sequence');

export interface SequenceInputOptions extends SequenceInput {
  readonly as?: 'smallint' | 'integer' | 'bigint';
  /** OWNED BY: the sequence is dropped with this column. */
  readonly ownedBy?: () => AnyTableColumn;
  readonly comment?: string;
}

export interface SequenceDef {
  readonly schema: string;
  readonly name: string;
  readonly options: Partial<SequenceOptions>;
  readonly ownedBy: (() => AnyTableColumn) | null;
  readonly comment: string | null;
  readonly location: Location | null;
}

export interface SequenceObject {
  readonly [SEQUENCE]: SequenceDef;
  readonly sequenceName: string;
  readonly sequenceSchema: string;
}

export function sequenceIn(schema: string, name: string, input: SequenceInputOptions = {}): SequenceObject {
  requireName('sequence name', name);
  if (input.comment !== undefined) requireText(`comment of sequence ${schema}.${name}`, input.comment);
  const options = sequenceOptions(input);
  const def: SequenceDef = {
    schema,
    name,
    options: input.as === undefined ? options : { dataType: input.as, ...options },
    ownedBy: input.ownedBy ?? null,
    comment: input.comment ?? null,
    location: captureLocation(),
  };
  return { [SEQUENCE]: def, sequenceName: name, sequenceSchema: schema };
}

/** A standalone sequence in schema public (identity columns need none: use `.identity()`). */
export function sequence(name: string, options: SequenceInputOptions = {}): SequenceObject {
  return sequenceIn('public', name, options);
}

export function isSequence(value: unknown): value is SequenceObject {
  return typeof value === 'object' && value !== null && SEQUENCE in value;
}
