import type { AggregatePart, FinalModify } from '../model/types.js';
import { quoteOperator, quoteLiteral, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';
import { renderType } from './types.js';

const fn = (p: AggregatePart): string => quoteQualified(p.schema, p.name);
const MODIFY: { readonly [M in FinalModify]: string } = { 'read-only': 'READ_ONLY', shareable: 'SHAREABLE', 'read-write': 'READ_WRITE' };

/** The arguments in parentheses: `(*)` for an aggregate over no argument, as the server requires. */
export const aggregateArgs = (args: string): string => `(${args === '' ? '*' : args})`;

export const aggregateRenderers: Renderers<'create-aggregate' | 'drop-aggregate'> = {
  'create-aggregate': ({ aggregate: a, replace }) => {
    // What the server sets when an option is left out is left out too, so the statement reads like the one written.
    const defaultModify: FinalModify = a.aggKind === 'normal' ? 'read-only' : 'read-write';
    const options = [`SFUNC = ${fn(a.sfunc)}`, `STYPE = ${renderType(a.stype)}`];
    if (a.sspace !== 0) options.push(`SSPACE = ${a.sspace}`);
    if (a.finalfunc !== null) options.push(`FINALFUNC = ${fn(a.finalfunc)}`);
    if (a.finalfuncExtra) options.push('FINALFUNC_EXTRA');
    if (a.finalfuncModify !== defaultModify) options.push(`FINALFUNC_MODIFY = ${MODIFY[a.finalfuncModify]}`);
    if (a.combinefunc !== null) options.push(`COMBINEFUNC = ${fn(a.combinefunc)}`);
    if (a.serialfunc !== null) options.push(`SERIALFUNC = ${fn(a.serialfunc)}`);
    if (a.deserialfunc !== null) options.push(`DESERIALFUNC = ${fn(a.deserialfunc)}`);
    if (a.initcond !== null) options.push(`INITCOND = ${quoteLiteral(a.initcond)}`);
    if (a.msfunc !== null) options.push(`MSFUNC = ${fn(a.msfunc)}`);
    if (a.minvfunc !== null) options.push(`MINVFUNC = ${fn(a.minvfunc)}`);
    if (a.mstype !== null) options.push(`MSTYPE = ${renderType(a.mstype)}`);
    if (a.msspace !== 0) options.push(`MSSPACE = ${a.msspace}`);
    if (a.mfinalfunc !== null) options.push(`MFINALFUNC = ${fn(a.mfinalfunc)}`);
    if (a.mfinalfuncExtra) options.push('MFINALFUNC_EXTRA');
    if (a.mfinalfuncModify !== defaultModify) options.push(`MFINALFUNC_MODIFY = ${MODIFY[a.mfinalfuncModify]}`);
    if (a.minitcond !== null) options.push(`MINITCOND = ${quoteLiteral(a.minitcond)}`);
    if (a.sortop !== null) options.push(`SORTOP = ${quoteOperator(a.sortop.schema, a.sortop.name)}`);
    if (a.parallel !== 'unsafe') options.push(`PARALLEL = ${a.parallel.toUpperCase()}`);
    if (a.aggKind === 'hypothetical') options.push('HYPOTHETICAL');
    // The signature is server-printed (pg_get_function_arguments), `ORDER BY` of an ordered-set aggregate included.
    const head = `CREATE ${replace ? 'OR REPLACE ' : ''}AGGREGATE ${quoteQualified(a.schema, a.name)}${aggregateArgs(a.signature)}`;
    return `${head} (\n    ${options.join(',\n    ')}\n)`;
  },
  // args are the server-printed identity arguments, which tell overloads apart.
  'drop-aggregate': (op) => `DROP AGGREGATE ${quoteQualified(op.aggregate.schema, op.aggregate.name)}${aggregateArgs(op.args)}`,
};
