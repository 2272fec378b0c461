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
    onnx: onnxSettings(flags),
    ...remoteSettings(flags, process.env, log),
    ...(flags.syntheticDelayMs !== undefined && { synthetic: { delayMs: flags.syntheticDelayMs } }),
  };
}
