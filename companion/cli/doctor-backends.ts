// `shotline doctor --backend …`: each backend's preflight as one typed result, loaded only when doctor runs.
import { resolve } from 'node:path';
import { preflightState, type PreflightCheck, type PreflightResult } from '../../shared/protocol';
import type { BackendSettings } from '../backends/registry';
import { ComfyUIBackend } from '../backends/comfyui/comfyui-backend';
import { dashscopePreflight } from '../backends/dashscope/dashscope-preflight';
import type { DoctorBackend } from './doctor-backend-names';

export { formatPreflight } from './preflight-lines';

export type { DoctorBackend } from './doctor-backend-names';

function result(backend: string, checks: PreflightCheck[]): PreflightResult {
  return { backend, state: preflightState(checks), checks, checkedAt: Date.now() };
}

/** A settings error (a wrong workflow file, say) is itself the check that fails, not a crash. */
function settingsFailure(backend: string, err: unknown): PreflightResult {
  return result(backend, [{ check: 'settings', status: 'wrong', sentence: (err as Error).message }]);
}

async function onnxPreflight(
  model: string | undefined,
  provider: string,
  open: boolean,
): Promise<PreflightResult> {
  const { bundleHealth, checkBundle, providerTable } = await import('../backends/onnx/doctor-checks');
  // Only the providers this platform's onnxruntime-node ships: the others are not a lack of this machine.
  const providers = (await providerTable()).rows.filter((p) => p.shipped);
  // One provider that opens is enough to run; the others are reported, not required.
  const anyOk = providers.some((p) => p.ok);
  const checks: PreflightCheck[] = providers.map((p) => ({
    check: `provider:${p.provider}`,
    status: p.ok || anyOk ? 'ok' : 'missing',
    sentence: `${p.provider}: ${p.ok ? '' : 'does not load here, '}${p.detail}`,
  }));
  if (!model) {
    checks.push({
      check: 'bundle',
      status: 'missing',
      sentence: 'No model bundle given: pass --model DIR (a folder with manifest.json and the ONNX graphs).',
    });
    return result('onnx', checks);
  }
  try {
    // LFS pointers and truncated data first: opening such a graph would only fail less clearly.
    const { files } = bundleHealth(resolve(model));
    for (const f of files) checks.push({ check: `file:${f.file}`, status: 'wrong', sentence: f.sentence });
    if (files.length) return result('onnx', checks);
    const bundle = await checkBundle(resolve(model), provider, open);
    for (const g of bundle.graphs) {
      checks.push({
        check: `graph:${g.graph}`,
        status: g.ok ? 'ok' : 'wrong',
        sentence: `${g.graph}: ${g.detail}`,
      });
    }
  } catch (err) {
    checks.push({
      check: 'bundle',
      status: 'wrong',
      sentence: `Model bundle ${model}: ${(err as Error).message}`,
    });
  }
  return result('onnx', checks);
}

export async function doctorBackend(
  name: DoctorBackend,
  settings: BackendSettings,
  onnx: { model?: string; provider: string; open: boolean },
  signal: AbortSignal,
): Promise<PreflightResult> {
  switch (name) {
    case 'slate':
      return result('slate', [
        { check: 'backend', status: 'ok', sentence: 'The embedded slate needs no GPU, model or key.' },
      ]);
    case 'onnx':
      return onnxPreflight(onnx.model, onnx.provider, onnx.open);
    case 'comfyui': {
      let backend: ComfyUIBackend;
      try {
        backend = new ComfyUIBackend(settings.comfyui);
      } catch (err) {
        return settingsFailure('comfyui', err);
      }
      return backend.preflight(signal);
    }
    case 'dashscope':
      return dashscopePreflight(settings.dashscope ?? {}, signal);
  }
}
