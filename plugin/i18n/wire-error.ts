// A companion error in the editor's language: worded by the panel from its code, the companion's own
// (English) sentence kept as the detail and as the fallback for a code this panel does not know.
import type { WireError } from '../../shared/protocol';
import { i18n, t } from './i18n';

export function wireErrorText(
  error: Pick<WireError, 'code' | 'message'> & { params?: Record<string, unknown> },
): string {
  const key = `companionError.${error.code}` as const;
  if (!i18n.exists(key)) return error.message;
  return t(key as 'companionError.INTERNAL_ERROR', { ...error.params, message: error.message });
}
