// The architecture, checked: plugin → shared ← companion, and inside companion the one-way stack
// cli → server → queue → pipeline → backends → media. `npm run lint:deps` runs it in `npm test`.
const layers = ['cli', 'server', 'queue', 'pipeline', 'backends', 'media'];

/** Each layer may import the ones below it, never the ones above. */
const stackRules = layers.slice(1).map((layer, index) => ({
  name: `companion-${layer}-not-up`,
  comment: `companion/${layer} sits below ${layers.slice(0, index + 1).join(', ')}`,
  severity: 'error',
  from: { path: `^companion/${layer}/` },
  to: { path: `^companion/(${layers.slice(0, index + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle makes load order matter and hides which module owns what.',
      severity: 'error',
      from: { path: '^(companion|shared|plugin|bench)/' },
      to: { circular: true },
    },
    {
      name: 'shared-imports-neither-side',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(companion|plugin)/' },
    },
    {
      name: 'plugin-not-companion',
      severity: 'error',
      from: { path: '^plugin/' },
      to: { path: '^companion/' },
    },
    {
      name: 'companion-not-plugin',
      severity: 'error',
      from: { path: '^companion/' },
      to: { path: '^plugin/' },
    },
    ...stackRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test-output|out)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
