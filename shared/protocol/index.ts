// The panel <-> companion protocol: one zod schema per message, types inferred, one codec.
export * from './version';
export * from './errors';
export * from './media';
export * from './colour';
export * from './conditioning';
export * from './shot-request';
export * from './job';
export * from './cluster';
export * from './templates';
export * from './preflight';
export * from './define';
export * from './messages';
export * from './codec';
export * from './json-schema';
