// Names for the graphs of a bundle (text encoder, each expert, VAE parts) and their file, label and contract.
import type { ModelManifest } from '../../../shared/model-bundle';
import { expertContract, textEncoderContract, vaeContracts, vaeEncoderContracts } from './contracts';
import type { GraphContract } from './graph-contract';

/** `draft:<id>` is the step-distilled graph of expert <id> (manifest `draft`). */
export type GraphKey =
  | 'text_encoder'
  | `expert:${string}`
  | `draft:${string}`
  | 'vae:init'
  | 'vae:step'
  | 'vae:decoder'
  | 'encoder:init'
  | 'encoder:step';

export function vaeKeys(m: ModelManifest): GraphKey[] {
  return m.vae.kind === 'streaming' ? ['vae:init', 'vae:step'] : ['vae:decoder'];
}

/** The VAE encoder's graphs, when the bundle has one (image to video). */
export function encoderKeys(m: ModelManifest): GraphKey[] {
  return m.vaeEncoder ? ['encoder:init', 'encoder:step'] : [];
}

export function expertKeys(m: ModelManifest): GraphKey[] {
  return m.transformer.experts.map((e) => `expert:${e.id}` as const);
}

export function draftKeys(m: ModelManifest): GraphKey[] {
  return (m.draft?.experts ?? []).map((e) => `draft:${e.id}` as const);
}

export function contractFor(
  m: ModelManifest,
  key: GraphKey,
): { file: string; label: string; contract: GraphContract } {
  if (key === 'text_encoder')
    return { file: m.textEncoder.file, label: key, contract: textEncoderContract(m) };
  if (key.startsWith('expert:')) {
    const expert = m.transformer.experts.find((e) => `expert:${e.id}` === key);
    if (!expert) throw new Error(`no transformer expert "${key.slice(7)}" in the manifest`);
    return { file: expert.file, label: key, contract: expertContract(m, expert) };
  }
  if (key.startsWith('draft:')) {
    const draft = m.draft?.experts.find((e) => `draft:${e.id}` === key);
    const expert = m.transformer.experts.find((e) => `draft:${e.id}` === key);
    if (!draft || !expert) throw new Error(`no distilled expert "${key.slice(6)}" in the manifest's draft`);
    return { file: draft.file, label: key, contract: expertContract(m, expert) };
  }
  if (key === 'encoder:init' || key === 'encoder:step') {
    const part = key === 'encoder:init' ? 'init' : 'step';
    const contract = vaeEncoderContracts(m)[part];
    if (!m.vaeEncoder || !contract) throw new Error('the manifest has no VAE encoder');
    return { file: m.vaeEncoder[part].file, label: key, contract };
  }
  const part = key.slice(4);
  const contract = vaeContracts(m)[part];
  const vae = m.vae;
  const file = vae.kind === 'whole' ? vae.decoder.file : part === 'init' ? vae.init.file : vae.step.file;
  if (!contract) throw new Error(`the manifest's VAE has no "${part}" graph`);
  return { file, label: key, contract };
}

/** Every graph a take uses, in the order a take opens them. */
export function allGraphKeys(m: ModelManifest): GraphKey[] {
  return ['text_encoder', ...encoderKeys(m), ...expertKeys(m), ...vaeKeys(m)];
}

/** A graph's files: the graph and its external data. */
export function graphFiles(m: ModelManifest, key: GraphKey): string[] {
  const vae = m.vae;
  const graph =
    key === 'text_encoder'
      ? m.textEncoder
      : key === 'encoder:init' || key === 'encoder:step'
        ? m.vaeEncoder?.[key === 'encoder:init' ? 'init' : 'step']
        : key.startsWith('expert:')
          ? m.transformer.experts.find((e) => `expert:${e.id}` === key)
          : vae.kind === 'whole'
            ? vae.decoder
            : key === 'vae:init'
              ? vae.init
              : vae.step;
  if (!graph) throw new Error(`no graph "${key}" in the manifest`);
  return [graph.file, ...graph.externalData];
}
