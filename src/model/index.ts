export * from './types.js';
export * from './ids.js';
export * from './model.js';
export * from './hash.js';
export * from './not-null.js';
export * from './kinds.js';
export * from './unmanaged.js';
export * from './server-defaults.js';
