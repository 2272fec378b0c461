// A companion error in the editor's language: worded by the panel from its code and parameters, the
// companion's own (English) sentence kept as the detail, and as the fallback for a code the panel does not know.
import type { WireError } from '../../shared/protocol';
import { codedText } from './coded-text';

export const wireErrorText = (error: WireError): string => codedText('companionError', error);
