// The slice of `require('uxp')` the panel uses (file pickers, secure storage), typed from Adobe's reference.
// https://developer.adobe.com/premiere-pro/uxp/uxp-api/reference-js/Modules/uxp/Persistent%20File%20Storage/FileSystemProvider/
// https://developer.adobe.com/premiere-pro/uxp/uxp-api/reference-js/Modules/uxp/Key-Value%20Storage/SecureStorage/
// https://developer.adobe.com/premiere-pro/uxp/uxp-api/reference-js/Modules/uxp/Host%20Information/Host/

/** A file or folder the user picked: `nativePath` is the platform path (Entry reference). */
export interface UxpEntry {
  readonly name: string;
  readonly nativePath: string;
}

export interface UxpFile extends UxpEntry {
  /** Text (UTF-8) unless another format is asked for. */
  read(): Promise<string | ArrayBuffer>;
  write(data: string): Promise<unknown>;
}

export interface UxpLocalFileSystem {
  /** "Return empty if no file was selected": a falsy value or an empty array, depending on allowMultiple. */
  getFileForOpening(options?: {
    types?: string[];
    allowMultiple?: boolean;
  }): Promise<UxpFile | UxpFile[] | null | undefined>;
  /** A folder the user picks; `null` when the picker was cancelled. */
  getFolder(): Promise<UxpEntry | null | undefined>;
  /** `null` when the picker was cancelled. `types` are extensions without the dot. */
  getFileForSaving(
    suggestedName: string,
    options?: { types?: string[] },
  ): Promise<UxpFile | null | undefined>;
}

export interface UxpSecureStorage {
  getItem(key: string): Promise<Uint8Array | null | undefined>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export interface UxpApi {
  storage: { localFileSystem: UxpLocalFileSystem; secureStorage: UxpSecureStorage };
  /** `host.uiLocale`: Premiere's UI language, e.g. "zh_CN" or "en_US" (Host Information reference). */
  host?: { readonly uiLocale?: string };
}
