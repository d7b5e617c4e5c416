import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where pgtide keeps what it can recompute (replayed histories, normalized models, compiled schema
 * modules): node_modules/.cache/pgtide when the project has node_modules (the folder tools agree to
 * use, already ignored by git), else the project's .pgtide folder.
 */
export function projectCacheDir(projectRoot: string, leaf: string): string {
  const nodeModules = path.join(projectRoot, 'node_modules');
  return existsSync(nodeModules) ? path.join(nodeModules, '.cache', 'pgtide', leaf) : path.join(projectRoot, '.pgtide', 'cache', leaf);
}
