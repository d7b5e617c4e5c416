import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG, pgtide, requireBuild, shown, tempProject, usersSchema, type CliResult, type TempProject } from '../cli/helpers.js';
import { MALFORMED, NOT_A_DATABASE, SECRET, secretPieces } from './malformed-sources.js';

/**
 * A database source that does not parse is never echoed: through --database on every command that
 * takes one, the <from>/<to> sources of diff, --from of plan and types, --from-database of init,
 * DATABASE_URL and the config's "database"; on stdout and stderr, also with --debug. It is a usage
 * error (exit 2) and nothing is created, not even the folder a pglite:// "URL" would have named.
 * No server is needed: every one of these runs must stop before connecting.
 */

let p: TempProject;
let empty: TempProject;
const PROJECT_FILES = { 'package.json': '{ "type": "module" }\n', 'schema.config.ts': CONFIG, 'schema/index.ts': usersSchema(), 'schema.sql': 'CREATE TABLE t (id int);\n' };

async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((e) => !e.startsWith('node_modules')).sort();
}

/** Runs at most `limit` CLI processes at a time: each loads TypeScript, and the machine is shared. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function expectRefused(r: CliResult, what: string, names?: RegExp): void {
  const all = r.stdout + r.stderr;
  for (const piece of secretPieces()) expect(all, `${what}\n${shown(r)}`).not.toContain(piece);
  expect(r.code, `${what}\n${shown(r)}`).toBe(2);
  expect(r.stderr, `${what}\n${shown(r)}`).toMatch(/^pgtide: .* is not a (database )?source/);
  expect(r.stderr, `${what}: no stack trace for a usage error`).not.toMatch(/\n\s+at /);
  if (names) expect(r.stderr, `${what}\n${shown(r)}`).toMatch(names);
}

beforeAll(async () => {
  requireBuild();
  p = await tempProject(PROJECT_FILES);
  empty = await tempProject({});
});
afterAll(async () => {
  await p?.remove();
  await empty?.remove();
});

describe('malformed database sources are refused, never echoed (CLI)', () => {
  it(`the <from> source of diff: all ${MALFORMED.length} shapes, each error naming the part; <to> for a few`, async () => {
    const jobs = [
      ...MALFORMED.map((m, i) => ({ args: ['diff', m.source, 'schema.sql', ...(i % 2 ? ['--debug'] : [])], m, origin: /^pgtide: The <from> source /, what: `<from> ${m.source}` })),
      ...MALFORMED.filter((_m, i) => i % 5 === 2).map((m) => ({ args: ['diff', 'schema.sql', m.source, '--format', 'human'], m, origin: /^pgtide: The <to> source /, what: `<to> ${m.source}` })),
    ];
    const results = await pool(jobs, 2, (j) => pgtide(j.args, { cwd: p.dir }));
    jobs.forEach((j, i) => {
      expectRefused(results[i]!, j.what, j.origin);
      expect(results[i]!.stderr, j.what).toMatch(j.m.names);
    });
    const notDb = await pool(NOT_A_DATABASE, 2, (s) => pgtide(['diff', s, 'schema.sql'], { cwd: p.dir }));
    notDb.forEach((r, i) => expectRefused(r, NOT_A_DATABASE[i]!, /^pgtide: The <from> source is not a source pgtide knows/));
  }, 300_000);

  it('every command that takes --database, with --debug; DATABASE_URL and the config\'s "database"; nothing created', async () => {
    const before = await listing(p.dir);
    const pick = (i: number): string => MALFORMED[(i * 7) % MALFORMED.length]!.source;
    const commands: string[][] = [
      ['plan'], ['plan', '--format', 'json'], ['apply'], ['apply', '--dry-run'], ['status', '--format', 'json'], ['drift'],
      ['rollback'], ['rollback', '--dry-run'], ['pull', '--out', 'pulled'], ['baseline'], ['import', 'schema', '--from', 'prisma'],
    ];
    const jobs: { args: string[]; env?: Record<string, string>; what: string }[] = [];
    commands.forEach((cmd, i) => {
      jobs.push({ args: [...cmd, '--debug', '--database', pick(i)], what: `${cmd.join(' ')} --database ${pick(i)}` });
      // import marks history only in an explicit --database, so DATABASE_URL is not its to read.
      if (i % 2 === 0 && cmd[0] !== 'import') {
        jobs.push({ args: [...cmd, '--debug'], env: { DATABASE_URL: pick(i + 13) }, what: `${cmd.join(' ')} DATABASE_URL=${pick(i + 13)}` });
      }
    });
    for (const [i, flag] of [['plan', '--from'], ['types', '--from']].entries()) {
      jobs.push({ args: [...flag, pick(i + 20), '--debug'], what: `${flag.join(' ')} ${pick(i + 20)}` });
    }
    const results = await pool(jobs, 2, (j) => pgtide(j.args, { cwd: p.dir, ...(j.env ? { env: j.env } : {}) }));
    jobs.forEach((j, i) => expectRefused(results[i]!, j.what));
    const byOrigin = (r: CliResult, origin: RegExp): void => expect(r.stderr, shown(r)).toMatch(origin);
    results.forEach((r, i) => byOrigin(r, jobs[i]!.env ? /^pgtide: DATABASE_URL is not/ : /^pgtide: (--database|--from) is not/));

    // The config's "database", for a few shapes; the config file itself holds the password, so its
    // name is fine to print but its value is not.
    const configs = [MALFORMED[0]!, MALFORMED[18]!, MALFORMED[24]!];
    for (const [i, m] of configs.entries()) {
      await p.write(`bad${i}.config.ts`, `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema/index.ts'], migrations: './db/migrations', database: ${JSON.stringify(m.source)} });\n`);
    }
    const fromConfig = await pool([...configs.entries()], 2, ([i]) => pgtide(['status', '--debug', '--config', `bad${i}.config.ts`], { cwd: p.dir }));
    fromConfig.forEach((r, i) => {
      expectRefused(r, `config database ${configs[i]!.source}`, configs[i]!.names);
      expect(r.stderr).toContain(`"database" in ${path.join(p.dir, `bad${i}.config.ts`)} is not a database source`);
    });
    const after = (await listing(p.dir)).filter((f) => !/^bad\d\.config\.ts$/.test(f));
    expect(after, 'a refused source creates nothing').toEqual(before);
  }, 400_000);

  it('init --from-database (with a URL, and bare with DATABASE_URL) creates nothing', async () => {
    const runs = await pool(
      [
        { args: ['init', '--debug', '--from-database', MALFORMED[1]!.source] },
        { args: ['init', '--from-database', MALFORMED[24]!.source] },
        { args: ['init', '--from-database', '--debug'], env: { DATABASE_URL: MALFORMED[18]!.source } },
      ],
      2,
      (j) => pgtide(j.args, { cwd: empty.dir, ...(j.env ? { env: j.env } : {}) }),
    );
    runs.forEach((r, i) => expectRefused(r, `init run ${i}`));
    expect(await listing(empty.dir)).toEqual([]);
  }, 120_000);

  it('pglite://user:password@host/db creates no folder named after it, at the root or anywhere', async () => {
    const source = `pglite://alice:${SECRET}@127.0.0.1/app`;
    const r = await pgtide(['apply', '--database', source], { cwd: p.dir });
    expectRefused(r, source, /pglite:\/\/ is not a URL scheme/);
    // What path.resolve made of it before: a data folder at the file-system root.
    expect(existsSync(path.resolve(p.dir, source.slice('pglite:'.length)))).toBe(false);
    expect(existsSync(`/alice:${SECRET}@127.0.0.1`)).toBe(false);
  }, 120_000);
});
