// Picking a storyboard still or a folder of boards through UXP's pickers: the panel only needs their paths.
//
// The companion reads the file itself (under its media folders), so the panel never opens it: the picked
// entry's `nativePath` is all that crosses to the companion. Pickers need the manifest's
// `"localFileSystem": "request"`; UXP has no <input type="file"> (Adobe's known issues).
// https://developer.adobe.com/premiere-pro/uxp/uxp-api/reference-js/modules/uxp/persistent-file-storage/file-system-provider
import { onePickerAtATime } from './one-picker';
import type { UxpApi, UxpEntry } from './uxp-api';

/** The still formats the companion accepts (checked again there, by content), as picker types. */
export const STILL_TYPES = ['png', 'jpg', 'jpeg', 'webp'] as const;

export interface MediaPicker {
  /** The path of the still the user picked, or null when they cancelled (or a picker is already open). */
  pickStill(): Promise<string | null>;
  /** The path of the folder the user picked, or null when they cancelled. */
  pickFolder(): Promise<string | null>;
}

const pathOf = (entry: UxpEntry | null | undefined) => (entry?.nativePath ? entry.nativePath : null);

export function uxpMediaPicker(uxp: UxpApi): MediaPicker {
  const fs = uxp.storage.localFileSystem;
  const once = onePickerAtATime();
  return {
    pickStill: () =>
      once(null, async () => {
        const picked = await fs.getFileForOpening({ types: [...STILL_TYPES] });
        return pathOf(Array.isArray(picked) ? picked[0] : picked);
      }),
    pickFolder: () => once(null, async () => pathOf(await fs.getFolder())),
  };
}
