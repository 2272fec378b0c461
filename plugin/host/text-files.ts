// Opening and saving text files through UXP's pickers: UXP has no <input type="file"> (Adobe's known issues).
import { onePickerAtATime } from './one-picker';
import type { UxpApi, UxpFile } from './uxp-api';

export interface OpenedText {
  name: string;
  text: string;
}

export interface TextFiles {
  /** The file the user picked, or null when they cancelled (or a picker is already open). */
  open(types: readonly string[]): Promise<OpenedText | null>;
  /** True once written; false when the user cancelled. */
  save(suggestedName: string, types: readonly string[], text: string): Promise<boolean>;
}

/** Extensions the pickers offer, without the dot (the form getFileForSaving documents). */
export const SCRIPT_TYPES = ['fountain', 'spmd', 'fdx', 'txt'] as const;
export const TEMPLATE_TYPES = ['json'] as const;

export function uxpTextFiles(uxp: UxpApi): TextFiles {
  const fs = uxp.storage.localFileSystem;
  const once = onePickerAtATime();
  return {
    open: (types) =>
      once(null, async () => {
        const picked = await fs.getFileForOpening({ types: [...types] });
        const file: UxpFile | undefined = Array.isArray(picked) ? picked[0] : (picked ?? undefined);
        if (!file) return null;
        const content = await file.read();
        const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
        return { name: file.name, text };
      }),
    save: (suggestedName, types, text) =>
      once(false, async () => {
        const file = await fs.getFileForSaving(suggestedName, { types: [...types] });
        if (!file) return false;
        await file.write(text);
        return true;
      }),
  };
}
