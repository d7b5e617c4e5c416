import type { SequenceOptions } from '../model/types.js';
import type { IdentityOptions, QName } from '../plan/ops.js';
import { dollarQuote, quoteIdent, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);

function integer(value: string, what: string): string {
  // Option values are numbers held as text; anything else must never reach the SQL text.
  if (!/^-?\d+$/.test(value)) throw new Error(`sequence option ${what} is not an integer: ${JSON.stringify(value)}`);
  return value;
}

const DATA_TYPES: ReadonlySet<string> = new Set(['smallint', 'integer', 'bigint']);

/** One clause per option, in a fixed order; CREATE and ALTER SEQUENCE accept the same clauses. */
const CLAUSES: { readonly [K in keyof SequenceOptions]: (v: SequenceOptions[K]) => string } = {
  dataType: (v) => {
    if (!DATA_TYPES.has(v)) throw new Error(`sequence data type must be smallint, integer or bigint, not ${JSON.stringify(v)}`);
    return `AS ${v}`;
  },
  increment: (v) => `INCREMENT BY ${integer(v, 'increment')}`,
  min: (v) => `MINVALUE ${integer(v, 'min')}`,
  max: (v) => `MAXVALUE ${integer(v, 'max')}`,
  start: (v) => `START WITH ${integer(v, 'start')}`,
  cache: (v) => `CACHE ${integer(v, 'cache')}`,
  cycle: (v) => (v ? 'CYCLE' : 'NO CYCLE'),
};

function clause<K extends keyof SequenceOptions>(key: K, value: SequenceOptions[K]): string {
  return CLAUSES[key](value);
}

/** The stated options as clauses; `omit` leaves out ones that do not apply (AS for identities). */
export function sequenceClauses(options: IdentityOptions, omit: readonly (keyof SequenceOptions)[] = []): string[] {
  const out: string[] = [];
  for (const key of Object.keys(CLAUSES) as (keyof SequenceOptions)[]) {
    const value = options[key];
    if (value === undefined || value === null || omit.includes(key)) continue;
    out.push(clause(key, value));
  }
  return out;
}

const withClauses = (head: string, clauses: string[]): string => (clauses.length === 0 ? head : `${head} ${clauses.join(' ')}`);

/**
 * ALTER SEQUENCE refuses new bounds that leave the sequence's current value outside them ("RESTART
 * value (1) cannot be less than MINVALUE (1000)"), and the plan cannot know that value. A sequence
 * the new bounds leave behind in the direction it counts (below a raised MINVALUE while counting up)
 * moves to that bound: it has handed out nothing there yet. One they leave ahead of it (above a
 * lowered MAXVALUE while counting up) has handed out every value it could move to, so the step fails
 * with a sentence instead, as the server would. Within the bounds it keeps its place.
 */
function keptInBounds(sequence: QName, alter: string, options: IdentityOptions): string {
  const name = q(sequence);
  const step = options.increment === undefined
    ? `(SELECT seqincrement FROM pg_catalog.pg_sequence WHERE seqrelid = ${quoteLiteral(name)}::regclass)`
    : integer(options.increment, 'increment');
  const refuse = (bound: string, value: string): string =>
    `RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(`sequence ${name}: its current value lies beyond the new ${bound} ${value}, in the direction it counts; every value it could restart at has been handed out already. Move the sequence (setval) or keep the old ${bound}, then run the migration again.`)};`;
  const branches: string[] = [];
  if (options.min !== undefined) {
    const min = integer(options.min, 'min');
    branches.push(`current < ${min} THEN\n    IF ${step} > 0 THEN ${alter} RESTART WITH ${min}; ELSE ${refuse('MINVALUE', min)} END IF;`);
  }
  if (options.max !== undefined) {
    const max = integer(options.max, 'max');
    branches.push(`current > ${max} THEN\n    IF ${step} < 0 THEN ${alter} RESTART WITH ${max}; ELSE ${refuse('MAXVALUE', max)} END IF;`);
  }
  const body = [
    '',
    'DECLARE current bigint;',
    'BEGIN',
    `  SELECT last_value INTO current FROM ${name};`,
    `  IF ${branches.join('\n  ELSIF ')}`,
    '  ELSE',
    `    ${alter};`,
    '  END IF;',
    'END',
    '',
  ].join('\n');
  return `DO ${dollarQuote(body)}`;
}

/**
 * The identity's sequence is found by the server, since the model does not hold its name, and compared
 * by oid; one that has another name (chosen by hand, or with a counter on a clash) keeps it.
 */
function renameIdentitySequence(table: QName, column: string, from: string, newName: string): string {
  const old = quoteLiteral(quoteQualified(table.schema, from));
  const free = quoteLiteral(quoteQualified(table.schema, newName));
  const body = [
    '',
    'BEGIN',
    `  IF pg_catalog.pg_get_serial_sequence(${quoteLiteral(q(table))}, ${quoteLiteral(column)})::regclass = pg_catalog.to_regclass(${old})`,
    `     AND pg_catalog.to_regclass(${free}) IS NULL THEN`,
    `    ALTER SEQUENCE ${quoteQualified(table.schema, from)} RENAME TO ${quoteIdent(newName)};`,
    '  END IF;',
    'END',
    '',
  ].join('\n');
  return `DO ${dollarQuote(body)}`;
}

export const sequenceRenderers: Renderers<'create-sequence' | 'alter-sequence' | 'set-sequence-owner' | 'drop-sequence' | 'rename-sequence' | 'rename-identity-sequence'> = {
  'create-sequence': (op) => withClauses(`CREATE SEQUENCE ${q(op.sequence)}`, sequenceClauses(op.options)),
  'alter-sequence': (op) => {
    const clauses = sequenceClauses(op.options);
    if (clauses.length === 0) throw new Error(`alter-sequence ${op.sequence.schema}.${op.sequence.name} has no options`);
    const alter = withClauses(`ALTER SEQUENCE ${q(op.sequence)}`, clauses);
    return op.options.min === undefined && op.options.max === undefined ? alter : keptInBounds(op.sequence, alter, op.options);
  },
  'set-sequence-owner': (op) => {
    const owner = op.owner === null ? 'NONE'
      : `${quoteQualified(op.owner.schema, op.owner.table)}.${quoteIdent(op.owner.column)}`;
    return `ALTER SEQUENCE ${q(op.sequence)} OWNED BY ${owner}`;
  },
  'drop-sequence': (op) => `DROP SEQUENCE ${q(op.sequence)}`,
  'rename-sequence': (op) => `ALTER SEQUENCE ${q(op.sequence)} RENAME TO ${quoteIdent(op.newName)}`,
  'rename-identity-sequence': (op) => renameIdentitySequence(op.table, op.column, op.from, op.newName),
};
