import { ColumnBuilder } from './builder.js';
import { requireInteger } from './check-args.js';

const MAX_LENGTH = 10_485_760;

export function text(): ColumnBuilder<string, 'text'> {
  return new ColumnBuilder({ family: 'text', name: 'text' });
}

/** character varying(n); without a length it is unbounded like text. */
export function varchar(length?: number): ColumnBuilder<string, 'text'> {
  if (length === undefined) return new ColumnBuilder({ family: 'text', name: 'character varying' });
  requireInteger('varchar', 'length', length, 1, MAX_LENGTH);
  return new ColumnBuilder({ family: 'text', name: `character varying(${length})` });
}

/** character(n); the server treats a missing length as 1. */
export function char(length = 1): ColumnBuilder<string, 'text'> {
  requireInteger('char', 'length', length, 1, MAX_LENGTH);
  return new ColumnBuilder({ family: 'text', name: `character(${length})` });
}
