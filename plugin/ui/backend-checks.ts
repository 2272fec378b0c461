// What each backend lacks, as the panel's picker shows it: the companion's preflight answers, kept per backend.
import {
  ErrorCodeSchema,
  type BackendInfo,
  type PreflightCheck,
  type PreflightResult,
  type PreflightState,
  type ToClientMessage,
} from '../../shared/protocol';
import { codedText } from '../i18n/coded-text';
import { t } from '../i18n/i18n';
import { wireErrorText } from '../i18n/wire-error';

/** A backend being checked, or the state its last preflight added up to with the sentences to show. */
export type BackendCheck = { state: 'checking' } | { state: PreflightState; sentences: string[] };

export interface BackendChecks {
  /** Request id → backend, for the preflights still unanswered (an error reply names only the id). */
  pending: Readonly<Record<string, string>>;
  byBackend: Readonly<Record<string, BackendCheck>>;
}

export type BackendChecksAction =
  | { type: 'asked'; id: string; backend: string }
  | { type: 'message'; message: ToClientMessage }
  | { type: 'reset' };

export const NO_CHECKS: BackendChecks = Object.freeze({ pending: {}, byBackend: {} });

/**
 * The sentences doctor prints for the same answer: a ready backend says what answered (its first check), one
 * that cannot run says each check that is not ok, one sentence a line, in doctor's order.
 */
export function checkOf(result: PreflightResult): BackendCheck {
  const sentences =
    result.state === 'ready'
      ? result.checks.slice(0, 1).map(checkText)
      : result.checks.filter((c) => c.status !== 'ok').map(checkText);
  return {
    state: result.state,
    sentences: sentences.length ? sentences : [t('generate.backendIsReady', { backend: result.backend })],
  };
}

/** A check in the panel's language: worded from its code, a failed call as the companion error it was. */
export function checkText({ sentence: message, code, params = {} }: PreflightCheck): string {
  if (code !== 'COMPANION_ERROR') return code ? codedText('check', { code, message, params }) : message;
  const { error, ...rest } = params;
  const parsed = ErrorCodeSchema.safeParse(error);
  return parsed.success ? wireErrorText({ code: parsed.data, message, params: rest }) : message;
}

function without(pending: Readonly<Record<string, string>>, id: string): Record<string, string> {
  const rest = { ...pending };
  delete rest[id];
  return rest;
}

export function backendChecksReducer(checks: BackendChecks, action: BackendChecksAction): BackendChecks {
  if (action.type === 'reset') return NO_CHECKS;
  if (action.type === 'asked') {
    return {
      pending: { ...checks.pending, [action.id]: action.backend },
      byBackend: { ...checks.byBackend, [action.backend]: { state: 'checking' } },
    };
  }
  const { message } = action;
  if (message.type === 'preflight.result') {
    return {
      pending: without(checks.pending, message.re),
      byBackend: { ...checks.byBackend, [message.result.backend]: checkOf(message.result) },
    };
  }
  const backend = message.type === 'error' && message.re ? checks.pending[message.re] : undefined;
  if (message.type !== 'error' || !message.re || backend === undefined) return checks;
  // The companion could not check it (an unknown name, say): the picker says so instead of "checking" forever.
  return {
    pending: without(checks.pending, message.re),
    byBackend: {
      ...checks.byBackend,
      [backend]: { state: 'unreachable', sentences: [wireErrorText(message.error)] },
    },
  };
}

/** True while a preflight for this backend is unanswered: picking it again need not ask twice. */
export function isChecking(checks: BackendChecks, backend: string): boolean {
  return Object.values(checks.pending).includes(backend);
}

/** The picker's label: the backend and its state; a backend never checked shows its label alone. */
export function pickerLabel(info: BackendInfo, check: BackendCheck | undefined): string {
  return check ? `${info.label} — ${t(`generate.state.${check.state}`)}` : info.label;
}

/**
 * Why Generate cannot run on this backend: its first problem, pointing at the rest under the picker; null
 * while it is ready, unchecked or being checked (the companion refuses a batch it cannot run anyway).
 */
export function backendProblem(
  info: BackendInfo | undefined,
  check: BackendCheck | undefined,
): string | null {
  if (!info || !check || check.state === 'checking' || check.state === 'ready') return null;
  const [first, ...rest] = check.sentences;
  const words = { backend: info.label, problem: first, count: rest.length };
  return rest.length ? t('generate.cannotRunMore', words) : t('generate.cannotRun', words);
}
