import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject, Routine, View } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import { renderStep } from '../../src/sql/index.js';
import { expectBefore } from '../helpers/expect-before.js';
import { col, model, pk, table } from '../diff/fixtures.js';

/** A function whose result or argument is a relation's row type: pg_depend records the relation. */
function reader(name: string, reads: string, returns: string): Routine {
  return {
    kind: 'function', schema: 'public', name, args: '', argTypes: '', procedure: false, signature: '', returns,
    definition: `CREATE OR REPLACE FUNCTION public.${name}()\n RETURNS ${returns}\n LANGUAGE plpgsql\nAS $function$ BEGIN RETURN; END $function$`,
    comment: null, dependsOn: [reads],
  };
}

const view: View = {
  kind: 'view', schema: 'public', name: 'customer_list', materialized: false,
  definition: ' SELECT customer_id FROM public.customer', with: [], comment: null, columnComments: [], dependsOn: ['table:public.customer'],
};

const objects: DbObject[] = [
  table('customer', [col('customer_id')]), pk('customer', ['customer_id']), view,
  reader('rewards_report', 'table:public.customer', 'SETOF public.customer'),
  reader('listed', 'view:public.customer_list', 'SETOF public.customer_list'),
];

function script(from: DbObject[], to: DbObject[]): string {
  const [a, b] = [model(...from), model(...to)];
  return planChanges(diff(a, b), { from: a, to: b }).steps.map(renderStep).join('\n');
}

describe('plan: functions over a relation\'s row type', () => {
  it('creates them after the table or view whose row type they read', () => {
    const sql = script([], objects);
    expectBefore(sql, 'CREATE TABLE public.customer', 'FUNCTION public.rewards_report');
    expectBefore(sql, 'CREATE VIEW public.customer_list', 'FUNCTION public.listed');
  });

  it('drops them before the table or view whose row type they read', () => {
    const sql = script(objects, []);
    expectBefore(sql, 'DROP FUNCTION public.rewards_report', 'DROP TABLE public.customer');
    expectBefore(sql, 'DROP FUNCTION public.listed', 'DROP VIEW public.customer_list');
  });

  it('still drops one that a dropped table\'s default calls after that table', () => {
    const caller = reader('next_id', 'table:public.customer', 'integer');
    const other = table('other', [col('id', 'integer', { default: { kind: 'sql', text: 'public.next_id()' } })]);
    const sql = script([...objects, caller, other], objects);
    expectBefore(sql, 'DROP TABLE public.other', 'DROP FUNCTION public.next_id');
  });
});
