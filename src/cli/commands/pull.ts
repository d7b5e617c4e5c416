import { existsSync } from 'node:fs';
import path from 'node:path';
import { pullToFolder, schemaDir, unreachedIndex } from '../../api/pull.js';
import { DEFAULT_CONFIG, loadProject, resolveDatabase, type Project } from '../../api/project.js';
import { sourceLabel } from '../../api/database-text.js';
import { ExitCode } from '../../errors.js';
import { print, printErr, type GlobalOptions } from '../output.js';

export interface PullFlags extends GlobalOptions {
  readonly out?: string;
  readonly force?: boolean;
}

/** A project is optional for pull: without a config, the modules go to ./schema. */
async function maybeProject(config: string | undefined): Promise<Project | null> {
  if (config === undefined && !existsSync(path.resolve(DEFAULT_CONFIG))) return null;
  return loadProject(config);
}

export async function runPull(opts: PullFlags): Promise<number> {
  const project = await maybeProject(opts.config);
  const database = resolveDatabase(project, opts.database);
  const outDir = opts.out ? path.resolve(opts.out) : project ? schemaDir(project) : path.resolve('schema');
  const scope = { ...(project?.config.schemas ? { schemas: project.config.schemas } : {}), ...(project?.config.ignore ? { ignore: project.config.ignore } : {}) };
  const result = await pullToFolder({ database, outDir, force: opts.force ?? false, ...scope });
  for (const line of result.unmanaged) printErr(`note: ${line}`);
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  print(`Pulled ${result.model.table.size} tables from ${sourceLabel(database)} into ${rel(outDir)}: ${result.files.map((f) => path.basename(f)).join(', ')}.`);
  const unreached = project ? await unreachedIndex(project, result.files) : null;
  if (unreached !== null) print(`"schema" in ${rel(project!.configPath)} does not reach ${rel(unreached)}, which re-exports every pulled module: list it there before running "pgtide plan".`);
  else print('Run "pgtide plan" to check: it should report no changes.');
  return ExitCode.ok;
}
