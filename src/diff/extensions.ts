import type { Extension, Model } from '../model/types.js';
import type { Change } from './change.js';
import type { FieldEquals, FieldRules } from './guard.js';
import { diffObjects, type ObjectDiff } from './objects.js';

export const EXTENSION_RULES: FieldRules<Extension> = { version: 'alter' };

// A desired version of null means "whatever the server installs", so it matches any installed one.
const EXTENSION_EQUALS: FieldEquals<Extension> = {
  version: (from, to) => to === null || from === to,
};

export function diffExtensions(from: Model, to: Model): ObjectDiff<Extension> {
  return diffObjects(from.extension, to.extension, {
    what: 'extension',
    rules: EXTENSION_RULES,
    equals: EXTENSION_EQUALS,
    make: {
      create: (id, obj): Change => ({ kind: 'extension.create', id, to: obj }),
      drop: (id, obj): Change => ({ kind: 'extension.drop', id, from: obj }),
      alter: (id, a, b, fields): Change => ({ kind: 'extension.alter', id, from: a, to: b, fields: fields as 'version'[] }),
    },
  });
}
