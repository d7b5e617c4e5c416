import { optionalName, requireName, requireText } from './name-check.js';
import type { FkAction } from '../model/types.js';
import { captureLocation, type Location } from './location.js';
import type { SqlFragment } from './sql.js';
import type { AnyTableColumn } from './bound-column.js';

export const CONSTRAINT: unique symbol = Symbol.for('pgtide.constraint');

interface ConstraintCommon {
  name: string | null;
  deferrable: boolean;
  initiallyDeferred: boolean;
  comment: string | null;
  readonly location: Location | null;
}

export interface PrimaryKeyState extends ConstraintCommon {
  readonly type: 'primary-key';
  readonly columns: readonly AnyTableColumn[];
}

export interface UniqueState extends ConstraintCommon {
  readonly type: 'unique';
  readonly columns: readonly AnyTableColumn[];
  nullsNotDistinct: boolean;
}

export interface ForeignKeyState extends ConstraintCommon {
  readonly type: 'foreign-key';
  readonly columns: readonly AnyTableColumn[];
  readonly references: () => readonly AnyTableColumn[];
  readonly onDelete: FkAction;
  readonly onUpdate: FkAction;
  readonly match: 'simple' | 'full';
  notValid: boolean;
}

export interface CheckState extends ConstraintCommon {
  readonly type: 'check';
  readonly expression: string;
  noInherit: boolean;
  notValid: boolean;
}

export interface ExclusionState extends ConstraintCommon {
  readonly type: 'exclusion';
  /** What follows EXCLUDE: `USING gist (c WITH &&)`, with any INCLUDE, WITH and WHERE. */
  readonly definition: string;
}

export type ConstraintState = PrimaryKeyState | UniqueState | ForeignKeyState | CheckState | ExclusionState;

function common(name: string | null): ConstraintCommon {
  return { name, deferrable: false, initiallyDeferred: false, comment: null, location: captureLocation() };
}

abstract class ConstraintBuilder<S extends ConstraintState> {
  readonly [CONSTRAINT]: S;

  constructor(state: S) {
    this[CONSTRAINT] = state;
  }

  /** The constraint name; defaults to PostgreSQL's naming convention. */
  named(name: string): this {
    this[CONSTRAINT].name = requireName('constraint name in named()', name);
    return this;
  }

  comment(text: string): this {
    this[CONSTRAINT].comment = requireText('constraint comment', text);
    return this;
  }
}

abstract class DeferrableBuilder<S extends ConstraintState> extends ConstraintBuilder<S> {
  deferrable(options: { initiallyDeferred?: boolean } = {}): this {
    this[CONSTRAINT].deferrable = true;
    this[CONSTRAINT].initiallyDeferred = options.initiallyDeferred ?? false;
    return this;
  }
}

export class PrimaryKeyBuilder extends DeferrableBuilder<PrimaryKeyState> {}

export class UniqueBuilder extends DeferrableBuilder<UniqueState> {
  nullsNotDistinct(): this {
    this[CONSTRAINT].nullsNotDistinct = true;
    return this;
  }
}

/**
 * NOT VALID: existing rows are not checked, new and updated rows are. The constraint is added so
 * and never validated by pgtide; remove the call to have it validated (VALIDATE CONSTRAINT).
 */
function markNotValid<S extends ForeignKeyState | CheckState>(builder: ConstraintBuilder<S>): void {
  builder[CONSTRAINT].notValid = true;
}

export class ForeignKeyBuilder extends ConstraintBuilder<ForeignKeyState> {
  /** Leave existing rows unchecked (NOT VALID); see markNotValid. */
  notValid(): this {
    markNotValid(this);
    return this;
  }
}

export class CheckBuilder extends ConstraintBuilder<CheckState> {
  noInherit(): this {
    this[CONSTRAINT].noInherit = true;
    return this;
  }

  /** Leave existing rows unchecked (NOT VALID); see markNotValid. */
  notValid(): this {
    markNotValid(this);
    return this;
  }
}

export class ExclusionBuilder extends DeferrableBuilder<ExclusionState> {}

/** A composite primary key: `primaryKey(t.postId, t.tagId)`; named `<table>_pkey` by default. */
export function primaryKey(...columns: readonly AnyTableColumn[]): PrimaryKeyBuilder {
  return new PrimaryKeyBuilder({ type: 'primary-key', columns, ...common(null) });
}

/** A unique constraint over columns; named `<table>_<columns>_key` by default. */
export function unique(...columns: readonly AnyTableColumn[]): UniqueBuilder {
  return new UniqueBuilder({ type: 'unique', columns, nullsNotDistinct: false, ...common(null) });
}

export interface ForeignKeyInput {
  readonly columns: readonly AnyTableColumn[];
  /** The referenced columns; a thunk lets tables refer to each other (or to themselves). */
  readonly references: (() => readonly AnyTableColumn[]) | readonly AnyTableColumn[];
  readonly onDelete?: FkAction;
  readonly onUpdate?: FkAction;
  readonly match?: 'simple' | 'full';
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  readonly name?: string;
}

export function foreignKey(input: ForeignKeyInput): ForeignKeyBuilder {
  const refs = input.references;
  const base = common(optionalName('foreign key name', input.name));
  return new ForeignKeyBuilder({
    ...base,
    type: 'foreign-key',
    columns: input.columns,
    references: typeof refs === 'function' ? refs : () => refs,
    onDelete: input.onDelete ?? 'no action',
    onUpdate: input.onUpdate ?? 'no action',
    match: input.match ?? 'simple',
    notValid: false,
    deferrable: input.deferrable ?? input.initiallyDeferred ?? false,
    initiallyDeferred: input.initiallyDeferred ?? false,
  });
}

/** A named table-level check: `check('price_positive', sql\`price > 0\`)`. */
export function check(name: string, expression: SqlFragment): CheckBuilder {
  return new CheckBuilder({ type: 'check', expression: expression.text, noInherit: false, notValid: false, ...common(requireName('check constraint name', name)) });
}

/**
 * A named exclusion constraint, written as what follows EXCLUDE:
 * `exclude('rooms_no_overlap', sql\`USING gist (room WITH =, during WITH &&) WHERE (NOT cancelled)\`)`.
 */
export function exclude(name: string, definition: SqlFragment): ExclusionBuilder {
  return new ExclusionBuilder({ type: 'exclusion', definition: definition.text, ...common(requireName('exclusion constraint name', name)) });
}

export function isConstraintBuilder(value: unknown): value is { readonly [CONSTRAINT]: ConstraintState } {
  return typeof value === 'object' && value !== null && CONSTRAINT in value;
}
