// A companion error in the editor's language: worded by the panel from its code and parameters, the
// companion's own (English) sentence kept as the detail, and as the fallback for a code the panel does not know.
import type { WireError } from '../../shared/protocol';
import { i18n, t } from './i18n';

export function wireErrorText(error: WireError): string {
  const key = `companionError.${error.code}`;
  if (!i18n.exists(key)) return error.message;
  // With parameters, the `<CODE>_params` wording (i18next context) is used where the catalogue has one.
  return t(key as 'companionError.INTERNAL_ERROR', {
    ...error.params,
    message: error.message,
    ...(error.params && { context: 'params' }),
  });
}
