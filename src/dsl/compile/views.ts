import type { View } from '../../model/types.js';
import type { ViewDef } from '../view.js';
import type { Reporter } from './report.js';

/** View model objects; the query is normalized (and checked) by the server like every expression. */
export function viewObjects(views: readonly ViewDef[], tableNames: ReadonlySet<string>, report: Reporter): View[] {
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
      dependsOn: [],
    };
  });
}
