import { ColumnBuilder } from './builder.js';
import { requireInteger } from './check-args.js';

export type IntegerColumn<T> = ColumnBuilder<T, 'integer'>;

export function smallint(): IntegerColumn<number> {
  return new ColumnBuilder({ family: 'integer', name: 'smallint' });
}

export function integer(): IntegerColumn<number> {
  return new ColumnBuilder({ family: 'integer', name: 'integer' });
}

/** bigint values may exceed Number.MAX_SAFE_INTEGER, so defaults also accept bigint and strings. */
export function bigint(): IntegerColumn<number | bigint | string> {
  return new ColumnBuilder({ family: 'integer', name: 'bigint' });
}

/** numeric, numeric(p) (printed by the server as numeric(p,0)) or numeric(p,s). */
export function numeric(precision?: number, scale?: number): ColumnBuilder<number | string, 'numeric'> {
  if (precision === undefined) return new ColumnBuilder({ family: 'numeric', name: 'numeric' });
  requireInteger('numeric', 'precision', precision, 1, 1000);
  const s = scale ?? 0;
  requireInteger('numeric', 'scale', s, -1000, 1000);
  return new ColumnBuilder({ family: 'numeric', name: `numeric(${precision},${s})` });
}

export function real(): ColumnBuilder<number, 'float'> {
  return new ColumnBuilder({ family: 'float', name: 'real' });
}

export function doublePrecision(): ColumnBuilder<number, 'float'> {
  return new ColumnBuilder({ family: 'float', name: 'double precision' });
}
