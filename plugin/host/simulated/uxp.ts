// A stand-in for `require('uxp').storage`, written from Adobe's reference rather than from our callers:
// pickers resolve with a File, or "empty" when cancelled (null for save); secure storage keeps bytes and
// hands back a Uint8Array. Tests and the harness decide what the user "picks".
import type { HostLocale } from '../../i18n/host-locale';
import type { UxpApi, UxpEntry, UxpFile, UxpLocalFileSystem, UxpSecureStorage } from '../uxp-api';

export interface SimPickedFile {
  name: string;
  text: string;
  /** Where the file lies; `/sim/picked/<name>` when a test does not care. */
  nativePath?: string;
}

/**
 * The manifest's `requiredPermissions.localFileSystem`. Only "request" and "fullAccess" let a plugin open
 * the pickers; "plugin" (UXP's default) keeps it to its own sandbox folders. Premiere's drag-and-drop
 * tutorial: "localFileSystem": "request" "to allow users to select local files"
 * (https://developer.adobe.com/premiere-pro/uxp/plugins/tutorials/drag-and-drop/).
 */
export type SimFileSystemPermission = 'plugin' | 'request' | 'fullAccess';

class SimFile implements UxpFile {
  readonly nativePath: string;
  constructor(
    readonly name: string,
    private content: string,
    private readonly onWrite?: (name: string, text: string) => void,
    nativePath?: string,
  ) {
    this.nativePath = nativePath ?? `/sim/picked/${name}`;
  }

  async read(): Promise<string> {
    return this.content;
  }

  async write(data: string): Promise<number> {
    if (typeof data !== 'string') throw new TypeError('File.write: this stand-in writes text only');
    this.content = data;
    this.onWrite?.(this.name, data);
    return data.length;
  }
}

export class SimulatedUxp implements UxpApi {
  /** What the next open pickers return, oldest first; an empty queue is a cancelled picker. */
  readonly toOpen: SimPickedFile[] = [];
  /** Folders the next folder pickers return, oldest first; an empty queue is a cancelled picker. */
  readonly foldersToPick: UxpEntry[] = [];
  /** Names the next save pickers return; an empty queue is a cancelled picker. */
  readonly toSaveAs: string[] = [];
  /** Every file written through a save picker, by name. */
  readonly saved = new Map<string, string>();
  /** The options each picker was opened with, for tests. */
  readonly pickerCalls: { kind: 'open' | 'save' | 'folder'; types?: string[] }[] = [];
  private readonly secrets = new Map<string, Uint8Array>();
  private readonly localeListeners = new Set<() => void>();
  private uiLocale = 'en_US';

  /** `localFileSystem`: the permission the manifest grants; the panel's manifests ask for "request". */
  constructor(private readonly options: { localFileSystem?: SimFileSystemPermission } = {}) {}

  private assertPickersAllowed(method: string): void {
    const granted = this.options.localFileSystem ?? 'request';
    if (granted === 'plugin')
      throw new Error(
        `${method}: permission denied; the manifest's requiredPermissions.localFileSystem is "plugin", and pickers need "request" or "fullAccess".`,
      );
  }

  /** `host.uiLocale` as UXP reports it: an underscore locale such as "en_US" or "zh_CN". */
  get host(): { readonly uiLocale: string } {
    return { uiLocale: this.uiLocale };
  }

  /** The harness and tests play Premiere's UI language; the panel follows while it is on "auto". */
  setUiLocale(locale: string): void {
    this.uiLocale = locale;
    for (const listener of this.localeListeners) listener();
  }

  readonly locale: HostLocale = {
    current: () => this.uiLocale,
    subscribe: (listener) => {
      this.localeListeners.add(listener);
      return () => this.localeListeners.delete(listener);
    },
  };

  readonly storage: { localFileSystem: UxpLocalFileSystem; secureStorage: UxpSecureStorage } = {
    localFileSystem: {
      getFileForOpening: async (options = {}) => {
        this.assertPickersAllowed('getFileForOpening');
        this.pickerCalls.push({ kind: 'open', ...(options.types && { types: options.types }) });
        const picked = this.toOpen.shift();
        const file = picked && new SimFile(picked.name, picked.text, undefined, picked.nativePath);
        if (options.allowMultiple) return file ? [file] : [];
        return file ?? null;
      },
      getFolder: async () => {
        this.assertPickersAllowed('getFolder');
        this.pickerCalls.push({ kind: 'folder' });
        return this.foldersToPick.shift() ?? null;
      },
      getFileForSaving: async (suggestedName, options = {}) => {
        this.assertPickersAllowed('getFileForSaving');
        if (!suggestedName && !options.types)
          throw new TypeError('getFileForSaving: suggestedName is required');
        this.pickerCalls.push({ kind: 'save', ...(options.types && { types: options.types }) });
        const name = this.toSaveAs.shift();
        return name === undefined ? null : new SimFile(name, '', (n, text) => this.saved.set(n, text));
      },
    },
    secureStorage: {
      getItem: async (key) => this.secrets.get(key),
      setItem: async (key, value) => {
        if (typeof value !== 'string' || value === '') throw new TypeError('setItem: the value is empty');
        this.secrets.set(key, new TextEncoder().encode(value));
      },
      removeItem: async (key) => {
        if (!this.secrets.delete(key)) throw new Error(`removeItem: no value for "${key}"`);
      },
    },
  };
}
