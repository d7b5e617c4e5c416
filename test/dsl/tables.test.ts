import { describe, expect, it } from 'vitest';
import {
  bigint, check, extension, foreignKey, index, integer, key, primaryKey, schema, sequence, sql, table, text,
  timestamptz, unique, uniqueIndex, varchar, enumType,
} from '../../src/dsl/index.js';
import { compileObjects, thrown } from './helpers.js';

const noDefer = { deferrable: false, initiallyDeferred: false, comment: null };

describe('tables and constraints', () => {
  const accounts = table('accounts', {
    id: bigint().identity().primaryKey(),
    slug: varchar(30).notNull().unique(),
    score: integer().check(sql`score >= 0`),
  }).comment('customers').renamedFrom('orgs');
  const members = table(
    'members',
    {
      account_id: bigint().notNull().references(() => accounts.id, { onDelete: 'cascade', onUpdate: 'restrict' }),
      user_name: text().notNull(),
      nick: text(),
    },
    (t) => [
      primaryKey(t.account_id, t.user_name),
      unique(t.account_id, t.nick).nullsNotDistinct(),
      check('members_nick_short', sql`length(nick) < 20`),
      foreignKey({ columns: [t.account_id], references: () => [accounts.id], match: 'full', deferrable: true, initiallyDeferred: true, name: 'members_account_fk' }),
    ],
  );
  const model = compileObjects({ accounts, members });

  it('table rows carry comment and rename hint', () => {
    expect(model.table.get('table:public.accounts')).toMatchObject({ kind: 'table', schema: 'public', name: 'accounts', comment: 'customers', renamedFrom: 'orgs' });
  });

  it('column-level constraints get PostgreSQL names', () => {
    expect(model.constraint.get('constraint:public.accounts.accounts_pkey')).toEqual({
      kind: 'constraint', schema: 'public', table: 'accounts', name: 'accounts_pkey', type: 'primary-key', columns: ['id'], ...noDefer,
    });
    expect(model.constraint.get('constraint:public.accounts.accounts_slug_key')).toEqual({
      kind: 'constraint', schema: 'public', table: 'accounts', name: 'accounts_slug_key', type: 'unique', columns: ['slug'], nullsNotDistinct: false, ...noDefer,
    });
    expect(model.constraint.get('constraint:public.accounts.accounts_score_check')).toEqual({
      kind: 'constraint', schema: 'public', table: 'accounts', name: 'accounts_score_check', type: 'check', expression: 'score >= 0', noInherit: false, ...noDefer,
    });
    expect(model.constraint.get('constraint:public.members.members_account_id_fkey')).toEqual({
      kind: 'constraint', schema: 'public', table: 'members', name: 'members_account_id_fkey', type: 'foreign-key',
      columns: ['account_id'], references: { schema: 'public', table: 'accounts', columns: ['id'] },
      onDelete: 'cascade', onUpdate: 'restrict', match: 'simple', ...noDefer,
    });
  });

  it('table-level constraints', () => {
    expect(model.constraint.get('constraint:public.members.members_pkey')).toMatchObject({ type: 'primary-key', columns: ['account_id', 'user_name'] });
    expect(model.constraint.get('constraint:public.members.members_account_id_nick_key')).toMatchObject({ type: 'unique', columns: ['account_id', 'nick'], nullsNotDistinct: true });
    expect(model.constraint.get('constraint:public.members.members_nick_short')).toMatchObject({ type: 'check', expression: 'length(nick) < 20' });
    expect(model.constraint.get('constraint:public.members.members_account_fk')).toMatchObject({
      type: 'foreign-key', match: 'full', deferrable: true, initiallyDeferred: true, onDelete: 'no action',
    });
    expect(model.constraint.size).toBe(8);
  });

  it('primary key columns are NOT NULL', () => {
    expect(model.table.get('table:public.accounts')?.columns[0]?.notNull).toBe(true);
  });

  it('deferrable and named constraints on table level', () => {
    const t = table('t', { a: integer(), b: integer() }, (c) => [unique(c.a).deferrable({ initiallyDeferred: true }).named('t_a_uq').comment('one a')]);
    expect(compileObjects({ t }).constraint.get('constraint:public.t.t_a_uq')).toMatchObject({ deferrable: true, initiallyDeferred: true, comment: 'one a' });
  });
});

describe('indexes', () => {
  const posts = table(
    'posts',
    { id: bigint().primaryKey(), author: bigint(), title: text(), created_at: timestamptz(), body: text() },
    (t) => [
      index().on(t.author, t.created_at.desc()),
      index().on(sql`lower(title)`).unique().where(sql`body IS NOT NULL`),
      index('posts_title_pattern').on(t.title.opclass('text_pattern_ops').nullsFirst()).using('btree').include(t.body).with({ fillfactor: 70, deduplicate_items: false }),
      index().on(key(sql`(author + 1)`).desc().nullsLast(), t.title.collate('C')).renamedFrom('old_idx').comment('c'),
      uniqueIndex().on(t.author, t.author).nullsNotDistinct(),
      index().on(t.body).using('gin'),
    ],
  );
  const model = compileObjects({ posts });

  it('column and descending keys', () => {
    expect(model.index.get('index:public.posts_author_created_at_idx')).toEqual({
      kind: 'index', schema: 'public', table: 'posts', name: 'posts_author_created_at_idx', unique: false, nullsNotDistinct: false,
      method: 'btree', include: [], where: null, with: [], comment: null,
      keys: [
        { column: 'author', expression: null, opclass: null, collation: null, descending: false, nullsFirst: false },
        { column: 'created_at', expression: null, opclass: null, collation: null, descending: true, nullsFirst: true },
      ],
    });
  });

  it('expression keys are named after the function, partial unique index', () => {
    expect(model.index.get('index:public.posts_lower_idx')).toMatchObject({
      unique: true, where: 'body IS NOT NULL', keys: [{ column: null, expression: 'lower(title)', descending: false, nullsFirst: false }],
    });
  });

  it('opclass, include, storage parameters sorted', () => {
    expect(model.index.get('index:public.posts_title_pattern')).toMatchObject({
      keys: [{ column: 'title', opclass: 'text_pattern_ops', nullsFirst: true }],
      include: ['body'],
      with: ['deduplicate_items=false', 'fillfactor=70'],
    });
  });

  it('operator expressions are named expr; collation per key; hints', () => {
    expect(model.index.get('index:public.posts_expr_title_idx')).toMatchObject({
      renamedFrom: 'old_idx', comment: 'c',
      keys: [
        { column: null, expression: '(author + 1)', descending: true, nullsFirst: false },
        { column: 'title', collation: 'C' },
      ],
    });
  });

  it('repeated key columns get numbered the way the server does; method is kept', () => {
    expect(model.index.get('index:public.posts_author_author1_idx')).toMatchObject({ unique: true, nullsNotDistinct: true });
    expect(model.index.get('index:public.posts_body_idx')).toMatchObject({ method: 'gin' });
  });
});

describe('schemas, enums, sequences, extensions', () => {
  it('schema() namespaces tables, enums and sequences and becomes a schema object', () => {
    const app = schema('app').comment('the app');
    const color = app.enumType('color', ['red', 'green']).renamedFrom('colour').comment('colors');
    const items = app.table('items', { id: integer().primaryKey(), color: color() });
    const seq = app.sequence('ticket_no', { as: 'bigint', start: 1000, cache: 10, ownedBy: () => items.id });
    const model = compileObjects({ app, items, seq });
    expect(model.schema.get('schema:app')).toEqual({ kind: 'schema', name: 'app', comment: 'the app' });
    expect(model.enum.get('enum:app.color')).toEqual({ kind: 'enum', schema: 'app', name: 'color', values: ['red', 'green'], comment: 'colors', renamedFrom: 'colour' });
    expect(model.table.get('table:app.items')?.columns[1]?.type).toBe('app.color');
    expect(model.constraint.get('constraint:app.items.items_pkey')).toMatchObject({ schema: 'app' });
    expect(model.sequence.get('sequence:app.ticket_no')).toEqual({
      kind: 'sequence', schema: 'app', name: 'ticket_no', options: { dataType: 'bigint', start: '1000', cache: '10' },
      ownedBy: { table: 'items', column: 'id' }, comment: null,
    });
  });

  it('schemas used only by objects are created without a comment; public is not listed', () => {
    const t = schema('other').table('t', { a: integer() });
    const u = table('u', { a: integer() });
    const model = compileObjects({ t, u });
    expect([...model.schema.values()]).toEqual([{ kind: 'schema', name: 'other', comment: null }]);
  });

  it('extensions and standalone sequences', () => {
    const model = compileObjects({
      crypto: extension('pgcrypto'),
      ltree: extension('ltree', { schema: 'ext', version: '1.2' }),
      counter: sequence('counter', { increment: 5, cycle: true, comment: 'c' }),
    });
    expect(model.extension.get('extension:pgcrypto')).toEqual({ kind: 'extension', name: 'pgcrypto', schema: 'public', version: null });
    expect(model.extension.get('extension:ltree')).toEqual({ kind: 'extension', name: 'ltree', schema: 'ext', version: '1.2' });
    expect(model.sequence.get('sequence:public.counter')).toEqual({
      kind: 'sequence', schema: 'public', name: 'counter', options: { increment: '5', cycle: true }, ownedBy: null, comment: 'c',
    });
  });

  it('ignores non-DSL exports and takes re-exported objects once', () => {
    const mood = enumType('mood', ['a']);
    const t = table('t', { m: mood() });
    const model = compileObjects({ t, alias: t, mood, helper: () => 1, n: 3 });
    expect(model.table.size).toBe(1);
    expect(model.enum.size).toBe(1);
  });
});

describe('clustered indexes', () => {
  it('an index marked .clustered() is its table\'s CLUSTER ON index, by its generated name', () => {
    const events = table('events', { id: integer().primaryKey(), at: timestamptz() }, (t) => [index().on(t.at).clustered()]);
    const model = compileObjects({ events });
    expect(model.table.get('table:public.events')?.clusterOn).toBe('events_at_idx');
    const plain = compileObjects({ plain: table('plain', { at: timestamptz() }, (t) => [index().on(t.at)]) });
    expect(plain.table.get('table:public.plain')).not.toHaveProperty('clusterOn');
  });

  it('refuses two clustered indexes on one table, naming both', () => {
    const events = table('events', { at: timestamptz(), kind: text() }, (t) => [
      index('events_at').on(t.at).clustered(),
      index('events_kind').on(t.kind).clustered(),
    ]);
    const err = thrown(() => compileObjects({ events }));
    expect(err.message).toMatch(/marks two indexes \.clustered\(\) \(events_at and events_kind\)/);
  });
});
