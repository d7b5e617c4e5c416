import type { OpKind, OpOf } from '../plan/ops.js';

/** Renderers for a set of op kinds; index.ts joins them and the compiler checks every kind has one. */
export type Renderers<K extends OpKind> = { readonly [P in K]: (op: OpOf<P>) => string };
