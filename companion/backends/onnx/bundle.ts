// Opens a model bundle folder: reads and validates shotline-model.json and checks every file it names is there.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, parseManifest, type ModelManifest } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import { allGraphKeys, graphFiles } from './graph-keys';
import type { GraphWeights } from './memory-estimate';

export interface ModelBundle {
  dir: string;
  manifest: ModelManifest;
  path(file: string): string;
}

/** Every file the manifest names, with what it is for (for messages). */
export function bundleFiles(m: ModelManifest): { file: string; role: string }[] {
  const graph = (g: { file: string; externalData: string[] }, role: string) => [
    { file: g.file, role },
    ...g.externalData.map((file) => ({ file, role: `${role} external data` })),
  ];
  const vae =
    m.vae.kind === 'streaming'
      ? [...graph(m.vae.init, 'VAE decoder (init)'), ...graph(m.vae.step, 'VAE decoder (step)')]
      : graph(m.vae.decoder, 'VAE decoder');
  const encoder = m.vaeEncoder
    ? [...graph(m.vaeEncoder.init, 'VAE encoder (init)'), ...graph(m.vaeEncoder.step, 'VAE encoder (step)')]
    : [];
  return [
    { file: m.tokenizer.file, role: 'tokenizer' },
    ...graph(m.textEncoder, 'text encoder'),
    ...encoder,
    ...m.transformer.experts.flatMap((e) => graph(e, `transformer (${e.id})`)),
    ...(m.draft?.experts ?? []).flatMap((e) => graph(e, `4-step draft transformer (${e.id})`)),
    ...vae,
  ];
}

/** Bytes each graph holds: its file and its external data, as they lie on disk (what a session loads). */
export function bundleWeights(bundle: ModelBundle): GraphWeights {
  const m = bundle.manifest;
  const weights: GraphWeights = {};
  for (const key of allGraphKeys(m)) {
    const files = graphFiles(m, key);
    weights[key] = files.reduce((sum, f) => sum + statSync(bundle.path(f)).size, 0);
  }
  return weights;
}

export function readBundle(dir: string): ModelBundle {
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    throw new ShotlineError(
      'MODEL_INVALID',
      `${manifestPath} is missing: ${dir} is not a Shotline model bundle.`,
      { params: { manifest: manifestPath, dir, case: 'noManifest' } },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new ShotlineError('MODEL_INVALID', `${manifestPath} is not valid JSON: ${(err as Error).message}`, {
      params: { manifest: manifestPath, detail: (err as Error).message, case: 'manifestJson' },
    });
  }
  const parsed = parseManifest(json);
  if (!parsed.ok) {
    throw new ShotlineError(
      'MODEL_INVALID',
      `${manifestPath} does not match the manifest schema: ${parsed.problems.join('; ')}`,
      { params: { manifest: manifestPath, detail: parsed.problems.join('; '), case: 'manifestSchema' } },
    );
  }
  const missing = bundleFiles(parsed.manifest).filter(({ file }) => {
    const p = join(dir, file);
    return !existsSync(p) || !statSync(p).isFile();
  });
  if (missing.length) {
    throw new ShotlineError(
      'MODEL_INVALID',
      `Model bundle ${dir} is missing ${missing.map((m) => `${m.file} (${m.role})`).join(', ')}.`,
      {
        params: { dir, files: missing.map((m) => `${m.file} (${m.role})`).join(', '), case: 'filesMissing' },
      },
    );
  }
  return { dir, manifest: parsed.manifest, path: (file) => join(dir, file) };
}
