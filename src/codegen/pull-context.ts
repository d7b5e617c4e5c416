import type { Constraint, ForeignKeyConstraint, Index, Model, ObjectId, Table } from '../model/types.js';
import { relationId } from '../model/ids.js';
import { quoteQualified } from '../sql/ident.js';
import { camelCase, NameAllocator } from './names.js';

/** Where a generated variable lives. */
export interface VarRef {
  readonly file: string;
  readonly name: string;
}

/** What every part of pull needs: the model and the variable of each object it may refer to. */
export interface PullContext {
  readonly model: Model;
  readonly tables: ReadonlyMap<ObjectId, VarRef>;
  /** Enum variables by the printed type name (`public.mood`, `public."Mood"`). */
  readonly enums: ReadonlyMap<string, VarRef>;
  readonly enumVars: ReadonlyMap<ObjectId, VarRef>;
  /** Namespace variables for schemas other than public. */
  readonly namespaces: ReadonlyMap<string, VarRef>;
  readonly sequences: ReadonlyMap<ObjectId, VarRef>;
  readonly extensions: ReadonlyMap<ObjectId, VarRef>;
  /** Constraints and indexes of each table, by table id. */
  readonly constraintsOf: ReadonlyMap<ObjectId, readonly Constraint[]>;
  readonly indexesOf: ReadonlyMap<ObjectId, readonly Index[]>;
  /** Tables whose foreign keys lead back to themselves: their reference thunks need a type. */
  readonly cyclic: (from: Table, to: ObjectId) => boolean;
  /** The variable of the sqlDefinitions() in SQL_MODULE, for what only SQL declares. */
  readonly sqlObjects: VarRef;
}

/** The names the generated modules import from pgtide; no variable may shadow them. */
const DSL_NAMES = [
  'sql', 'smallint', 'integer', 'bigint', 'numeric', 'real', 'doublePrecision', 'text', 'varchar', 'char', 'date',
  'time', 'timetz', 'timestamp', 'timestamptz', 'interval', 'boolean', 'uuid', 'bytea', 'json', 'jsonb', 'inet', 'cidr',
  'macaddr', 'customType', 'enumType', 'sequence', 'extension', 'schema', 'table', 'primaryKey', 'unique', 'foreignKey',
  'check', 'exclude', 'index', 'uniqueIndex', 'key', 'AnyTableColumn', 't', 'sqlDefinitions',
];

export const SHARED_FILE = 'common';

/** The module holding, as SQL, what the DSL does not declare (views, functions, partitioned tables …). */
export const SQL_MODULE = 'objects';

const RESERVED_FILES = new Set([SHARED_FILE, SQL_MODULE, 'index']);

/** The module of each schema: its name when that is a safe file name, else a sanitized one. */
export function schemaFile(schema: string): string {
  const base = schema.toLowerCase().replace(/[^a-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'schema';
  return RESERVED_FILES.has(base) ? `${base}_schema` : base;
}

/** Table → the tables its foreign keys reference. */
function referenceGraph(model: Model): Map<ObjectId, ObjectId[]> {
  const targets = new Map<ObjectId, ObjectId[]>();
  for (const c of model.constraint.values()) {
    if (c.type !== 'foreign-key') continue;
    const from = relationId('table', c.schema, c.table);
    const list = targets.get(from) ?? [];
    list.push(referencedId(c));
    targets.set(from, list);
  }
  return targets;
}

function reachable(targets: ReadonlyMap<ObjectId, readonly ObjectId[]>, start: ObjectId, goal: ObjectId): boolean {
  const seen = new Set<ObjectId>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === goal) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(targets.get(id) ?? []));
  }
  return false;
}

export function referencedId(fk: ForeignKeyConstraint): ObjectId {
  return relationId('table', fk.references.schema, fk.references.table);
}

/** Allocates every variable up front, so that names do not depend on the order files are written. */
export function pullContext(model: Model): PullContext {
  const names = new NameAllocator(DSL_NAMES);
  // Taken first: its name does not depend on the tables (the module may be empty and not written).
  const sqlObjects = { file: SQL_MODULE, name: names.take(['sqlObjects']) };
  const namespaces = new Map<string, VarRef>();
  const schemaNames = new Set([...model.schema.values()].map((s) => s.name));
  for (const kind of ['enum', 'sequence', 'table'] as const) for (const o of model[kind].values()) schemaNames.add(o.schema);
  for (const name of [...schemaNames].sort()) {
    if (name === 'public') continue;
    namespaces.set(name, { file: SHARED_FILE, name: names.take([camelCase(name), `${camelCase(name)}Schema`]) });
  }
  const extensions = new Map<ObjectId, VarRef>();
  for (const [id, e] of model.extension) extensions.set(id, { file: SHARED_FILE, name: names.take([camelCase(e.name), `${camelCase(e.name)}Extension`]) });
  const enums = new Map<string, VarRef>();
  const enumVars = new Map<ObjectId, VarRef>();
  for (const [id, e] of model.enum) {
    const prefix = e.schema === 'public' ? '' : `${e.schema}_`;
    const ref = { file: SHARED_FILE, name: names.take([camelCase(e.name), camelCase(`${prefix}${e.name}`), `${camelCase(e.name)}Enum`]) };
    enumVars.set(id, ref);
    enums.set(quoteQualified(e.schema, e.name), ref);
  }
  const tables = new Map<ObjectId, VarRef>();
  for (const [id, t] of model.table) {
    const qualified = camelCase(`${t.schema}_${t.name}`);
    const suffixed = `${camelCase(t.name)}Table`;
    tables.set(id, { file: schemaFile(t.schema), name: names.take([camelCase(t.name), ...(t.schema === 'public' ? [suffixed, qualified] : [qualified, suffixed])]) });
  }
  const sequences = new Map<ObjectId, VarRef>();
  for (const [id, s] of model.sequence) {
    sequences.set(id, { file: schemaFile(s.schema), name: names.take([camelCase(s.name), camelCase(`${s.schema}_${s.name}`), `${camelCase(s.name)}Sequence`]) });
  }
  const graph = referenceGraph(model);
  const cyclic = (from: Table, to: ObjectId): boolean => reachable(graph, to, relationId('table', from.schema, from.name));
  return { model, tables, enums, enumVars, namespaces, sequences, extensions, constraintsOf: byTable(model.constraint.values()), indexesOf: byTable(model.index.values()), cyclic, sqlObjects };
}

function byTable<T extends Constraint | Index>(objects: Iterable<T>): Map<ObjectId, T[]> {
  const out = new Map<ObjectId, T[]>();
  for (const o of objects) {
    const id = relationId('table', o.schema, o.table);
    const list = out.get(id) ?? [];
    list.push(o);
    out.set(id, list);
  }
  return out;
}
