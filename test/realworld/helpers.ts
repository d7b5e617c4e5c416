import { existsSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { pgtide, REPO, shown, type CliResult } from '../cli/helpers.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { StepTiming } from './report.js';

/**
 * The real projects' data sits beside the repository (`<somewhere>/main` and `<somewhere>/shared`),
 * in CI as on a developer's machine. Without it the suite has nothing to prove: it fails.
 */
export const SHARED = path.resolve(REPO, '../shared/realworld');

export function realworldPath(...parts: string[]): string {
  const p = path.join(SHARED, ...parts);
  if (!existsSync(p)) {
    throw new Error(`${p} is missing: the real-projects suite needs ../shared/realworld beside the repository (${REPO}). Put it back; it is never skipped.`);
  }
  return p;
}

export interface App {
  readonly dir: string;
  /** Removes the folder now; it is removed anyway when the test (or, made in beforeAll, the file) ends. */
  remove(): Promise<void>;
}

/**
 * A new app as users make one: the package.json `npm init -y` writes (CommonJS) and pgtide in
 * node_modules, here a symlink to this repository as test/cli/helpers.ts `tempProject` makes it.
 */
export async function newApp(name: string): Promise<App> {
  const dir = await tempDir(`pgtide-rw-${name}-`);
  const packageJson = {
    name: path.basename(dir).toLowerCase(),
    version: '1.0.0',
    description: '',
    main: 'index.js',
    scripts: { test: 'echo "Error: no test specified" && exit 1' },
    keywords: [],
    author: '',
    license: 'ISC',
    type: 'commonjs',
  };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(REPO, path.join(dir, 'node_modules', 'pgtide'), 'dir');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Times each step of one project; a failed step is recorded with its first line, then rethrown. */
export class Steps {
  constructor(
    private readonly project: string,
    private readonly out: StepTiming[],
  ) {}

  async time<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      const result = await fn();
      this.out.push({ project: this.project, step, ms: performance.now() - t0, outcome: 'ok' });
      return result;
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
      this.out.push({ project: this.project, step, ms: performance.now() - t0, outcome: `FAILED: ${first}` });
      throw err;
    }
  }

  /** Runs the CLI in the app and expects the exit code. */
  cli(step: string, app: App, args: readonly string[], code = 0): Promise<CliResult> {
    return this.time(step, async () => {
      const r = await pgtide(args, { cwd: app.dir });
      expect(r.code, `pgtide ${args.join(' ')}\n${shown(r)}`).toBe(code);
      return r;
    });
  }
}

/** Runs statements on a database, one client for all of them. */
export async function sql(url: string, statements: readonly string[]): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: pg.QueryResult[] = [];
    for (const s of statements) out.push(await client.query(s));
    return out;
  } finally {
    await client.end();
  }
}

export async function scalar(url: string, query: string): Promise<unknown> {
  const [r] = await sql(url, [query]);
  return r!.rows[0] ? Object.values(r!.rows[0] as Record<string, unknown>)[0] : undefined;
}

/** Replaces text that must occur exactly once in a pulled file, so a change in pull's output fails here. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) {
    throw new Error(`expected exactly one occurrence of ${JSON.stringify(from)} in the pulled schema`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Renames a pulled `table('<from>', …)` declaration and adds `.renamedFrom('<from>')` where it ends. */
export function renameTable(text: string, from: string, to: string): string {
  const head = `table('${from}', {`;
  const start = text.indexOf(head);
  if (start === -1 || text.indexOf(head, start + 1) !== -1) throw new Error(`expected exactly one declaration of table ${from} in the pulled schema`);
  const ends = ['\n]);\n', '\n});\n'].map((e) => ({ e, at: text.indexOf(e, start) })).filter((x) => x.at !== -1);
  const end = ends.sort((a, b) => a.at - b.at)[0];
  if (!end) throw new Error(`the declaration of table ${from} has no end`);
  const close = end.e.slice(0, -2); // '\n])' or '\n})'
  return `${text.slice(0, start)}table('${to}', {${text.slice(start + head.length, end.at)}${close}.renamedFrom('${from}');\n${text.slice(end.at + end.e.length)}`;
}
