import { execFile } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = path.resolve(import.meta.dirname, '..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** null when `npm run build` succeeded; otherwise its output, for the tests that need dist/. */
    pgtideBuildError: string | null;
  }
}

/**
 * The CLI and user schema files (which import 'pgtide') run from dist/, so it is built once per
 * test run. A failed build is handed to the tests that spawn the CLI instead of stopping every
 * suite: the library tests do not need dist/.
 */
export default async function setup(project: TestProject): Promise<void> {
  const error = await new Promise<string | null>((resolve) => {
    execFile('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve(err ? `npm run build failed:\n${stdout}\n${stderr}` : null);
    });
  });
  project.provide('pgtideBuildError', error);
}
