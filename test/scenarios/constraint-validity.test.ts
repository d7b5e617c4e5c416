import { check, foreignKey, integer, sql, table } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

function parents() {
  return table('parents', { id: integer().primaryKey() });
}

// Rows that break both constraints exist while they are NOT VALID: adding them must not scan.
const scenarios: Scenario[] = [
  {
    name: 'check and foreign key NOT VALID over violating rows, then validated in place, then NOT VALID again',
    versions: [
      {
        schema: () => ({ p: parents(), c: table('children', { id: integer().primaryKey(), parent_id: integer(), qty: integer() }) }),
        rows: `INSERT INTO parents VALUES (1); INSERT INTO children VALUES (1, 1, 5), (2, 99, -1)`,
      },
      {
        schema: () => {
          const p = parents();
          return {
            p,
            c: table('children', { id: integer().primaryKey(), parent_id: integer(), qty: integer() }, (t) => [
              check('qty_positive', sql`qty > 0`).noInherit().notValid(),
              foreignKey({ columns: [t.parent_id], references: () => [p.id], name: 'children_parent_fk' }).notValid(),
            ]),
          };
        },
        sqlHas: [/CHECK \(\(qty > 0\)\) NO INHERIT NOT VALID/, /children_parent_fk FOREIGN KEY .* NOT VALID/],
        sqlLacks: [/VALIDATE CONSTRAINT/],
        rows: `DELETE FROM children WHERE id = 2`,
      },
      {
        schema: () => {
          const p = parents();
          return {
            p,
            c: table('children', { id: integer().primaryKey(), parent_id: integer(), qty: integer() }, (t) => [
              check('qty_positive', sql`qty > 0`).noInherit(),
              foreignKey({ columns: [t.parent_id], references: () => [p.id], name: 'children_parent_fk' }),
            ]),
          };
        },
        sqlHas: [/VALIDATE CONSTRAINT qty_positive/, /VALIDATE CONSTRAINT children_parent_fk/],
        sqlLacks: [/DROP CONSTRAINT/, /ADD CONSTRAINT/],
      },
      {
        schema: () => {
          const p = parents();
          return {
            p,
            c: table('children', { id: integer().primaryKey(), parent_id: integer(), qty: integer() }, (t) => [
              check('qty_positive', sql`qty > 0`).noInherit().notValid(),
              foreignKey({ columns: [t.parent_id], references: () => [p.id], name: 'children_parent_fk' }),
            ]),
          };
        },
        sqlHas: [/DROP CONSTRAINT qty_positive/, /CHECK \(\(qty > 0\)\) NO INHERIT NOT VALID/],
        sqlLacks: [/VALIDATE CONSTRAINT/],
      },
    ],
  },
  {
    name: 'NOT VALID check on a new table',
    versions: [
      { schema: () => ({ s: table('seed', { id: integer() }) }) },
      {
        schema: () => ({
          s: table('seed', { id: integer() }),
          t: table('fresh', { id: integer().primaryKey(), n: integer() }, () => [check('n_small', sql`n < 10`).notValid()]),
        }),
        sqlHas: [/CHECK \(\(n < 10\)\) NOT VALID/],
        sqlLacks: [/VALIDATE CONSTRAINT/],
      },
    ],
  },
];

runScenarios('constraint validity', scenarios);
