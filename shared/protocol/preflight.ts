// What a backend lacks before its first job: one typed answer read by the CLI's doctor, the panel and the docs.
import { z } from 'zod';

/** ok: nothing to do; missing: something to install or set; wrong: set but not usable; unreachable: no answer. */
export const PreflightStatusSchema = z.enum(['ok', 'missing', 'wrong', 'unreachable']);
export type PreflightStatus = z.infer<typeof PreflightStatusSchema>;

export const PreflightCheckSchema = z.object({
  /** Stable name of the check, e.g. "server", "node:UNETLoader", "file:models/vae/wan_2.1_vae.safetensors". */
  check: z.string().min(1),
  status: PreflightStatusSchema,
  /** One sentence for people: what is there or what lacks, and where it goes. */
  sentence: z.string().min(1),
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
