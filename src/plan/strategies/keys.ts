import type { Change } from '../../diff/change.js';
import type { PrimaryKeyConstraint, UniqueConstraint } from '../../model/types.js';
import { keyIndex, needsNotNullFirst } from '../../resolve/partition-keys.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname } from '../ops.js';
import { commentIdent } from '../../sql/ident.js';

/**
 * PRIMARY KEY / UNIQUE on a table that holds rows: ADD CONSTRAINT would build the index under an
 * ACCESS EXCLUSIVE lock. Instead the unique index is built CONCURRENTLY (writes continue), then
 * adopted with ADD CONSTRAINT … USING INDEX, which only needs a brief lock. A primary key on columns
 * that are nullable now waits for contract, after the online SET NOT NULL made them NOT NULL.
 */
export function createKeyOnline(change: Change, c: PrimaryKeyConstraint | UniqueConstraint, ctx: PlanContext): Placed[] {
  const deferred = ctx.tableDeferred(c.schema, c.table);
  const late = deferred || needsNotNullFirst(c, ctx.resolved);
  const t = qname(c.schema, c.table);
  const index = keyIndex(c);
  return [
    place(deferred ? 'contract-indexes' : 'indexes', change, op('create-index', { index, concurrently: true }), {
      hazards: [hazard('non-transactional', 'low', `CREATE UNIQUE INDEX CONCURRENTLY ${commentIdent(c.name)} runs outside a transaction; fails if existing rows are not unique`)],
      lock: 'SHARE UPDATE EXCLUSIVE',
      transactional: false,
      rewrites: 'scan',
      // Adopted by the constraint when that runs in expand too: dropping the constraint drops it.
      reverse: late ? op('drop-index', { index: qname(c.schema, c.name), concurrently: true }) : null,
    }),
    place(late ? 'contract-index-constraints' : 'index-constraints', change, op('add-constraint-using-index', { constraint: c, index: c.name }), {
      reverse: op('drop-constraint', { table: t, name: c.name }),
    }),
  ];
}
