// Opens an onnxruntime session on the EP chain the provider setting resolves to here.
import type * as Ort from 'onnxruntime-node';
import { ShotlineError } from '../../../shared/protocol';
import { loadOrt, type OrtSession } from './ort-runtime';
import { resolveChain } from './provider-probe';

export interface OpenedSession {
  session: OrtSession;
  /** The EP chain that opened it. */
  providers: readonly string[];
}

/**
 * Opens a session on the chain the setting resolves to ('auto' is settled once per process by probing; an
 * explicit setting fails loudly rather than fall back to CPU). No memory pattern, as the community export
 * recommends for its peak memory; initialisers go straight to the device allocator; pool threads sleep
 * between runs.
 */
export async function openSession(path: string, provider: string, label: string): Promise<OpenedSession> {
  const ort = loadOrt();
  const chain = await resolveChain(provider);
  try {
    const session = await ort.InferenceSession.create(path, {
      executionProviders: [...chain] as Ort.InferenceSession.ExecutionProviderConfig[],
      enableMemPattern: false,
      graphOptimizationLevel: 'all',
      extra: {
        session: {
          use_device_allocator_for_initializers: '1',
          // Idle pool threads would otherwise spin after each run and take the cores the JS between runs
          // (solver, frame conversion, the encoder) needs; on small machines that doubled the take's time.
          'intra_op.allow_spinning': '0',
          'inter_op.allow_spinning': '0',
        },
      },
    });
    return { session, providers: chain };
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    throw new ShotlineError(
      'MODEL_INVALID',
      `${label} (${path}) could not be opened on [${chain.join(', ')}]: ${reason}`,
    );
  }
}
