export * from './access.js';
export * from './errors.js';
export * from './i18n.js';
export * from './identifiers.js';
export * from './regions.js';
export * from './schemas.js';
