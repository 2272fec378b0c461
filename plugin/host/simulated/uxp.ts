// A stand-in for `require('uxp').storage`, written from Adobe's reference rather than from our callers:
// pickers resolve with a File, or "empty" when cancelled (null for save); secure storage keeps bytes and
// hands back a Uint8Array. Tests and the harness decide what the user "picks".
import type { HostLocale } from '../../i18n/host-locale';
import type { UxpApi, UxpFile, UxpLocalFileSystem, UxpSecureStorage } from '../uxp-api';

export interface SimPickedFile {
  name: string;
  text: string;
}

class SimFile implements UxpFile {
  constructor(
    readonly name: string,
    private content: string,
    private readonly onWrite?: (name: string, text: string) => void,
  ) {}

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
  /** Names the next save pickers return; an empty queue is a cancelled picker. */
  readonly toSaveAs: string[] = [];
  /** Every file written through a save picker, by name. */
  readonly saved = new Map<string, string>();
  /** The options each picker was opened with, for tests. */
  readonly pickerCalls: { kind: 'open' | 'save'; types?: string[] }[] = [];
  private readonly secrets = new Map<string, Uint8Array>();
  private readonly localeListeners = new Set<() => void>();
  private uiLocale = 'en_US';

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
        this.pickerCalls.push({ kind: 'open', ...(options.types && { types: options.types }) });
        const picked = this.toOpen.shift();
        if (options.allowMultiple) return picked ? [new SimFile(picked.name, picked.text)] : [];
        return picked ? new SimFile(picked.name, picked.text) : null;
      },
      getFileForSaving: async (suggestedName, options = {}) => {
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
