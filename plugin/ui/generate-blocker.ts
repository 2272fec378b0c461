// Why Generate cannot run yet, as the one sentence shown beside the disabled button.
import { t } from '../i18n/i18n';

export interface GenerateReadiness {
  connected: boolean;
  shotCount: number;
  selectedCount: number;
  backendReady: boolean;
  /** What the chosen backend lacks (its preflight's sentences), when it cannot run. */
  backendProblem?: string | null | undefined;
  /** A problem with the takes or variants (too many, a variable missing), already a sentence. */
  takesProblem?: string | undefined;
}

export function generateBlocker(state: GenerateReadiness): string | null {
  if (!state.connected) return t('generate.blocked.connect');
  if (state.shotCount === 0) return t('generate.blocked.noScript');
  if (state.selectedCount === 0) return t('generate.blocked.noSelection');
  if (!state.backendReady) return t('generate.blocked.noBackend');
  if (state.backendProblem) return state.backendProblem;
  return state.takesProblem ?? null;
}
