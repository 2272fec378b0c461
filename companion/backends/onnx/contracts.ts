// The graph contract of each bundle file, read off the manifest (the caches are named, their shapes are free).
import type { Expert, ModelManifest, TensorSpec } from '../../../shared/model-bundle';
import type { GraphContract } from './graph-contract';

export function textEncoderContract(m: ModelManifest): GraphContract {
  const te = m.textEncoder;
  return { inputs: [te.inputIds, te.attentionMask], outputs: [te.output] };
}

export function expertContract(m: ModelManifest, _expert: Expert): GraphContract {
  const t = m.transformer;
  const image = t.image?.kind === 'channels' ? [t.image.input] : [];
  return { inputs: [t.latent, t.timestep, t.context, ...image], outputs: [t.output] };
}

const caches = (prefix: string, count: number): TensorSpec[] =>
  Array.from({ length: count }, (_, k) => ({ name: `${prefix}${k}`, dtype: 'float', shape: [] }));

export function vaeContracts(m: ModelManifest): Record<string, GraphContract> {
  const vae = m.vae;
  if (vae.kind === 'whole')
    return { decoder: { inputs: [vae.decoder.latent], outputs: [vae.decoder.video] } };
  const { count, inputPrefix, outputPrefix } = vae.cache;
  return {
    init: { inputs: [vae.init.latent], outputs: [vae.init.video, ...caches(outputPrefix, count)] },
    step: {
      inputs: [vae.step.latent, ...caches(inputPrefix, count)],
      outputs: [vae.step.video, ...caches(outputPrefix, count)],
    },
  };
}

/** The VAE encoder's init (frame 0, caches out) and step (4 frames and caches in, caches out) graphs. */
export function vaeEncoderContracts(m: ModelManifest): Record<string, GraphContract> {
  const enc = m.vaeEncoder;
  if (!enc) return {};
  const { count, inputPrefix, outputPrefix } = enc.cache;
  return {
    init: { inputs: [enc.init.video], outputs: [enc.init.latent, ...caches(outputPrefix, count)] },
    step: {
      inputs: [enc.step.video, ...caches(inputPrefix, count)],
      outputs: [enc.step.latent, ...caches(outputPrefix, count)],
    },
  };
}
