// What a backend lacks before its first job: one typed answer read by the CLI's doctor, the panel and the docs.
import { z } from 'zod';
import { SentenceParamsSchema } from '../errors/coded-error';
import type { ShotlineError } from './errors';

/** ok: nothing to do; missing: something to install or set; wrong: set but not usable; unreachable: no answer. */
export const PreflightStatusSchema = z.enum(['ok', 'missing', 'wrong', 'unreachable']);
export type PreflightStatus = z.infer<typeof PreflightStatusSchema>;

/** What a check found, for the panel to word in the editor's language (`check.<CODE>` in its catalogues). */
export const PreflightCodeSchema = z.enum([
  'BACKEND_NEEDS_NOTHING',
  /** The check failed with a companion error: params carry its `error` code and the error's own params. */
  'COMPANION_ERROR',
  'DASHSCOPE_MODEL_SERVED',
  'DASHSCOPE_MODEL_NOT_SERVED',
  'DASHSCOPE_NO_KEY',
  'DASHSCOPE_KEY_ACCEPTED',
  'DASHSCOPE_KEY_OTHER_REGION',
  'DASHSCOPE_KEY_REFUSED',
  'COMFYUI_ANSWERS',
  'COMFYUI_NOT_COMFYUI',
  'COMFYUI_NODE_MISSING',
  'COMFYUI_FILE_MISSING',
  'COMFYUI_INPUT_UNKNOWN',
  'COMFYUI_VRAM_SHORT',
]);
export type PreflightCode = z.infer<typeof PreflightCodeSchema>;

export const PreflightCheckSchema = z.object({
  /** Stable name of the check, e.g. "server", "node:UNETLoader", "file:models/vae/wan_2.1_vae.safetensors". */
  check: z.string().min(1),
  status: PreflightStatusSchema,
  /** One sentence for people: what is there or what lacks, and where it goes. */
  sentence: z.string().min(1),
  /** The sentence's code and facts, so the panel says it in its own language; doctor prints `sentence`. */
  code: PreflightCodeSchema.optional(),
  params: SentenceParamsSchema.optional(),
});
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>;

/** ready: can run; needs: something is missing or wrong; unreachable: the service did not answer. */
export const PreflightStateSchema = z.enum(['ready', 'needs', 'unreachable']);
export type PreflightState = z.infer<typeof PreflightStateSchema>;

export const PreflightResultSchema = z.object({
  backend: z.string().min(1),
  state: PreflightStateSchema,
  checks: z.array(PreflightCheckSchema),
  /** Companion clock (ms since the epoch) when the checks ran. */
  checkedAt: z.number(),
});
export type PreflightResult = z.infer<typeof PreflightResultSchema>;

/** The state the checks add up to: any unreachable wins, then any missing or wrong. */
export function preflightState(checks: readonly PreflightCheck[]): PreflightState {
  if (checks.some((c) => c.status === 'unreachable')) return 'unreachable';
  return checks.every((c) => c.status === 'ok') ? 'ready' : 'needs';
}

/** The sentences of every check that is not ok, for an error or the panel's note. */
export function preflightProblems(result: PreflightResult): string {
  return result.checks
    .filter((c) => c.status !== 'ok')
    .map((c) => c.sentence)
    .join(' ');
}

/** A check that failed with a companion error: its sentence, and its code and params for the panel to word. */
export function errorCheck(err: ShotlineError): Pick<PreflightCheck, 'sentence' | 'code' | 'params'> {
  return { sentence: err.message, code: 'COMPANION_ERROR', params: { ...err.params, error: err.code } };
}
