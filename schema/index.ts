export * from './enums.js';
export * from './accounts.js';
export * from './posts.js';
export * from './audit.js';
