// Model bundles: the manifest schema and the known Wan layouts.
export * from './manifest';
export * from './presets';
export * from './noise';
export * from './draft-preset';
