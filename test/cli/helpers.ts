import { spawn } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO, 'bin', 'pgtide.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails the calling suite when the global setup could not build dist/. */
export function requireBuild(): void {
  const error = inject('pgtideBuildError');
  if (error) throw new Error(error);
}

/** Every output of every CLI run in this worker, so a test can check that no secret ever leaked. */
export const allOutput: string[] = [];

/** Runs `node bin/pgtide.js …` the way CI would: no TTY, no colors, no DATABASE_URL from outside. */
export function pgtide(args: readonly string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1', ...opts.env };
  if (!opts.env?.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      allOutput.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Describes a run for assertion messages. */
export function shown(r: CliResult): string {
  return `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

export interface TempProject {
  readonly dir: string;
  write(file: string, text: string): Promise<void>;
  /** Removes the folder now; it is removed anyway when the test (or, made in beforeAll, the file) ends. */
  remove(): Promise<void>;
}

/**
 * A project folder outside the repository. It resolves 'pgtide' through node_modules/pgtide, a
 * symlink to this repository, as an installed package would. Without a package.json of
 * `"type": "module"` in `files`, its .ts files load as CommonJS, as in many existing projects.
 */
export async function tempProject(files: Record<string, string>): Promise<TempProject> {
  const dir = await tempDir('pgtide-cli-');
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(REPO, path.join(dir, 'node_modules', 'pgtide'), 'dir');
  const write = async (file: string, text: string): Promise<void> => {
    const abs = path.join(dir, file);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
  };
  for (const [file, text] of Object.entries(files)) await write(file, text);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const CONFIG = `import { defineConfig } from 'pgtide';

export default defineConfig({
  schema: ['./schema/index.ts'],
  migrations: './db/migrations',
});
`;

/** A small schema module; `extra` adds column declarations to the users table. */
export function usersSchema(extra = ''): string {
  return `import { index, integer, table, text } from 'pgtide';

export const users = table('users', {
  id: integer().identity().primaryKey(),
  email: text().notNull(),
  name: text(),${extra}
}, (t) => [index('users_email_idx').on(t.email)]);
`;
}
