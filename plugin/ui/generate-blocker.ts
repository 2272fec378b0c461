// Why Generate cannot run yet, as the one sentence shown beside the disabled button.
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
  if (!state.connected) return 'Connect to the companion first.';
  if (state.shotCount === 0) return 'Paste or import a script first.';
  if (state.selectedCount === 0) return 'Select the script lines to make shots of.';
  if (!state.backendReady) return 'The companion has no backend ready.';
  if (state.backendProblem) return state.backendProblem;
  return state.takesProblem ?? null;
}
