export * from './types.js';
export * from './ids.js';
export * from './model.js';
