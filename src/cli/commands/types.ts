import path from 'node:path';
import { loadProject } from '../../api/project.js';
import { generateTypes } from '../../api/types.js';
import { ExitCode } from '../../errors.js';
import { print, type GlobalOptions } from '../output.js';

export async function runTypes(opts: GlobalOptions & { from?: string }): Promise<number> {
  const project = await loadProject(opts.config);
  const result = await generateTypes(project, opts.from ? { from: opts.from } : {});
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  print(`Wrote ${rel(result.jsonSchemaPath)} and ${rel(result.typesPath)} (${result.tables} tables).`);
  return ExitCode.ok;
}
