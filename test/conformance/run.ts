import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffDatabases } from '../../src/api/diff-databases.js';
import { DEFAULT_CORPUS_DIR, filterCases, loadCorpus } from './lib/cases.js';
import { openEngines, runConformance } from './lib/conformance.js';
import { errorMessage, type ConformanceEngine, type EngineName } from './lib/engine.js';
import { parseOptions, USAGE, UsageError, type RunOptions } from './lib/options.js';
import { exitCodeFor, failureLines, isInScope, renderMarkdown, renderTextTable, summarize } from './lib/report.js';
import type { CaseResult } from './lib/run-case.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function progress(total: number, verbose: boolean): (r: CaseResult) => void {
  let done = 0;
  return (r) => {
    done += 1;
    const scope = isInScope(r) ? 'in scope' : `not yet covered: ${r.notCovered.join(', ')}`;
    if (verbose || (r.outcome === 'fail' && isInScope(r))) {
      console.error(`[${done}/${total}] ${r.outcome.padEnd(12)} ${r.engine.padEnd(6)} ${r.caseId} (${r.ms} ms) ${r.reason ?? ''} [${scope}]`);
    } else if (done % 25 === 0 || done === total) {
      console.error(`[${done}/${total}] …`);
    }
  };
}

async function describeEngines(engines: readonly ConformanceEngine[]): Promise<Map<EngineName, string>> {
  const out = new Map<EngineName, string>();
  for (const e of engines) out.set(e.name, await e.describe());
  return out;
}

async function main(opts: RunOptions): Promise<number> {
  const startedAt = new Date();
  const corpus = await loadCorpus(opts.corpusDir ?? DEFAULT_CORPUS_DIR);
  const cases = filterCases(corpus, opts.caseFilters);
  if (cases.length === 0) throw new UsageError(`no case id contains ${opts.caseFilters.map((f) => `"${f}"`).join(' or ')}`);
  const engines = await openEngines(opts.engines, opts.jobs);
  try {
    const described = await describeEngines(engines);
    for (const [name, desc] of described) console.error(`${name}: ${desc}`);
    const results = await runConformance({
      cases,
      engines,
      diff: diffDatabases,
      jobs: opts.jobs,
      onResult: progress(cases.length * engines.length, opts.verbose),
    });
    const seconds = (Date.now() - startedAt.getTime()) / 1000;
    console.log(renderTextTable(summarize(results, opts.engines), opts.engines));
    const failures = failureLines(results);
    console.log(failures.length > 0 ? `\nFailing and unrunnable cases:\n${failures.join('\n')}` : '\nNo failures.');
    console.log(`\n${cases.length} cases × ${engines.length} engine(s) in ${seconds.toFixed(0)} s.`);
    if (opts.docsPath !== null) {
      const info = { engines: described, caseCount: cases.length, filtered: cases.length !== corpus.length, seconds, startedAt };
      const file = path.resolve(REPO_ROOT, opts.docsPath);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, renderMarkdown(results, opts.engines, info));
      console.log(`Wrote ${path.relative(process.cwd(), file) || file}.`);
    }
    return exitCodeFor(results, opts.strict);
  } finally {
    await Promise.all(engines.map((e) => e.close()));
  }
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
