import { ColumnBuilder } from './builder.js';
import { requireInteger } from './check-args.js';

/** Dates are accepted for literal defaults and written as ISO-8601 text. */
export type TemporalColumn = ColumnBuilder<string | Date, 'temporal'>;

function withPrecision(base: string, suffix: string, precision: number | undefined): TemporalColumn {
  if (precision !== undefined) requireInteger(base, 'precision', precision, 0, 6);
  const name = precision === undefined ? `${base}${suffix}` : `${base}(${precision})${suffix}`;
  return new ColumnBuilder({ family: 'temporal', name });
}

export function date(): TemporalColumn {
  return new ColumnBuilder({ family: 'temporal', name: 'date' });
}

export function time(precision?: number): TemporalColumn {
  return withPrecision('time', ' without time zone', precision);
}

export function timetz(precision?: number): TemporalColumn {
  return withPrecision('time', ' with time zone', precision);
}

export function timestamp(precision?: number): TemporalColumn {
  return withPrecision('timestamp', ' without time zone', precision);
}

export function timestamptz(precision?: number): TemporalColumn {
  return withPrecision('timestamp', ' with time zone', precision);
}

export function interval(precision?: number): ColumnBuilder<string, 'temporal'> {
  if (precision !== undefined) requireInteger('interval', 'precision', precision, 0, 6);
  const name = precision === undefined ? 'interval' : `interval(${precision})`;
  return new ColumnBuilder({ family: 'temporal', name });
}
