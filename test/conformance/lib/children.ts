import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EngineName } from './engine.js';
import type { RunOptions } from './options.js';
import type { CaseResult } from './run-case.js';

/** What a child process hands back to its parent. */
export interface EngineRun {
  readonly engines: ReadonlyArray<readonly [EngineName, string]>;
  readonly results: readonly CaseResult[];
}

export async function writeEngineRun(file: string, run: EngineRun): Promise<void> {
  await writeFile(file, JSON.stringify(run));
}

function childArgs(opts: RunOptions, engine: EngineName, jsonFile: string): string[] {
  const args = ['--engine', engine, '--jobs', String(opts.jobs), '--emit-json', jsonFile];
  for (const c of opts.caseFilters) args.push('--case', c);
  if (opts.corpusDir !== null) args.push('--corpus', opts.corpusDir);
  if (opts.verbose) args.push('--verbose');
  return args;
}

function runChild(script: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // execArgv carries tsx's loader flags, so the child runs the same TypeScript entry point.
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the ${args[1]} engine process exited with code ${code}`))));
  });
}

/**
 * One process per engine. PGlite's WASM work blocks the event loop for seconds at a time; in one
 * process the server engine's replies would wait behind it, and two processes use both cores.
 */
export async function runInChildren(opts: RunOptions, script: string): Promise<EngineRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pgtide-conformance-'));
  try {
    const files = opts.engines.map((e) => [e, path.join(dir, `${e}.json`)] as const);
    await Promise.all(files.map(([engine, file]) => runChild(script, childArgs(opts, engine, file))));
    const runs = await Promise.all(files.map(async ([, file]) => JSON.parse(await readFile(file, 'utf8')) as EngineRun));
    return { engines: runs.flatMap((r) => r.engines), results: runs.flatMap((r) => r.results) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
