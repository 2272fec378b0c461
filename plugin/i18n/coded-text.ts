// Any coded sentence in the editor's language: `<catalogue>.<CODE>` worded with the sentence's params, the
// English message kept as `{{message}}` and as the fallback for a code this panel's catalogue does not know.
import type { CodedSentence } from '../../shared/errors/coded-error';
import { i18n, t } from './i18n';

/** The catalogue sections that word coded sentences from elsewhere: shared/, the companion, the host adapter. */
export type CodedCatalogue = 'shared' | 'companionError' | 'hostError' | 'check';

export function codedText(catalogue: CodedCatalogue, sentence: CodedSentence): string {
  const key = `${catalogue}.${sentence.code}`;
  const params = sentence.params ?? {};
  // One code may be said several ways: `case` picks `<CODE>_<case>`, any params `<CODE>_params` (i18next context,
  // falling back to `<CODE>` where the catalogue has no such wording); `count` picks the plural form.
  const context =
    typeof params['case'] === 'string'
      ? params['case']
      : Object.keys(params).length > 0
        ? 'params'
        : undefined;
  const options = { ...params, message: sentence.message, ...(context && { context }) };
  if (!i18n.exists(key, options)) return sentence.message;
  // The key is built at run time: its type is one known key, as i18next's typed `t` needs.
  return t(key as 'companionError.INTERNAL_ERROR', options as { context?: 'params' });
}
