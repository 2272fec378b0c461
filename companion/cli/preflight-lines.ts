// A preflight result as the lines a person reads on the console: a heading with the state, one line per check.
import type { PreflightCheck, PreflightResult } from '../../shared/protocol';

const MARK: Record<PreflightCheck['status'], string> = {
  ok: 'ok     ',
  missing: 'MISSING',
  wrong: 'WRONG  ',
  unreachable: 'NO ANSWER',
};

export function formatPreflight(r: PreflightResult): string[] {
  return [`${r.backend}: ${r.state}`, ...r.checks.map((c) => `  ${MARK[c.status]} ${c.sentence}`)];
}
