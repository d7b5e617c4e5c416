import { readFile } from 'node:fs/promises';
import { usageError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a schema or config file as UTF-8, refusing other encodings: decoding them leniently turns
 * bytes into U+FFFD, which then ends up in object names or SQL without anyone noticing.
 */
export async function readUtf8(file: string): Promise<string> {
  const bytes = await readFile(file);
  try {
    return utf8.decode(bytes);
  } catch (err) {
    throw usageError(`${file}: the file is not valid UTF-8 text. Save it as UTF-8 and run the command again.`, err);
  }
}
