// Builds the UXP panels (dist/premierepro/, dist/aftereffects/) and the browser harness (dist/harness/).
'use strict';
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');

const root = __dirname;

/** The manifest's icons (plugin/icons/, drawn by scripts/make-icons.ts), emitted under icons/ in each plugin. */
const icons = Object.fromEntries(
  fs
    .readdirSync(path.join(root, 'plugin/icons'))
    .map((name) => [`icons/${name}`, path.join(root, 'plugin/icons', name)]),
);

/** Emits static files next to the bundle through webpack's assets API (no copy plugin needed). */
class EmitFilesPlugin {
  /** @param {Record<string, string>} files output name -> source path */
  constructor(files) {
    this.files = files;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap('EmitFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'EmitFilesPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const [name, source] of Object.entries(this.files)) {
            compilation.fileDependencies.add(source);
            compilation.emitAsset(name, new webpack.sources.RawSource(fs.readFileSync(source)));
          }
        },
      );
    });
  }
}

function bundle({ name, entry, outDir, html, mode, extra }) {
  const production = mode === 'production';
  return {
    name,
    mode,
    target: 'web',
    entry: path.join(root, entry),
    output: { path: path.join(root, outDir), filename: 'index.js', clean: true },
    // UXP's debugger needs inline maps; eval-based devtools need code generation from strings, which UXP forbids.
    devtool: production ? false : 'inline-source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js'], ...extra.resolve },
    externals: extra.externals,
    externalsType: 'commonjs2',
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type checking runs separately (tsc --noEmit); ES modules let webpack drop unused code.
            options: { transpileOnly: true, compilerOptions: { module: 'es2020', sourceMap: !production } },
          },
        },
      ],
    },
    optimization: { splitChunks: false, runtimeChunk: false },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new EmitFilesPlugin({
        'index.html': path.join(root, html),
        'panel.css': path.join(root, 'plugin/ui/panel.css'),
        ...extra.files,
      }),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

module.exports = (_env, argv) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  return [
    bundle({
      name: 'premierepro',
      entry: 'plugin/index.tsx',
      outDir: 'dist/premierepro',
      html: 'plugin/index.html',
      mode,
      extra: {
        // Provided by UXP at runtime; kept as require() calls.
        externals: { premierepro: 'premierepro', uxp: 'uxp', fs: 'fs', os: 'os' },
        files: { 'manifest.json': path.join(root, 'manifest.json'), ...icons },
      },
    }),
    bundle({
      name: 'aftereffects',
      entry: 'plugin/aftereffects/index.tsx',
      outDir: 'dist/aftereffects',
      html: 'plugin/index.html',
      mode,
      extra: {
        // One host per manifest: AE gets its own build and manifest (host app "aftereffects").
        externals: {
          aftereffects: 'aftereffects',
          premierepro: 'premierepro',
          uxp: 'uxp',
          fs: 'fs',
          os: 'os',
        },
        files: { 'manifest.json': path.join(root, 'plugin/aftereffects/manifest.json'), ...icons },
      },
    }),
    bundle({
      name: 'harness',
      entry: 'plugin/harness/index.tsx',
      outDir: 'dist/harness',
      html: 'plugin/harness/index.html',
      mode,
      extra: {
        // No Premiere or UXP in a browser: those modules resolve to nothing, so the simulated ones are used.
        resolve: { alias: { premierepro: false, uxp: false, os: false } },
        externals: {},
        files: {},
      },
    }),
  ];
};
