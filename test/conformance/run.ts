import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffDatabases } from '../../src/api/diff-databases.js';
import { DEFAULT_CORPUS_DIR, filterCases, loadCorpus, type CorpusCase } from './lib/cases.js';
import { runInChildren, writeEngineRun, type EngineRun } from './lib/children.js';
import { openEngines, runConformance } from './lib/conformance.js';
import { errorMessage, type EngineName } from './lib/engine.js';
import { parseOptions, USAGE, UsageError, type RunOptions } from './lib/options.js';
import { exitCodeFor, failureLines, isInScope, renderMarkdown, renderTextTable, summarize } from './lib/report.js';
import type { CaseResult } from './lib/run-case.js';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SCRIPT), '..', '..');

function progress(total: number, verbose: boolean): (r: CaseResult) => void {
  let done = 0;
  return (r) => {
    done += 1;
    const scope = isInScope(r) ? 'in scope' : `not yet covered: ${r.notCovered.join(', ')}`;
    if (verbose || (r.outcome === 'fail' && isInScope(r))) {
      console.error(`[${r.engine} ${done}/${total}] ${r.outcome.padEnd(12)} ${r.caseId} (${r.ms} ms) ${r.reason ?? ''} [${scope}]`);
    } else if (done % 25 === 0 || done === total) {
      console.error(`[${r.engine} ${done}/${total}] …`);
    }
  };
}

/** Runs the selected engines in this process. */
async function runHere(opts: RunOptions, cases: readonly CorpusCase[]): Promise<EngineRun> {
  const engines = await openEngines(opts.engines, opts.jobs);
  try {
    const described: Array<readonly [EngineName, string]> = [];
    for (const e of engines) described.push([e.name, await e.describe()]);
    for (const [name, desc] of described) console.error(`${name}: ${desc}`);
    const results = await runConformance({
      cases,
      engines,
      diff: diffDatabases,
      jobs: opts.jobs,
      onResult: progress(cases.length * engines.length, opts.verbose),
    });
    return { engines: described, results };
  } finally {
    await Promise.all(engines.map((e) => e.close()));
  }
}

async function report(opts: RunOptions, run: EngineRun, info: { caseCount: number; filtered: boolean; startedAt: Date }): Promise<void> {
  const seconds = (Date.now() - info.startedAt.getTime()) / 1000;
  console.log(renderTextTable(summarize(run.results, opts.engines), opts.engines));
  const failures = failureLines(run.results);
  console.log(failures.length > 0 ? `\nFailing and unrunnable cases:\n${failures.join('\n')}` : '\nNo failures.');
  console.log(`\n${info.caseCount} cases × ${opts.engines.length} engine(s) in ${seconds.toFixed(0)} s.`);
  if (opts.docsPath === null) return;
  const file = path.resolve(REPO_ROOT, opts.docsPath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, renderMarkdown(run.results, opts.engines, { ...info, engines: new Map(run.engines), seconds }));
  console.log(`Wrote ${path.relative(process.cwd(), file) || file}.`);
}

async function main(opts: RunOptions): Promise<number> {
  const startedAt = new Date();
  const corpus = await loadCorpus(opts.corpusDir ?? DEFAULT_CORPUS_DIR);
  const cases = filterCases(corpus, opts.caseFilters);
  if (cases.length === 0) throw new UsageError(`no case id contains ${opts.caseFilters.map((f) => `"${f}"`).join(' or ')}`);
  if (opts.emitJson !== null) {
    await writeEngineRun(opts.emitJson, await runHere(opts, cases));
    return 0;
  }
  const run = opts.engines.length > 1 ? await runInChildren(opts, SCRIPT) : await runHere(opts, cases);
  await report(opts, run, { caseCount: cases.length, filtered: cases.length !== corpus.length, startedAt });
  return exitCodeFor(run.results, opts.strict);
}

async function cli(): Promise<number> {
  try {
    const opts = parseOptions(process.argv.slice(2), 'docs/conformance.md');
    if (opts === null) {
      console.log(USAGE);
      return 0;
    }
    return await main(opts);
  } catch (err) {
    console.error(`conformance: ${errorMessage(err)}`);
    return err instanceof UsageError ? 2 : 3;
  }
}

process.exitCode = await cli();
