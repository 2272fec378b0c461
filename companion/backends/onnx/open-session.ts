// Opens an onnxruntime session on the EP chain the provider setting resolves to here.
import { mkdirSync, readdirSync } from 'node:fs';
import { ShotlineError } from '../../../shared/protocol';
import { opsetCeilings, opsetProblem, readOpset } from './opset-check';
import { loadOrt, type OrtSession } from './ort-runtime';
import { resolveProviders } from './provider-probe';
import type { ExecutionProvider } from './providers';
import { sessionPlan, type SessionNeeds } from './session-options';

/** What the caller knows about the session's use (the take's sizes); the graph's path is added here. */
export type OpenNeeds = Omit<SessionNeeds, 'graphPath'> & {
  /** Called before a TensorRT session whose engine folder holds no engine yet: the build takes minutes. */
  onEngineBuild?: (folder: string) => void;
};

/** TensorRT writes `*.engine` files into its cache folder; none there means this size was never built. */
function hasEngines(folder: string): boolean {
  try {
    return readdirSync(folder).some((f) => f.endsWith('.engine'));
  } catch {
    return false;
  }
}

export interface OpenedSession {
  session: OrtSession;
  /** The EP chain that opened it. */
  providers: readonly ExecutionProvider[];
}

/**
 * Opens a session on the chain the setting resolves to ('auto' is settled once per process by probing; an
 * explicit setting fails loudly rather than fall back to CPU), with the options that chain's provider needs.
 */
export async function openSession(
  path: string,
  provider: string,
  label: string,
  needs: OpenNeeds = {},
): Promise<OpenedSession> {
  const ort = loadOrt();
  const { chain } = await resolveProviders(provider);
  const lead = chain[0]!;
  if (Object.hasOwn(opsetCeilings, lead)) {
    // Refused before loading: a graph above the provider's documented opset opens, then runs badly or fails.
    const problem = opsetProblem(label, readOpset(path), lead);
    if (problem) throw new ShotlineError('MODEL_INVALID', problem);
  }
  const plan = sessionPlan(chain, { ...needs, graphPath: path });
  const engines = plan.env.ORT_TENSORRT_CACHE_PATH;
  if (engines) {
    mkdirSync(engines, { recursive: true });
    if (!hasEngines(engines)) needs.onEngineBuild?.(engines);
  }
  // The EP reads these while the session is created (TensorRT's engine cache); nothing else uses them.
  Object.assign(process.env, plan.env);
  try {
    const session = await ort.InferenceSession.create(path, plan.options);
    return { session, providers: chain };
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    throw new ShotlineError(
      'MODEL_INVALID',
      `${label} (${path}) could not be opened on [${chain.join(', ')}]: ${reason}`,
      // onnxruntime's own reason cannot be translated: it travels verbatim as the detail.
      { params: { label, path, providers: chain.join(', '), detail: reason ?? '', case: 'sessionOpen' } },
    );
  }
}
