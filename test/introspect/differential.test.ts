import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
// The package root only has a CommonJS default export, which ESM loaders unwrap differently;
// main.js exports the function by name.
import { pgStructure } from 'pg-structure/dist/main.js';
import { describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/db/postgres.js';
import { introspect } from '../../src/introspect/index.js';
import type { Model } from '../../src/model/types.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';

/**
 * Differential test against pg-structure, an independent reader of the same catalogs: on the fields
 * both cover, the two must agree. pg-structure connects with an empty search_path so that the
 * expressions it prints are qualified the same way ours are.
 */

interface Summary {
  tables: Record<string, { columns: [name: string, notNull: boolean, defaultOrGenerated: string | null][] }>;
  primaryKeys: Record<string, string[]>;
  foreignKeys: Record<string, { columns: string[]; references: string; referencedColumns: string[] }>;
  uniques: Record<string, string[]>;
  /** Every index on a table, constraint-backing ones included (pg-structure does not separate them). */
  indexes: string[];
}

function summarizeOurs(m: Model): Summary {
  const s: Summary = { tables: {}, primaryKeys: {}, foreignKeys: {}, uniques: {}, indexes: [] };
  for (const t of m.table.values()) {
    s.tables[`${t.schema}.${t.name}`] = {
      columns: t.columns.map((c) => [c.name, c.notNull, c.default?.kind === 'sql' ? c.default.text : c.generated]),
    };
  }
  for (const c of m.constraint.values()) {
    const key = `${c.schema}.${c.table}.${c.name}`;
    if (c.type === 'primary-key') s.primaryKeys[`${c.schema}.${c.table}`] = [...c.columns];
    if (c.type === 'unique') s.uniques[key] = [...c.columns];
    if (c.type === 'foreign-key') {
      const references = `${c.references.schema}.${c.references.table}`;
      s.foreignKeys[key] = { columns: [...c.columns], references, referencedColumns: [...c.references.columns] };
    }
    if (c.type === 'primary-key' || c.type === 'unique') s.indexes.push(`${c.schema}.${c.name}`);
  }
  for (const i of m.index.values()) s.indexes.push(`${i.schema}.${i.name}`);
  s.indexes.sort();
  return s;
}

/**
 * Our own client, closed (awaited) before the test drops its database: pg-structure ends the
 * connection it opens without waiting, and DROP DATABASE … WITH (FORCE) could then terminate it
 * with no error listener attached, an uncaught error in the run.
 */
async function readPgStructure(url: string): Promise<Awaited<ReturnType<typeof pgStructure>>> {
  const client = new pg.Client({ connectionString: url, options: '-c search_path=' });
  client.on('error', () => {});
  await client.connect();
  try {
    return await pgStructure(client);
  } finally {
    await client.end();
  }
}

async function summarizePgStructure(url: string): Promise<Summary> {
  const db = await readPgStructure(url);
  const s: Summary = { tables: {}, primaryKeys: {}, foreignKeys: {}, uniques: {}, indexes: [] };
  for (const t of db.tables) {
    const table = `${t.schema.name}.${t.name}`;
    const columns = t.columns.map((c): [string, boolean, string | null] => [
      c.name,
      c.notNull,
      c.defaultWithTypeCast ?? null,
    ]);
    s.tables[table] = { columns: [...columns] };
    if (t.primaryKey) s.primaryKeys[table] = t.primaryKey.columns.map((c) => c.name);
    for (const u of t.uniqueConstraints) s.uniques[`${table}.${u.name}`] = u.columns.map((c) => c.name);
    for (const fk of t.foreignKeys) {
      s.foreignKeys[`${table}.${fk.name}`] = {
        columns: fk.columns.map((c) => c.name),
        references: `${fk.referencedTable.schema.name}.${fk.referencedTable.name}`,
        referencedColumns: fk.referencedColumns.map((c) => c.name),
      };
    }
    for (const i of t.indexes) s.indexes.push(`${t.schema.name}.${i.name}`);
  }
  s.indexes.sort();
  return s;
}

async function compareOn(sql: string): Promise<Summary> {
  return withTestDatabase(async (t) => {
    const db = await connectPostgres(t.url);
    try {
      await db.exec(sql);
      const ours = summarizeOurs(await introspect(db));
      const theirs = await summarizePgStructure(t.url);
      expect(ours).toEqual(theirs);
      return ours;
    } finally {
      await db.close();
    }
  }, 'pgtide_differential');
}

const REALISTIC_SCHEMA = `
CREATE SCHEMA app;
CREATE TYPE app.task_state AS ENUM ('todo', 'doing', 'done');
CREATE TABLE app.organizations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug varchar(64) NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE app.users (
  id serial PRIMARY KEY,
  email text NOT NULL,
  display_name text COLLATE "C",
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
  CONSTRAINT users_email_key UNIQUE (email)
);
CREATE TABLE app.memberships (
  org_id bigint NOT NULL REFERENCES app.organizations ON DELETE CASCADE,
  user_id int NOT NULL REFERENCES app.users ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
  PRIMARY KEY (org_id, user_id)
);
CREATE TABLE app.projects (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL,
  name text NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  CONSTRAINT projects_org_fk FOREIGN KEY (org_id) REFERENCES app.organizations (id),
  CONSTRAINT projects_org_name_key UNIQUE (org_id, name)
);
CREATE TABLE app.tasks (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES app.projects,
  parent_id bigint REFERENCES app.tasks ON DELETE SET NULL,
  assignee_org bigint,
  assignee_user int,
  state app.task_state NOT NULL DEFAULT 'todo',
  title text NOT NULL,
  due date,
  estimate numeric(6,2) DEFAULT 1.5,
  FOREIGN KEY (assignee_org, assignee_user) REFERENCES app.memberships (org_id, user_id) DEFERRABLE
);
CREATE INDEX tasks_project_state ON app.tasks (project_id, state) WHERE state <> 'done';
CREATE INDEX tasks_due_desc ON app.tasks (due DESC NULLS LAST);
CREATE INDEX tasks_title_lower ON app.tasks (lower(title) text_pattern_ops);
CREATE TABLE app.comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES app.tasks ON DELETE CASCADE,
  author_id int REFERENCES app.users ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX comments_task ON app.comments (task_id) INCLUDE (created_at);
CREATE TABLE app.tags (
  id smallserial PRIMARY KEY,
  label text UNIQUE
);
CREATE TABLE app.task_tags (
  task_id bigint REFERENCES app.tasks ON DELETE CASCADE,
  tag_id smallint REFERENCES app.tags,
  PRIMARY KEY (task_id, tag_id)
);
CREATE TABLE public.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor int REFERENCES app.users,
  payload jsonb,
  tags text[] DEFAULT ARRAY[]::text[]
);
CREATE INDEX audit_log_payload ON public.audit_log USING gin (payload jsonb_path_ops);
CREATE UNIQUE INDEX audit_log_id ON public.audit_log (id);
`;

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../shared/corpus/pg-schema-diff');
const CORPUS_CASES = [
  'foreign_key_constraint__002__add-fk',
  'foreign_key_constraint__013__add-and-drop-fk-conflicting-schemas',
  'index__002__add-a-normal-index',
  'index__018__delete-a-normal-index-with-quoted-names',
  'index__022__add-and-delete-a-normal-index-conflicting-schemas',
];

describe.skipIf(skipWithoutServer())('introspection agrees with pg-structure', () => {
  it('on a realistic schema of nine tables', async () => {
    const s = await compareOn(REALISTIC_SCHEMA);
    // Guard against a vacuous agreement: the schema really was read.
    expect(Object.keys(s.tables)).toHaveLength(9);
    expect(Object.keys(s.foreignKeys)).toHaveLength(11);
    expect(s.indexes).toContain('app.tasks_title_lower');
  });

  it.each(CORPUS_CASES)('on corpus case %s', async (name) => {
    const sql = await readFile(path.join(CORPUS, name, 'after.sql'), 'utf8');
    const s = await compareOn(sql);
    expect(Object.keys(s.tables).length).toBeGreaterThan(0);
  });
});
