import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { writeProject } from '../apply/helpers.js';
import { cli } from '../helpers/cli-in-process.js';
import { tempDir } from '../helpers/temp-dir.js';

afterEach(() => vi.restoreAllMocks());

const SCHEMA = `CREATE SCHEMA app;
CREATE TABLE app.person (id int PRIMARY KEY, name text);
CREATE FUNCTION app.g(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1 || $2 $$;
`;

/** Made by hand next to what the migrations made: objects pgtide reads but does not model. */
const BY_HAND = `
CREATE TEXT SEARCH CONFIGURATION app.cfg (COPY = pg_catalog.simple);
CREATE CONVERSION app.my_conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE TYPE app."two
lines";
`;

const CFG = 'text search configuration app.cfg';
const CONV = 'conversion app.my_conv';
// The name's line break is shown escaped: it cannot start a line of its own.
const TYPE = 'shell type app.U&"two\\000Alines"';

describe('plan, diff, pull and drift name the objects pgtide does not manage (PGlite data folder)', () => {
  let root = '';
  let config = '';
  let database = '';
  beforeAll(async () => {
    root = await tempDir('pgtide-unmanaged-');
    config = await writeProject(root, [{ version: '20260101T000000Z', name: 'base', files: { expand: SCHEMA } }], SCHEMA);
    database = `pglite:${join(root, 'db')}`;
    const applied = await cli('apply', '--config', config, '--database', database);
    expect(applied.code, applied.err).toBe(0);
    const db = await openPglite({ dir: join(root, 'db') });
    try {
      await db.exec(BY_HAND);
    } finally {
      await db.close();
    }
  });

  const noteLines = (err: string, prefix: string): string[] => err.split('\n').filter((l) => l.startsWith(prefix));

  it('plan: one note line each on stderr, exit 0, and the plan has nothing to do', async () => {
    const r = await cli('plan', '--config', config, '--database', database);
    expect(r.code, r.err).toBe(0);
    const notes = noteLines(r.err, 'note: ');
    for (const what of [CFG, CONV, TYPE]) {
      expect(notes).toContain(`note: ${what} (in ${database}) is not managed by pgtide: it is left as it is and not compared.`);
    }
    expect(notes).toHaveLength(3);
    expect(r.err.trim().split('\n').every((l) => l.startsWith('note: '))).toBe(true);
    expect(r.out).not.toContain('CREATE');
  });

  it('diff: the notes are SQL comments, for each side the object is in', async () => {
    const r = await cli('diff', join(root, 'schema', 'app.sql'), database);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`-- note: ${CFG} (in ${database}) is not managed by pgtide: it is left as it is and not compared.\n`);
    for (const line of r.err.trim().split('\n')) expect(line).toMatch(/^-- note: /);
    expect(noteLines(r.err, '-- note: ')).toHaveLength(3);
    expect(r.out.trim()).toBe('');

    // In both sides, an object is named once, with both.
    const both = join(root, 'both.sql');
    await writeFile(both, SCHEMA + BY_HAND);
    const twice = await cli('diff', both, database);
    expect(twice.code, twice.err).toBe(0);
    expect(noteLines(twice.err, '-- note: ')).toEqual([CFG, TYPE, CONV].map((what) =>
      `-- note: ${what} (in ${both} and ${database}) is not managed by pgtide: it is left as it is and not compared.`).sort());
  });

  it('drift: no drift in what it manages, not "exactly" the migrations, and the notes', async () => {
    const r = await cli('drift', '--config', config, '--database', database);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('No drift in the objects pgtide manages');
    expect(r.out).not.toContain('is exactly what');
    expect(r.err).toContain(`note: ${CONV} (in ${database}) is not managed by pgtide: it is left as it is and not compared.`);
  });

  it('pull: the notes say what was not written', async () => {
    const r = await cli('pull', '--config', config, '--database', database, '--out', join(root, 'pulled'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`note: ${CFG} (in ${database}) is not managed by pgtide: it is not written to the schema files.`);
  });

  it('generate: an object of the schema files that no migration will create is named', async () => {
    const extra = join(root, 'schema', 'extra.sql');
    await writeFile(extra, 'CREATE TEXT SEARCH CONFIGURATION app.cfg3 (COPY = pg_catalog.simple);\n');
    try {
      const r = await cli('generate', 'nothing', '--config', config);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('No changes.');
      expect(noteLines(r.err, 'note: ')).toEqual([
        `note: text search configuration app.cfg3 (in the schema in ${config}) is not managed by pgtide: no migration creates, changes or drops it.`,
      ]);
    } finally {
      await rm(extra);
    }
  });

  it('plan: what the schema files create that pgtide does not manage is named too', async () => {
    const extra = join(root, 'schema', 'extra.sql');
    await writeFile(extra, 'CREATE TEXT SEARCH CONFIGURATION app.cfg2 (COPY = pg_catalog.simple);\n');
    try {
      const r = await cli('plan', '--config', config, '--database', database);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain(`note: text search configuration app.cfg2 (in the schema in ${config}) is not managed by pgtide: it is left as it is and not compared.`);
    } finally {
      await rm(extra);
    }
  });
});
