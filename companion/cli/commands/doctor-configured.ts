// Which backends `shotline doctor` checks without --backend: the slate always, each other one once a flag or
// the environment sets it up, and the default the user runs with whatever it is.
import type { DoctorBackend } from '../doctor-backend-names';
import type { RemoteFlags } from './remote-flags';

export interface ConfiguredFlags extends Pick<
  RemoteFlags,
  | 'comfyuiUrl'
  | 'comfyuiWorkflow'
  | 'comfyuiAuthHeaderEnv'
  | 'dashscopeKeyFile'
  | 'dashscopeRegion'
  | 'dashscopeBaseUrl'
  | 'dashscopeModel'
> {
  model?: string;
  defaultBackend: DoctorBackend;
}

/** In doctor's order: slate, onnx, comfyui, dashscope; a backend nobody set up is not reported as lacking. */
export function configuredBackends(
  flags: ConfiguredFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DoctorBackend[] {
  const set = (value: string | undefined) => value !== undefined && value.trim() !== '';
  const configured: Record<DoctorBackend, boolean> = {
    slate: true,
    onnx: set(flags.model),
    comfyui: set(flags.comfyuiUrl) || set(flags.comfyuiWorkflow) || set(env[flags.comfyuiAuthHeaderEnv]),
    dashscope:
      set(env.DASHSCOPE_API_KEY) ||
      [flags.dashscopeKeyFile, flags.dashscopeRegion, flags.dashscopeBaseUrl, flags.dashscopeModel].some(set),
  };
  configured[flags.defaultBackend] = true;
  return (Object.keys(configured) as DoctorBackend[]).filter((name) => configured[name]);
}
