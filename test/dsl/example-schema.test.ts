import { describe, expect, it, vi } from 'vitest';
import { scratchPglite } from '../../src/db/pglite.js';
import { compile } from '../../src/dsl/index.js';
import { modelExtensions, normalizeModel } from '../../src/verify/normalize.js';

// The example schema imports the package by name, as users do; tests run it against the sources.
vi.mock('pgtide', () => import('../../src/dsl/index.js'));

describe('the example schema in schema/', () => {
  it('compiles to the expected set of objects', async () => {
    const exports = await import('../../schema/index.js');
    const { model } = compile([{ file: 'schema/index.ts', exports }]);
    expect([...model.table.keys()]).toEqual([
      'table:audit.events',
      'table:public.accounts',
      'table:public.comments',
      'table:public.post_tags',
      'table:public.posts',
      'table:public.tags',
      'table:public.users',
    ]);
    expect([...model.enum.keys()]).toEqual(['enum:public.account_plan', 'enum:public.post_status', 'enum:public.user_role']);
    expect(model.schema.get('schema:audit')).toEqual({ kind: 'schema', name: 'audit', comment: 'Append-only history of what users did.' });
    expect(model.constraint.get('constraint:public.comments.comments_parent_id_fkey')).toMatchObject({
      type: 'foreign-key',
      references: { schema: 'public', table: 'comments', columns: ['id'] },
      onDelete: 'cascade',
    });
    expect(model.index.get('index:public.users_email_live_key')).toMatchObject({
      unique: true,
      keys: [{ column: null, expression: 'lower(email)' }],
      where: 'deleted_at IS NULL',
    });
    expect(model.constraint.get('constraint:public.post_tags.post_tags_pkey')).toMatchObject({ columns: ['post_id', 'tag_id'] });
    expect(model.index.get('index:audit.events_occurred_at_idx')).toMatchObject({ method: 'brin' });
  });

  it('is also found when every module is given, each object once', async () => {
    const loaded: [string, Record<string, unknown>][] = [
      ['enums', await import('../../schema/enums.js')],
      ['accounts', await import('../../schema/accounts.js')],
      ['posts', await import('../../schema/posts.js')],
      ['audit', await import('../../schema/audit.js')],
      ['index', await import('../../schema/index.js')],
    ];
    const modules = loaded.map(([name, exports]) => ({ file: `schema/${name}.ts`, exports }));
    expect(compile(modules).model.table.size).toBe(7);
  });

  it('is accepted by PostgreSQL and keeps every constraint and index name', async () => {
    const exports = await import('../../schema/index.js');
    const declared = compile([{ file: 'schema/index.ts', exports }]).model;
    const db = await scratchPglite({ extensions: modelExtensions(declared) });
    try {
      const normalized = await normalizeModel(declared, db);
      expect([...normalized.table.keys()]).toEqual([...declared.table.keys()]);
      expect([...normalized.constraint.keys()]).toEqual([...declared.constraint.keys()]);
      expect([...normalized.index.keys()]).toEqual([...declared.index.keys()]);
    } finally {
      await db.close();
    }
  });

  it('has a config that passes validation', async () => {
    const config = (await import('../../schema.config.js')).default;
    expect(config.schema).toEqual(['./schema/index.ts']);
    expect(config.migrations).toBe('./generated/migrations');
  });
});
