// Every backend's CLI flags in one place, so serve, generate and render-script offer the same settings.
import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { BackendSettings } from '../../backends/registry';
import { onnxOptions, onnxSettings, type OnnxFlags } from './onnx-flags';
import { remoteOptions, remoteSettings, type RemoteFlags } from './remote-flags';

export type BackendFlags = OnnxFlags & RemoteFlags & { syntheticDelayMs?: number };

export function backendOptions(command: Command): Command {
  return remoteOptions(onnxOptions(command)).option(
    '--synthetic-delay-ms <ms>',
    'synthetic backend (benchmarks only): wall time per take',
    (v) => Number(v),
  );
}

export function backendSettingsFromFlags(flags: BackendFlags, log?: Logger): BackendSettings {
  return {
    // The daemon logs the defaults' notices (a smaller size, one-graph residency, engine builds) with the rest.
    onnx: {
      ...onnxSettings(flags),
      ...(log && { notice: (line: string) => log.warn({ backend: 'onnx' }, line) }),
    },
    ...remoteSettings(flags, process.env, log),
    ...(flags.syntheticDelayMs !== undefined && { synthetic: { delayMs: flags.syntheticDelayMs } }),
  };
}
