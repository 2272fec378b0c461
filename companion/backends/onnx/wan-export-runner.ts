// Runs tools/wan-export/export_wan.py (Python: torch reads the official checkpoints) and writes the manifest.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { MANIFEST_FILE, type ModelManifest, type StoredDType } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import { ExportReportSchema, manifestFromReport } from './export-manifest';

const run = promisify(execFile);
const MODULES = ['torch', 'onnx', 'onnxruntime', 'einops', 'safetensors'];

export interface WanExportOptions {
  checkpoint: string;
  out: string;
  variant: 'wan22-a14b' | 'wan22-i2v-a14b' | 'wan22-5b' | 'wan21-14b';
  /** fp8: float8 expert weights computing in fp16 (opset 19: not DirectML). */
  dtype: StoredDType;
  python: string;
  wanSource: string | undefined;
  /** Hidden: lower the external-data threshold (tests exercise that layout on tiny graphs). */
  externalOver?: number;
}

/** The repository's tools/wan-export, found upward from this file (source tree and built dist alike). */
export function exporterDir(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'tools', 'wan-export');
    if (existsSync(join(candidate, 'export_wan.py'))) return candidate;
  }
  throw new ShotlineError(
    'BACKEND_NOT_READY',
    'export-wan: tools/wan-export is not beside this installation.',
  );
}

/** A sentence for each thing export-wan needs and lacks, checked before the long run starts. */
export async function checkExportPrerequisites(o: WanExportOptions, tool: string): Promise<void> {
  const setup = `bash ${join(tool, 'setup.sh')}`;
  try {
    await run(o.python, ['-c', `import ${MODULES.join(', ')}`]);
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new ShotlineError(
        'BACKEND_NOT_READY',
        `export-wan needs Python 3 with torch, but "${o.python}" was not found: install Python, run ${setup}, ` +
          'and pass the python it prints with --python.',
        { params: { python: o.python, setup, case: 'exportNoPython' } },
      );
    const missing = /No module named '([^']+)'/.exec(e.stderr ?? '')?.[1] ?? 'a module';
    throw new ShotlineError(
      'BACKEND_NOT_READY',
      `export-wan: ${o.python} has no ${missing} (it needs ${MODULES.join(', ')}): run ${setup} ` +
        `(or pip install -r ${join(tool, 'requirements.txt')}) and pass the python it prints with --python.`,
      {
        params: {
          python: o.python,
          missing,
          modules: MODULES.join(', '),
          setup,
          install: `pip install -r ${join(tool, 'requirements.txt')}`,
          case: 'exportNoModule',
        },
      },
    );
  }
  if (!o.wanSource)
    throw new ShotlineError(
      'BACKEND_NOT_READY',
      "export-wan runs Wan's own model code: clone https://github.com/Wan-Video/Wan2.2 and pass " +
        '--wan-source DIR (or set WAN_SOURCE).',
    );
  if (!existsSync(o.wanSource))
    throw new ShotlineError(
      'BACKEND_NOT_READY',
      `export-wan: the Wan source ${o.wanSource} does not exist.`,
      {
        params: { path: o.wanSource, case: 'exportNoWanSource' },
      },
    );
  if (!existsSync(o.checkpoint))
    throw new ShotlineError(
      'MODEL_INVALID',
      `export-wan: the checkpoint folder ${o.checkpoint} does not exist.`,
      { params: { path: o.checkpoint, case: 'exportNoCheckpoint' } },
    );
}

export async function exportWan(o: WanExportOptions): Promise<ModelManifest> {
  const tool = exporterDir();
  await checkExportPrerequisites(o, tool);
  const args = [join(tool, 'export_wan.py'), resolve(o.checkpoint), resolve(o.out), '--variant', o.variant];
  args.push('--dtype', o.dtype, '--wan-source', resolve(o.wanSource!));
  if (o.externalOver !== undefined) args.push('--external-over', String(o.externalOver));
  let stdout: string;
  try {
    ({ stdout } = await run(o.python, args, { maxBuffer: 64 * 1024 * 1024 }));
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const last = (e.stderr ?? e.message).trim().split('\n').pop();
    // The exporter's own last line (Python's, torch's) cannot be translated: it travels as the detail.
    throw new ShotlineError('MODEL_INVALID', `export-wan failed: ${last}`, {
      params: { detail: last ?? '', case: 'exportFailed' },
    });
  }
  const report = ExportReportSchema.parse(JSON.parse(stdout.trim().split('\n').pop()!));
  const manifest = manifestFromReport(report, `${basename(resolve(o.checkpoint))} (${o.dtype})`);
  await writeFile(join(o.out, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
