/** The SQL of one planned step, for the CLI's human and JSON views of a plan (a separate module: it loads every renderer). */
export { renderStep } from '../sql/index.js';
