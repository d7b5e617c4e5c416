import { SchemaError } from '../errors.js';
import type { Location } from '../location.js';

/** Raises SchemaErrors at the declaration site, or at the exporting module when none was captured. */
export class Reporter {
  constructor(private readonly fileOf: ReadonlyMap<object, string>) {}

  fail(owner: object, location: Location | null, object: string, message: string): never {
    const file = this.fileOf.get(owner) ?? '<unknown>';
    throw new SchemaError(location ?? { file }, object, `${message}.`);
  }
}
