import { chooseName, truncateIdentifier } from '../../model/naming.js';
import type { Reporter } from './report.js';
import type { Spec } from './spec.js';
import type { TableDef } from '../bound-column.js';

/**
 * Name spaces as the server has them: relations (tables, sequences, indexes, and so the indexes of
 * primary keys and unique constraints) are unique per schema; other constraints per table, while
 * generated constraint names avoid every constraint name in the schema (ChooseConstraintName).
 */
export class NameRegistry {
  private readonly relations = new Map<string, Set<string>>();
  private readonly schemaConstraints = new Map<string, Set<string>>();
  private readonly tableConstraints = new Map<string, Set<string>>();

  constructor(private readonly report: Reporter) {}

  private set(map: Map<string, Set<string>>, key: string): Set<string> {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    return set;
  }

  relationTaken(schema: string, name: string): boolean {
    return this.set(this.relations, schema).has(name);
  }

  reserveRelation(schema: string, name: string): void {
    this.set(this.relations, schema).add(name);
  }

  private reserveSpec(spec: Spec, name: string): void {
    const { schema } = spec.table;
    if (spec.isRelation) this.reserveRelation(schema, name);
    this.set(this.schemaConstraints, schema).add(name);
    this.set(this.tableConstraints, `${schema}.${spec.table.name}`).add(name);
  }

  private clash(spec: Spec, name: string): string | null {
    const { schema } = spec.table;
    if (spec.isRelation && this.relationTaken(schema, name)) return `another table, sequence, index or key in schema ${schema}`;
    if (this.set(this.tableConstraints, `${schema}.${spec.table.name}`).has(name)) return `another constraint or index of table ${schema}.${spec.table.name}`;
    return null;
  }

  /** Explicit names first: a clash between two of them is the user's to resolve. */
  reserveExplicit(spec: Spec): string {
    const name = truncateIdentifier(spec.explicit ?? '');
    const clash = this.clash(spec, name);
    if (clash !== null) {
      this.report.fail(spec.table, spec.location, `${spec.table.schema}.${name}`, `The name ${name} of the ${spec.describe} on ${spec.table.schema}.${spec.table.name} is already used by ${clash}`);
    }
    this.reserveSpec(spec, name);
    return name;
  }

  /** A relation that is not a model object (an identity's sequence) but still takes its name. */
  generateRelation(schema: string, table: string, column: string, label: string): string {
    const taken = this.set(this.relations, schema);
    const name = chooseName(table, column, label, (candidate) => taken.has(candidate));
    taken.add(name);
    return name;
  }

  /** A generated name, with the server's numeric suffix when the plain one is taken. */
  generate(spec: Spec): string {
    const { schema } = spec.table;
    const name = chooseName(spec.table.name, spec.addition, spec.label, (candidate) =>
      this.clash(spec, candidate) !== null || this.set(this.schemaConstraints, schema).has(candidate),
    );
    this.reserveSpec(spec, name);
    return name;
  }
}

export function tableLabel(table: TableDef): string {
  return `${table.schema}.${table.name}`;
}
