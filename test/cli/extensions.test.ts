import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG, pgtide, requireBuild, shown, tempProject, type TempProject } from './helpers.js';

const schema = (extensions: readonly string[]): string => `import { extension, integer, table, text } from 'pgtide';
${extensions.map((name, i) => `export const ext${i} = extension('${name}');`).join('\n')}
export const notes = table('notes', { id: integer().primaryKey(), body: text() });
`;

/**
 * An extension added to a schema that already has a history: generate proves the new migration on
 * a replay of that history, a PGlite started before anyone knew the migration would create the
 * extension. PGlite loads contrib bundles only at start-up, so that replay must already have them.
 */
describe('generate adds a contrib extension to an existing history', () => {
  let p: TempProject;
  const run = (...args: string[]) => pgtide(args, { cwd: p.dir });

  beforeAll(async () => {
    requireBuild();
    p = await tempProject({ 'schema.config.ts': CONFIG, 'schema/index.ts': schema([]) });
  });
  afterAll(async () => {
    await p?.remove();
  });

  it('writes the migration, and verify and check pass on it', async () => {
    const first = await run('generate', 'notes');
    expect(first.code, shown(first)).toBe(0);
    await p.write('schema/index.ts', schema(['citext', 'pgcrypto']));
    const second = await run('generate', 'extensions');
    expect(second.code, shown(second)).toBe(0);
    expect(second.stdout).toContain('CREATE EXTENSION citext');
    expect(second.stdout).toContain('CREATE EXTENSION pgcrypto');
    const verify = await run('verify');
    expect(verify.code, shown(verify)).toBe(0);
    const check = await run('check');
    expect(check.code, shown(check)).toBe(0);
  });
});
