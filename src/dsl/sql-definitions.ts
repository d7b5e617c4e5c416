import { captureLocation, type Location } from './location.js';
import type { SqlFragment } from './sql.js';

export const SQL_DEFINITIONS: unique symbol = Symbol.for('pgtide.sqlDefinitions');

export interface SqlDefinitionsDef {
  readonly text: string;
  readonly location: Location | null;
}

export interface SqlDefinitions {
  readonly [SQL_DEFINITIONS]: SqlDefinitionsDef;
}

/**
 * Functions, procedures, triggers, policies, grants or anything else written as SQL statements in
 * a TypeScript schema module, exactly as in a .sql schema file: created together with the tables
 * (in an order that lets either refer to the other) and read back into the model.
 *
 * ```ts
 * export const touch = sqlDefinitions(sql`
 *   CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
 *   CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch();
 * `);
 * ```
 */
export function sqlDefinitions(body: SqlFragment): SqlDefinitions {
  return { [SQL_DEFINITIONS]: { text: body.text, location: captureLocation() } };
}

export function isSqlDefinitions(value: unknown): value is SqlDefinitions {
  return typeof value === 'object' && value !== null && SQL_DEFINITIONS in value;
}
