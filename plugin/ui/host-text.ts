// Host failures in the editor's language: worded from the host adapter's codes (plugin/host/host-error.ts).
import { hostFailure } from '../host/host-adapter';
import { codedText } from '../i18n/coded-text';
import type { PlaceFailure } from './jobs-state';

/** What any host call threw, as the panel says it. */
export const hostErrorText = (err: unknown): string => codedText('hostError', hostFailure(err));

/** A job row's failed placement: kept coded in the state, worded when shown. */
export function placeFailureText(failure: PlaceFailure): string {
  const { message, code, params } = failure;
  return code ? codedText('hostError', { code, message, ...(params && { params }) }) : hostErrorText(message);
}
