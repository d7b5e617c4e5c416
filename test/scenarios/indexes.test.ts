import { customType, index, integer, jsonb, key, sql, table, text, timestamptz, uniqueIndex } from '../../src/dsl/index.js';
import { runScenarios, type Scenario } from './harness.js';

const cols = () => ({
  id: integer().primaryKey(),
  email: text(),
  body: text(),
  tags: text().array(),
  doc: jsonb(),
  at: timestamptz(),
  pos: customType('point'),
  n: integer(),
});

const scenarios: Scenario[] = [
  {
    name: 'unique, partial and expression indexes on a populated table',
    versions: [
      { schema: () => ({ t: table('docs', cols()) }), rows: `INSERT INTO docs (id, email, n) VALUES (1, 'A@x', 1), (2, 'b@x', NULL)` },
      {
        schema: () => ({
          t: table('docs', cols(), (t) => [
            uniqueIndex('docs_email_lower_key').on(sql`lower(email)`),
            index('docs_n_partial_idx').on(t.n).where(sql`n IS NOT NULL AND n > 0`),
            index('docs_expr_idx').on(key(sql`(n + 1)`).desc(), t.email),
          ]),
        }),
      },
      {
        schema: () => ({
          t: table('docs', cols(), (t) => [
            uniqueIndex('docs_email_lower_key').on(sql`lower(email)`).where(sql`email IS NOT NULL`),
            index('docs_n_partial_idx').on(t.n).where(sql`n > 1`),
          ]),
        }),
      },
    ],
  },
  {
    name: 'every access method: btree, hash, gin, gist, brin',
    versions: [
      { schema: () => ({ t: table('docs', cols()) }), rows: `INSERT INTO docs (id, email, tags, doc, at, pos) VALUES (1, 'a', '{x}', '{"k":1}', now(), point(1,2))` },
      {
        schema: () => ({
          t: table('docs', cols(), (t) => [
            index('docs_btree_idx').on(t.email).using('btree'),
            index('docs_hash_idx').on(t.email).using('hash'),
            index('docs_gin_tags_idx').on(t.tags).using('gin'),
            index('docs_gin_doc_idx').on(t.doc.opclass('jsonb_path_ops')).using('gin'),
            index('docs_gin_fts_idx').on(sql`to_tsvector('simple', body)`).using('gin'),
            index('docs_gist_idx').on(t.pos).using('gist'),
            index('docs_brin_idx').on(t.at).using('brin').with({ pages_per_range: 32 }),
          ]),
        }),
      },
      {
        schema: () => ({
          t: table('docs', cols(), (t) => [
            index('docs_btree_idx').on(t.email).using('hash'),
            index('docs_gin_doc_idx').on(t.doc).using('gin'),
            index('docs_brin_idx').on(t.at).using('brin'),
          ]),
        }),
      },
    ],
  },
  {
    name: 'INCLUDE, opclass, DESC and NULLS FIRST/LAST, fillfactor',
    versions: [
      { schema: () => ({ t: table('docs', cols()) }) },
      {
        schema: () => ({
          t: table('docs', cols(), (t) => [
            index('docs_cover_idx').on(t.n).include(t.email, t.at),
            index('docs_pattern_idx').on(t.email.opclass('text_pattern_ops')),
            index('docs_order_idx').on(t.at.desc().nullsLast(), t.n.nullsFirst(), t.email.asc()),
            index('docs_ff_idx').on(t.body).with({ fillfactor: 70 }),
          ]),
        }),
      },
      {
        schema: () => ({
          t: table('docs', cols(), (t) => [
            index('docs_cover_idx').on(t.n).include(t.email),
            index('docs_pattern_idx').on(t.email.opclass('text_pattern_ops').desc()),
            index('docs_order_idx').on(t.at.desc(), t.n.nullsFirst(), t.email.asc()),
            index('docs_ff_idx').on(t.body).with({ fillfactor: 90 }),
          ]),
        }),
      },
    ],
  },
  {
    name: 'unique index with NULLS NOT DISTINCT and a default name',
    versions: [
      { schema: () => ({ t: table('docs', cols()) }) },
      { schema: () => ({ t: table('docs', cols(), (t) => [uniqueIndex().on(t.email, t.n).nullsNotDistinct(), index().on(t.at)]) }) },
    ],
  },
  {
    name: 'index renamed with a hint, then dropped',
    versions: [
      { schema: () => ({ t: table('docs', cols(), (t) => [index('docs_old_idx').on(t.email)]) }) },
      {
        schema: () => ({ t: table('docs', cols(), (t) => [index('docs_new_idx').on(t.email).renamedFrom('docs_old_idx')]) }),
        sqlHas: [/RENAME TO docs_new_idx/],
        sqlLacks: [/CREATE INDEX/],
      },
      { schema: () => ({ t: table('docs', cols()) }) },
    ],
  },
];

runScenarios('indexes', scenarios);
