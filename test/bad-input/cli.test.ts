import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgtide, requireBuild, shown, tempProject, type TempProject } from '../cli/helpers.js';

/**
 * What a user sees on the terminal for bad input, through the built CLI (a few spawns; the library
 * cases are in the other files of this folder): exit 2, one paragraph naming the file, a stack
 * trace only with --debug.
 */

let p: TempProject;

beforeAll(async () => {
  requireBuild();
  p = await tempProject({
    'package.json': '{ "type": "module" }\n',
    'schema.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./schema'], migrations: './migrations', database: 'pglite:memory' });\n`,
    'schema/index.ts': `import { integer, table } from 'pgtide';\nexport const t = table('t', { id: integer().default(sql\`1 +\`) });\n`,
    'typo.config.ts': `import { defineConfig } from 'pgtide';\n\nexport default defineConfig({\n  schema: ['./schema'],\n  lockTimout: '2s',\n});\n`,
    'names.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./names'], database: 'pglite:memory' });\n`,
    'names/index.ts': `import { integer, table } from 'pgtide';\n\nexport const ok = table('ok', { id: integer() });\nexport const tags = table('tags', { id: integer(), '': integer() });\n`,
    'latin1.config.ts': `import { defineConfig } from 'pgtide';\nexport default defineConfig({ schema: ['./latin1'], database: 'pglite:memory' });\n`,
  });
  await p.write('latin1/index.sql', Buffer.concat([Buffer.from("CREATE TABLE caf"), Buffer.from([0xe9]), Buffer.from(' (id int);\n')]) as unknown as string);
});
afterAll(async () => {
  await p?.remove();
});

describe.concurrent('bad input through the CLI', () => {
  it('a schema error: exit 2, one paragraph naming the file, no stack trace', async () => {
    const r = await pgtide(['plan'], { cwd: p.dir });
    expect(r.code, shown(r)).toBe(2);
    expect(r.stderr).toContain('schema/index.ts');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split(/\n\s*\n/)).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('the same error with --debug adds the stack trace', async () => {
    const r = await pgtide(['plan', '--debug'], { cwd: p.dir });
    expect(r.code, shown(r)).toBe(2);
    expect(r.stderr).toContain('schema/index.ts');
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('an unknown config key: exit 2 at the file and line of defineConfig, with the nearest setting', async () => {
    const r = await pgtide(['plan', '--config', 'typo.config.ts'], { cwd: p.dir });
    expect(r.code, shown(r)).toBe(2);
    expect(r.stderr).toContain(`${p.dir}/typo.config.ts:3: "lockTimout" is not a pgtide setting (did you mean "lockTimeout"?)`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an empty column key: exit 2 at the file and line of its table, not an unexpected failure', async () => {
    const r = await pgtide(['plan', '--config', 'names.config.ts'], { cwd: p.dir });
    expect(r.code, shown(r)).toBe(2);
    expect(r.stderr).toContain(`${p.dir}/names/index.ts:4: The column key in table public.tags`);
    expect(r.stderr).toContain('is empty');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split(/\n\s*\n/)).toHaveLength(1);
  });

  it('a .sql schema file in Latin-1: exit 2 naming the file and the encoding', async () => {
    const r = await pgtide(['plan', '--config', 'latin1.config.ts'], { cwd: p.dir });
    expect(r.code, shown(r)).toBe(2);
    expect(r.stderr).toContain('latin1/index.sql');
    expect(r.stderr).toMatch(/UTF-8/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
