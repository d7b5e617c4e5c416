import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG, REPO, allOutput, pgtide, requireBuild, shown, tempProject, usersSchema, type CliResult, type TempProject } from './helpers.js';

const SECRET = 'Hunter2Secret';

/** A user mistake gives one short paragraph on stderr, a documented exit code and no stack trace. */
function expectOneParagraph(r: CliResult): void {
  expect(r.stderr.trim(), shown(r)).toMatch(/^pgtide: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trim().split('\n\n')).toHaveLength(1);
}

/**
 * Runs the CLI with a stdout whose reader is gone before anything is written, as `pgtide … | head`
 * leaves it once head has its lines: every write to it fails with EPIPE.
 */
function withClosedStdout(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', CI: '1' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'pgtide.js'), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: '', stderr }));
  });
}

let p: TempProject;
const run = (...args: string[]) => pgtide(args, { cwd: p.dir });

beforeAll(async () => {
  requireBuild();
  p = await tempProject({
    // ESM, so that declaration sites come with their line numbers.
    'package.json': '{ "type": "module" }\n',
    'schema.config.ts': CONFIG,
    'schema/index.ts': usersSchema(),
    'bad-value.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema/index.ts'], lockTimeout: 'soon' as '5s' });\n`,
    'no-export.config.ts': `export const nothing = 1;\n`,
    'broken-schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./broken/index.ts'] });\n`,
    'broken/index.ts': [
      `import { integer, table } from 'pgtide';`,
      ``,
      `const hidden = table('hidden', { id: integer().primaryKey() });`,
      `export const users = table('users', {`,
      `  id: integer().primaryKey(),`,
      `  other: integer().references(() => hidden.id),`,
      `});`,
      ``,
    ].join('\n'),
  });
});
afterAll(async () => {
  await p?.remove();
});

describe.concurrent('exit codes and error messages', () => {
  it('2: a config value of the wrong form', async () => {
    const r = await run('plan', '--config', 'bad-value.config.ts');
    expect(r.code, shown(r)).toBe(2);
    expectOneParagraph(r);
    expect(r.stderr).toContain('bad-value.config.ts');
    expect(r.stderr).toContain('lockTimeout');
  });

  it('2: a config without a default export, and a missing config', async () => {
    const r = await run('check', '--config', 'no-export.config.ts');
    expect(r.code, shown(r)).toBe(2);
    expectOneParagraph(r);
    expect(r.stderr).toContain('export default defineConfig');
    const missing = await run('plan', '--config', 'nowhere.config.ts');
    expect(missing.code, shown(missing)).toBe(2);
    expect(missing.stderr).toContain('nowhere.config.ts');
  });

  it('2: a schema error names the file and line of the declaration', async () => {
    const r = await run('plan', '--config', 'broken-schema.config.ts');
    expect(r.code, shown(r)).toBe(2);
    expectOneParagraph(r);
    expect(r.stderr).toContain(`${p.dir}/broken/index.ts:6:`);
    expect(r.stderr).toContain('public.hidden');
  });

  it('2: an unknown command, an unknown flag, an unknown format', async () => {
    const cmd = await run('frobnicate');
    expect(cmd.code, shown(cmd)).toBe(2);
    expect(cmd.stderr).toContain('frobnicate');
    const flag = await run('plan', '--frobnicate');
    expect(flag.code, shown(flag)).toBe(2);
    expect(flag.stderr).toContain('--frobnicate');
    const format = await run('diff', 'a.sql', 'b.sql', '--format', 'yaml');
    expect(format.code, shown(format)).toBe(2);
  });

  it('2: a source that does not exist', async () => {
    const r = await run('diff', 'nothing-here.sql', `postgres://u:${SECRET}@127.0.0.1:1/x`);
    expect(r.code, shown(r)).toBe(2);
    expectOneParagraph(r);
    expect(r.stderr).toContain('nothing-here.sql');
  });

  it('3: an unreachable database, with the password redacted', async () => {
    const plan = await run('plan', '--database', `postgres://bob:${SECRET}@127.0.0.1:1/app`);
    expect(plan.code, shown(plan)).toBe(3);
    expectOneParagraph(plan);
    expect(plan.stderr).toContain('127.0.0.1:1');
    const viaEnv = await pgtide(['plan'], { cwd: p.dir, env: { DATABASE_URL: `postgresql://bob:${SECRET}@127.0.0.1:1/app?sslmode=disable` } });
    expect(viaEnv.code, shown(viaEnv)).toBe(3);
    const diff = await run('diff', `postgres://bob:${SECRET}@127.0.0.1:1/a`, 'schema/index.ts', '--debug');
    expect(diff.code, shown(diff)).toBe(3);
  });

  it('0: a reader that closes the pipe early ends every command quietly, with no stack trace', async () => {
    for (const args of [['status', '--format', 'json'], ['status'], ['plan', '--format', 'sql'], ['--help']]) {
      const r = await withClosedStdout([...args, '--database', 'pglite:memory'], p.dir);
      expect(r.code, `${args.join(' ')}: ${shown(r)}`).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('');
    }
  });
});

// A suite of its own: it starts once every concurrent test above has finished, so all output is in.
describe('secrets', () => {
  it('no password ever appears in any output', async () => {
    const json = await run('plan', '--format', 'json', '--database', `postgres://carol:${SECRET}@127.0.0.1:1/app`);
    expect(json.code, shown(json)).toBe(3);
    expect(allOutput.length).toBeGreaterThanOrEqual(20);
    for (const out of allOutput) expect(out).not.toContain(SECRET);
  });
});
