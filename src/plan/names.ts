/**
 * Names of the helper objects online strategies create (checks, sync triggers, shadow columns and
 * indexes). Identifiers are at most 63 bytes, so the base is cut, by whole characters, to fit.
 */
/** The suffix of the shadow column an online type change adds (see strategies/column-swap.ts). */
export const SHADOW_COLUMN_SUFFIX = '__pgtide_new';

export function helperName(base: string, suffix: string): string {
  let chars = [...base];
  while (Buffer.byteLength(chars.join('') + suffix, 'utf8') > 63) chars = chars.slice(0, -1);
  return chars.join('') + suffix;
}
