import { diff } from '../diff/index.js';
import type { DiffResult } from '../diff/change.js';
import { loadDesired } from './desired.js';
import { assertIntact, readHistory, replayedModel } from './history.js';
import { projectDiffOptions } from './plan-options.js';
import type { Project } from './project.js';

/** The desired schema against what the migrations produce: changes not generated yet. */
export async function checkProject(project: Project): Promise<DiffResult> {
  const history = await readHistory(project);
  assertIntact(project, history);
  const [replayed, desired] = await Promise.all([replayedModel(project, history), loadDesired(project)]);
  return diff(replayed, desired, projectDiffOptions(project.config));
}
