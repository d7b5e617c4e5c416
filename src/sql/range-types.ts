import type { ConstructorArg } from '../plan/ops.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';
import { renderCollation, renderOpclass, renderRoutineName, renderType } from './types.js';

const arg = (a: ConstructorArg): string => `${a.variadic ? 'VARIADIC ' : ''}${renderType(a.type)}`;

export const rangeTypeRenderers: Renderers<'create-range-type' | 'drop-range-type' | 'rename-range-type' | 'rename-range-constructor'> = {
  'create-range-type': ({ range: r }) => {
    const parts = [`SUBTYPE = ${renderType(r.subtype)}`];
    if (r.subtypeOpclass !== null) parts.push(`SUBTYPE_OPCLASS = ${renderOpclass(r.subtypeOpclass)}`);
    if (r.collation !== null) parts.push(`COLLATION = ${renderCollation(r.collation)}`);
    if (r.canonical !== null) parts.push(`CANONICAL = ${renderRoutineName(r.canonical)}`);
    if (r.subtypeDiff !== null) parts.push(`SUBTYPE_DIFF = ${renderRoutineName(r.subtypeDiff)}`);
    // Qualified: an unqualified name would be made in the first schema of the session's search_path.
    if (r.multirangeName !== null) parts.push(`MULTIRANGE_TYPE_NAME = ${quoteQualified(r.schema, r.multirangeName)}`);
    return `CREATE TYPE ${quoteQualified(r.schema, r.name)} AS RANGE (${parts.join(', ')})`;
  },
  'drop-range-type': (op) => `DROP TYPE ${quoteQualified(op.range.schema, op.range.name)}`,
  'rename-range-type': (op) => `ALTER TYPE ${quoteQualified(op.type.schema, op.type.name)} RENAME TO ${quoteIdent(op.newName)}`,
  'rename-range-constructor': (op) =>
    `ALTER FUNCTION ${quoteQualified(op.routine.schema, op.routine.name)}(${op.args.map(arg).join(', ')}) RENAME TO ${quoteIdent(op.newName)}`,
};
