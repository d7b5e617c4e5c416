import { describe, expect, it } from 'vitest';
import type { Index } from '../../src/model/types.js';
import { colKey, ENGINES, exprKey, introspectSql } from './helpers.js';

function idx(table: string, name: string, over: Partial<Index>): Index {
  return {
    kind: 'index',
    schema: 'app',
    table,
    name,
    unique: false,
    nullsNotDistinct: false,
    method: 'btree',
    keys: [],
    include: [],
    where: null,
    with: [],
    comment: null,
    ...over,
  };
}

describe.each(ENGINES)('indexes on $name', (engine) => {
  it.skipIf(engine.skip)('reads keys, ordering, opclasses, collations, predicates and storage options', async () => {
    const m = await introspectSql(
      engine,
      `CREATE SCHEMA app;
       CREATE TABLE app.docs (
         id int PRIMARY KEY,
         "Title" text,
         slug varchar(100) UNIQUE,
         body jsonb,
         tags text[],
         created timestamptz,
         lang text COLLATE "C"
       );
       CREATE INDEX docs_created_desc ON app.docs (created DESC NULLS LAST, id);
       CREATE INDEX docs_created_nf ON app.docs (created NULLS FIRST);
       CREATE INDEX "Docs Lower Title" ON app.docs (lower("Title"), (id + 1) DESC);
       CREATE INDEX docs_title_pattern ON app.docs ("Title" text_pattern_ops) WHERE "Title" IS NOT NULL;
       CREATE INDEX docs_body ON app.docs USING gin (body jsonb_path_ops);
       CREATE INDEX docs_tags ON app.docs USING gin (tags);
       CREATE INDEX docs_slug_hash ON app.docs USING hash (slug);
       CREATE UNIQUE INDEX docs_slug_lang ON app.docs (slug) INCLUDE (lang, id) WITH (fillfactor = 70, deduplicate_items = off);
       CREATE UNIQUE INDEX docs_nnd ON app.docs (lang) NULLS NOT DISTINCT;
       CREATE INDEX docs_lang_posix ON app.docs (lang COLLATE "POSIX");
       COMMENT ON INDEX app.docs_body IS 'containment';`,
    );
    expect([...m.index.values()]).toEqual([
      idx('docs', 'Docs Lower Title', {
        keys: [exprKey('lower("Title")'), exprKey('(id + 1)', { descending: true, nullsFirst: true })],
      }),
      idx('docs', 'docs_body', {
        method: 'gin',
        keys: [colKey('body', { opclass: 'jsonb_path_ops' })],
        comment: 'containment',
      }),
      idx('docs', 'docs_created_desc', {
        keys: [colKey('created', { descending: true, nullsFirst: false }), colKey('id')],
      }),
      idx('docs', 'docs_created_nf', { keys: [colKey('created', { nullsFirst: true })] }),
      idx('docs', 'docs_lang_posix', { keys: [colKey('lang', { collation: 'POSIX' })] }),
      idx('docs', 'docs_nnd', { unique: true, nullsNotDistinct: true, keys: [colKey('lang')] }),
      idx('docs', 'docs_slug_hash', { method: 'hash', keys: [colKey('slug')] }),
      idx('docs', 'docs_slug_lang', {
        unique: true,
        keys: [colKey('slug')],
        include: ['lang', 'id'],
        with: ['deduplicate_items=off', 'fillfactor=70'],
      }),
      idx('docs', 'docs_tags', { method: 'gin', keys: [colKey('tags')] }),
      idx('docs', 'docs_title_pattern', {
        keys: [colKey('Title', { opclass: 'text_pattern_ops' })],
        where: '("Title" IS NOT NULL)',
      }),
    ]);
  });

  it.skipIf(engine.skip)('qualifies operator classes from extensions and excludes constraint indexes', async () => {
    const m = await introspectSql(
      engine,
      `CREATE SCHEMA app;
       CREATE EXTENSION pg_trgm SCHEMA public;
       CREATE TABLE app.words (w text CONSTRAINT words_pk PRIMARY KEY, u text CONSTRAINT words_u UNIQUE);
       CREATE INDEX words_trgm ON app.words USING gin (w public.gin_trgm_ops);`,
      { extensions: ['pg_trgm'] },
    );
    expect([...m.index.values()]).toEqual([
      idx('words', 'words_trgm', { method: 'gin', keys: [colKey('w', { opclass: 'public.gin_trgm_ops' })] }),
    ]);
  });
});
