// Compiles the hand-written WebAssembly kernels (companion/backends/onnx/kernels/*.wat and
// companion/media/kernels/*.wat) into the TypeScript modules that carry their bytes, beside each .wat, so the
// companion needs no compiler at run time; a test checks they match.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabt from 'wabt';

const ONNX_KERNELS = join('companion', 'backends', 'onnx', 'kernels');
const MEDIA_KERNELS = join('companion', 'media', 'kernels');

/** Every kernel: its name (name.wat -> name-wasm.ts) and its folder, relative to the repository root. */
export const KERNELS: readonly { readonly name: string; readonly dir: string }[] = [
  { name: 'rgba', dir: ONNX_KERNELS },
  { name: 'unipc', dir: ONNX_KERNELS },
  { name: 'guidance', dir: ONNX_KERNELS },
  { name: 'yuv420', dir: MEDIA_KERNELS },
];

/** The .wat file's binary, with the features the kernels use (SIMD, saturating float-to-int). */
export async function compileWat(file: string, text: string): Promise<Uint8Array> {
  const tools = await wabt();
  const parsed = tools.parseWat(file, text, { simd: true, sat_float_to_int: true });
  try {
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/** The generated module for one kernel: its bytes as base64, and where they came from. */
export function kernelModule(name: string, bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  return [
    `// Generated from ${name}.wat by scripts/wasm-kernels.ts (node dist/node/scripts/wasm-kernels.js): do not edit.`,
    // Laid out as prettier lays out a long string, so the generated file passes the format check as written.
    `export const ${name.toUpperCase()}_WASM =`,
    `  '${base64}';`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..');
  for (const { name, dir } of KERNELS) {
    const wat = join(root, dir, `${name}.wat`);
    const bytes = await compileWat(wat, readFileSync(wat, 'utf8'));
    writeFileSync(join(root, dir, `${name}-wasm.ts`), kernelModule(name, bytes));
  }
}

if (require.main === module) void main();
