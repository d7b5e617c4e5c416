export type ObjectId = string;

/** Hints that only the desired side carries; they never take part in comparisons. */
export interface Hints {
  /** The object's previous name (same schema; for columns, the previous column name). */
  readonly renamedFrom?: string;
}
