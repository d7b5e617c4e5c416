import { describe, expect, it } from 'vitest';
import { buildModel, type Table } from '../../src/model/index.js';
import { carryHints } from '../../src/verify/normalize.js';

const column = { name: 'n', type: 'integer', notNull: false, notNullName: null, default: null, identity: null, generated: null, collation: null, comment: null };

describe('carryHints', () => {
  it('keeps the mark of a model read from a server without NOT NULL names (before PostgreSQL 18)', () => {
    const declared = buildModel([{ kind: 'table', schema: 'public', name: 't', columns: [{ ...column, strategy: 'direct' }] } as unknown as Table]);
    const read = { ...buildModel([{ kind: 'table', schema: 'public', name: 't', columns: [column] } as unknown as Table]), notNullNames: false as const };
    const carried = carryHints(declared, read);
    expect(carried.notNullNames).toBe(false);
    expect(carried.table.get('table:public.t')?.columns[0]).toMatchObject({ strategy: 'direct' });
  });
});
