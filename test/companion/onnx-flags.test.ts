// The local-model flags as generate, render-script and serve parse them, and the onnx settings they become.
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { onnxOptions, onnxSettings, type OnnxFlags } from '../../companion/cli/commands/onnx-flags';

function parse(args: string[]): OnnxFlags {
  const command = onnxOptions(
    new Command('generate').exitOverride().configureOutput({ writeErr: () => undefined }),
  );
  command.parse(args, { from: 'user' });
  return command.opts<OnnxFlags>();
}

test('defaults: final quality, residency chosen from memory, engines in the default data folder', () => {
  const previous = process.env.SHOTLINE_DATA_DIR;
  process.env.SHOTLINE_DATA_DIR = join('tmp', 'shotline-data');
  try {
    expect(onnxSettings(parse([]))).toEqual({
      provider: 'auto',
      residency: 'auto',
      quality: 'final',
      noise: 'fast',
      engineCache: join(resolve('tmp', 'shotline-data'), 'tensorrt-cache'),
    });
  } finally {
    if (previous === undefined) delete process.env.SHOTLINE_DATA_DIR;
    else process.env.SHOTLINE_DATA_DIR = previous;
  }
});

test('--quality draft and --residency one pass through; serve’s --data-dir holds the engines', () => {
  const flags = { ...parse(['--quality', 'draft', '--residency', 'one']), dataDir: 'studio-data' };
  expect(onnxSettings(flags)).toMatchObject({
    quality: 'draft',
    residency: 'one',
    engineCache: join(resolve('studio-data'), 'tensorrt-cache'),
  });
});

test('an unknown preset is refused with the choices named', () => {
  expect(() => parse(['--quality', 'best'])).toThrow(
    "error: option '--quality <preset>' argument 'best' is invalid. Allowed choices are draft, final.",
  );
});
