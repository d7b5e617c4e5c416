import { usageError } from '../errors.js';
import { mdCode, mdText } from './markdown.js';

/** The formats of the CI-facing commands (check, drift, verify, status). */
export type ReportFormat = 'human' | 'json' | 'markdown' | 'github';
export const REPORT_FORMATS: readonly ReportFormat[] = ['human', 'json', 'markdown', 'github'];

export function parseReportFormat(value: string | undefined): ReportFormat {
  if (value === undefined) return 'human';
  if ((REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw usageError(`--format ${value} is not available for this command; use one of: ${REPORT_FORMATS.join(', ')}.`);
}

/** One thing a CI run should point at. */
export interface Finding {
  readonly level: 'error' | 'warning' | 'notice';
  readonly title: string;
  readonly message: string;
  /** A path relative to the working directory, when the finding is about a file. */
  readonly file?: string;
  readonly line?: number;
}

// GitHub's workflow-command escaping: data escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,title=…::message`, one line per finding (GitHub workflow annotations). */
export function githubAnnotations(findings: readonly Finding[], summary: string): string {
  const lines = findings.map((f) => {
    const props = [
      f.file !== undefined ? `file=${escapeProperty(f.file)}` : null,
      f.line !== undefined ? `line=${f.line}` : null,
      `title=${escapeProperty(f.title)}`,
    ].filter((p): p is string => p !== null);
    return `::${f.level} ${props.join(',')}::${escapeData(f.message)}`;
  });
  lines.push(findings.length === 0 ? `::notice title=pgtide::${escapeData(summary)}` : escapeData(summary));
  return lines.join('\n');
}

/** A heading, a summary and a table of findings: ready for a pull-request comment or a job summary. */
export function markdownReport(heading: string, summary: string, findings: readonly Finding[]): string {
  const out = [`### ${mdText(heading)}`, '', mdText(summary)];
  if (findings.length > 0) {
    out.push('', '| | what | where | details |', '|---|---|---|---|');
    const icon = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;
    for (const f of findings) {
      const where = f.file === undefined ? '' : mdCode(`${f.file}${f.line !== undefined ? `:${f.line}` : ''}`, { cell: true });
      out.push(`| ${icon[f.level]} | ${mdText(f.title)} | ${where} | ${mdText(f.message)} |`);
    }
  }
  return out.join('\n');
}
