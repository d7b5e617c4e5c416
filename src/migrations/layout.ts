/**
 * Names in the migrations directory: folder names (`<version>_<slug>`), the files a folder may hold,
 * and the pgtide.sum file. Pure functions only; folder.ts does the I/O.
 */

import { usageError } from '../errors.js';
import { commentText } from '../sql/ident.js';
import { PHASES, type Phase } from '../plan/step.js';

/** One file per phase, named after it. */
export type MigrationPhaseFile = Phase;
export type MigrationFileKind = MigrationPhaseFile | 'down';

/** The order files are applied in, and listed in pgtide.sum. */
export const PHASE_FILES: readonly MigrationPhaseFile[] = PHASES;
export const MIGRATION_FILES: readonly MigrationFileKind[] = Object.freeze([...PHASE_FILES, 'down' as const]);

export const FILE_NAMES: Readonly<Record<MigrationFileKind, string>> = Object.freeze({
  expand: 'expand.sql',
  migrate: 'migrate.sql',
  contract: 'contract.sql',
  down: 'down.sql',
});
export const PLAN_FILE = 'plan.json';
export const SUM_FILE = 'pgtide.sum';

const VERSION = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SLUG = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;
const FOLDER = /^(\d{8}T\d{6}Z)_(.+)$/;
const MAX_SLUG = 64;

/** The instant a version names, or null when the text is not a real `YYYYMMDDTHHMMSSZ` time. */
export function parseVersion(version: string): Date | null {
  const m = VERSION.exec(version);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2026-02-31 over into March; a version must name the day it says.
  return formatVersion(date) === version ? date : null;
}

function formatVersion(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The version for a migration created at `now`: its UTC second, or one second after the newest
 * existing version when the clock is behind it, so versions strictly increase.
 */
export function newVersion(now: Date, existing: Iterable<string> = []): string {
  if (Number.isNaN(now.getTime())) throw new Error('newVersion: the current time is an invalid Date');
  let next = Math.floor(now.getTime() / 1000) * 1000;
  for (const version of existing) {
    const at = parseVersion(version);
    if (!at) throw new Error(`newVersion: "${version}" is not a migration version (YYYYMMDDTHHMMSSZ)`);
    next = Math.max(next, at.getTime() + 1000);
  }
  const out = formatVersion(new Date(next));
  if (!VERSION.test(out)) throw new Error(`newVersion: ${new Date(next).toISOString()} is outside the years 0000–9999`);
  return out;
}

/** A migration name as a folder-name slug: `Add user role!` → `add_user_role`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/_+$/, '');
  // Escaped, so that a name made of line breaks or control characters shows what it holds.
  if (slug === '') throw usageError(`The migration name ${commentText(JSON.stringify(name))} has no letters or digits to make a folder name from; choose another name.`);
  return slug;
}

export function isSlug(name: string): boolean {
  return SLUG.test(name) && name.length <= MAX_SLUG;
}

export function folderName(m: { readonly version: string; readonly name: string }): string {
  return `${m.version}_${m.name}`;
}

/** `20261122T101500Z_add_user_role` → its parts; null when the name does not have that form. */
export function parseFolderName(folder: string): { version: string; name: string } | null {
  const m = FOLDER.exec(folder);
  if (!m || !parseVersion(m[1]!) || !SLUG.test(m[2]!)) return null;
  return { version: m[1]!, name: m[2]! };
}
