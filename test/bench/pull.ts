/**
 * `npx tsx test/bench/pull.ts [--sizes 100,500] [--runs 3]`: how long `pull` takes on a database of
 * N generated tables on the local PostgreSQL server (PGTIDE_TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres), split into introspection and source generation, and
 * the whole `pgtide pull` command (built dist/, spawned). Prints a table; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pullSource } from '../../src/codegen/pull.js';
import { connectPostgres } from '../../src/db/postgres.js';
import { introspect } from '../../src/introspect/index.js';
import { generateSpec, specSql } from './generate.js';
import { median } from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BASE = process.env.PGTIDE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function measure(tables: number, runs: number): Promise<string> {
  const name = `pgtide_bench_pull_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  const out = await mkdtemp(path.join(tmpdir(), 'pgtide-bench-pull-'));
  try {
    const db = await connectPostgres(url.toString());
    await db.exec(specSql(generateSpec(tables)));
    const introspectMs: number[] = [];
    const generateMs: number[] = [];
    let files = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const model = await introspect(db);
      const t1 = performance.now();
      const source = pullSource(model);
      const t2 = performance.now();
      introspectMs.push(t1 - t0);
      generateMs.push(t2 - t1);
      files = source.files.size;
      bytes = [...source.files.values()].reduce((n, s) => n + s.length, 0);
    }
    await db.close();
    const commandMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      execFileSync('node', [path.join(ROOT, 'bin/pgtide.js'), 'pull', '--database', url.toString(), '--out', path.join(out, 'schema'), '--force'], { cwd: out, stdio: 'pipe' });
      commandMs.push(performance.now() - t0);
    }
    const f = (xs: number[]) => `${Math.round(median(xs))} ms`;
    return `| ${tables} | ${f(introspectMs)} | ${f(generateMs)} | ${f(commandMs)} | ${files} files, ${Math.round(bytes / 1024)} KiB |`;
  } finally {
    await rm(out, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const sizes = arg('--sizes', '100,500').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
console.log('| tables | introspect | generate source | `pgtide pull` (whole command) | output |');
console.log('|---|---|---|---|---|');
for (const n of sizes) console.log(await measure(n, runs));
