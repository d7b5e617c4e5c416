/**
 * Names of the helper objects online strategies create (checks, sync triggers, shadow columns and
 * indexes). Identifiers are at most 63 bytes, so the base is cut, by whole characters, to fit.
 */
export function helperName(base: string, suffix: string): string {
  let chars = [...base];
  while (Buffer.byteLength(chars.join('') + suffix, 'utf8') > 63) chars = chars.slice(0, -1);
  return chars.join('') + suffix;
}
