import { objectId } from '../../model/ids.js';
import { sortColumnComments } from '../../model/objects/view.js';
import type { View } from '../../model/types.js';
import { mentionedIdentifiers } from '../../util/sql-lexer.js';
import type { ViewDef } from '../view.js';
import type { Reporter } from './report.js';

/**
 * View model objects; the query is normalized (and checked) by the server like every expression.
 * Until then the server has not said what a view reads, so a view that names another declared view
 * depends on it (read through the lexer; a column of the same name only adds an order constraint),
 * which creates a view over a view after it whatever their names.
 */
export function viewObjects(views: readonly ViewDef[], tableNames: ReadonlySet<string>, report: Reporter): View[] {
  const declared = declaredViews(views, tableNames, report);
  return declared.map((v) => {
    // lexed once per view; text that does not lex depends on every other view (the safe side)
    const names = mentionedIdentifiers(v.definition);
    return { ...v, dependsOn: declared.filter((o) => o !== v && (names?.has(o.name) ?? true)).map((o) => objectId(o)) };
  });
}

function declaredViews(views: readonly ViewDef[], tableNames: ReadonlySet<string>, report: Reporter): View[] {
  const seen = new Set<string>();
  return views.map((def) => {
    const label = `${def.schema}.${def.name}`;
    if (seen.has(label) || tableNames.has(label)) {
      report.fail(def, def.location, label, `View ${label} is declared twice, or has the name of a table`);
    }
    seen.add(label);
    return {
      kind: 'view',
      schema: def.schema,
      name: def.name,
      materialized: def.materialized,
      definition: def.query.replace(/;\s*$/, ''),
      with: [...def.options].sort(),
      comment: def.comment,
      columnComments: sortColumnComments(def.columnComments),
      dependsOn: [],
    };
  });
}
