// CLI flags for the remote backends (DashScope, ComfyUI) and their translation into backend settings.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Logger } from 'pino';
import type { BackendSettings } from '../../backends/registry';
import {
  DASHSCOPE_HOSTS,
  DASHSCOPE_MODEL_NAMES,
  type DashScopeRegion,
} from '../../backends/dashscope/models';
import { BUILT_IN_WORKFLOWS } from '../../backends/comfyui/built-in-workflows';
import { SOURCE_COLOUR_PRESETS } from '../../media/colour-presets';
import { CliError } from '../cli-error';

export interface RemoteFlags {
  dashscopeRegion?: DashScopeRegion;
  dashscopeBaseUrl?: string;
  dashscopeKeyFile?: string;
  dashscopeModel?: string;
  dashscopeSize?: string;
  dashscopePromptExtend: boolean;
  dashscopeWatermark: boolean;
  dashscopeAudio: boolean;
  dashscopePollInterval?: number;
  dashscopeColour?: keyof typeof SOURCE_COLOUR_PRESETS;
  comfyuiUrl?: string;
  comfyuiWorkflow?: string;
  comfyuiAuthHeaderEnv: string;
  comfyuiSteps?: number;
  comfyuiCfg?: number;
  comfyuiShift?: number;
  comfyuiColour?: keyof typeof SOURCE_COLOUR_PRESETS;
}

/** One flag per remote backend: what to assume of a delivered file's missing colour tags. */
function colourOption(backend: string, fallback: string): Option {
  return new Option(
    `--${backend}-colour <preset>`,
    `colour of ${backend} files that carry no tags (default ${fallback}); a file's own tags always win`,
  ).choices(Object.keys(SOURCE_COLOUR_PRESETS));
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" must be a number above 0.`);
  return n;
}

function positiveInteger(value: string): number {
  const n = positiveNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`"${value}" must be a whole number.`);
  return n;
}

/** Adds the --dashscope-* and --comfyui-* flags. Secrets never come as flags (they would show in `ps`). */
export function remoteOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--dashscope-region <region>', 'DashScope region; the API key must belong to it').choices(
        Object.keys(DASHSCOPE_HOSTS),
      ),
    )
    .option('--dashscope-base-url <url>', "DashScope host, overriding the region's")
    .option(
      '--dashscope-key-file <path>',
      'file holding the DashScope API key (default: env DASHSCOPE_API_KEY)',
    )
    .addOption(new Option('--dashscope-model <model>', 'hosted Wan model').choices(DASHSCOPE_MODEL_NAMES))
    .option('--dashscope-size <W*H>', "force one of the model's sizes instead of the nearest to the sequence")
    .option('--no-dashscope-prompt-extend', "turn off DashScope's prompt rewriting")
    .option('--dashscope-watermark', 'ask DashScope to add its watermark', false)
    .option('--no-dashscope-audio', 'no generated soundtrack (wan2.5 and wan2.6 make one by default)')
    .option(
      '--dashscope-poll-interval <seconds>',
      'first wait between status polls (default 15)',
      positiveNumber,
    )
    .addOption(colourOption('dashscope', 'bt601'))
    .option('--comfyui-url <url>', 'ComfyUI server (default http://127.0.0.1:8188)')
    .option(
      '--comfyui-workflow <name|path>',
      `built-in workflow (${Object.keys(BUILT_IN_WORKFLOWS).join(', ')}) or an API-format workflow JSON file`,
    )
    .option(
      '--comfyui-auth-header-env <name>',
      'environment variable holding a header for ComfyUI, as "Name: value"',
      'COMFYUI_AUTH_HEADER',
    )
    .option('--comfyui-steps <n>', "sampling steps (default: the workflow's)", positiveInteger)
    .option('--comfyui-cfg <n>', "guidance scale (default: the workflow's)", positiveNumber)
    .option('--comfyui-shift <n>', "sigma shift (default: the workflow's)", positiveNumber)
    .addOption(colourOption('comfyui', 'bt601: SaveVideo writes PyAV/ffmpeg defaults'));
}

/** An API key from the file a flag names, trimmed; a file that cannot be read is a one-line CLI error. */
export function readKeyFile(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new CliError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Settings for the two backends from parsed flags; `env` is where keys and headers are read from. */
export function remoteSettings(
  flags: RemoteFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
  log?: Logger,
): Pick<BackendSettings, 'dashscope' | 'comfyui'> {
  const apiKey = flags.dashscopeKeyFile
    ? readKeyFile('--dashscope-key-file', flags.dashscopeKeyFile)
    : undefined;
  const authHeader = env[flags.comfyuiAuthHeaderEnv]?.trim() || undefined;
  const defined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return {
    dashscope: defined({
      region: flags.dashscopeRegion,
      baseUrl: flags.dashscopeBaseUrl,
      apiKey,
      model: flags.dashscopeModel,
      size: flags.dashscopeSize,
      promptExtend: flags.dashscopePromptExtend,
      watermark: flags.dashscopeWatermark,
      // Only the "off" is passed on: silent models refuse an audio setting.
      audio: flags.dashscopeAudio === false ? false : undefined,
      pollIntervalMs:
        flags.dashscopePollInterval === undefined ? undefined : flags.dashscopePollInterval * 1000,
      colour: flags.dashscopeColour,
      env,
      log,
    }),
    comfyui: defined({
      url: flags.comfyuiUrl,
      workflow: flags.comfyuiWorkflow,
      authHeader,
      steps: flags.comfyuiSteps,
      cfg: flags.comfyuiCfg,
      shift: flags.comfyuiShift,
      colour: flags.comfyuiColour,
      log,
    }),
  };
}
