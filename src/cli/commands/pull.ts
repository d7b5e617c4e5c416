import { existsSync } from 'node:fs';
import path from 'node:path';
import { pullToFolder, schemaDir, unreachedFiles } from '../../api/pull.js';
import { DEFAULT_CONFIG, loadProject, resolveDatabase, type Project } from '../../api/project.js';
import { sourceLabel } from '../../db/url.js';
import { ExitCode } from '../../errors.js';
import { print, type GlobalOptions } from '../output.js';

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
  const schemas = project?.config.schemas;
  const result = await pullToFolder({ database, outDir, force: opts.force ?? false, ...(schemas ? { schemas } : {}) });
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  print(`Pulled ${result.model.table.size} tables from ${sourceLabel(database)} into ${rel(outDir)}: ${result.files.map((f) => path.basename(f)).join(', ')}.`);
  const unreached = project ? await unreachedFiles(project, result.files) : [];
  if (unreached.length > 0) print(`Add ${unreached.map(rel).join(', ')} to "schema" in ${rel(project!.configPath)} (or list the folder): it declares what the TypeScript DSL cannot.`);
  print('Run "pgtide plan" to check: it should report no changes.');
  return ExitCode.ok;
}
