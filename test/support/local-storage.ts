// jest's node environment has no localStorage; the panel keeps its settings there in UXP and browsers.
import { afterAll, beforeAll } from '@jest/globals';

/** Installs an in-memory localStorage for the suite; returns its store (clear it between tests if needed). */
export function stubLocalStorage(): Map<string, string> {
  const stored = new Map<string, string>();
  beforeAll(() => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      value: {
        getItem: (key: string) => stored.get(key) ?? null,
        setItem: (key: string, value: string) => void stored.set(key, value),
      },
    });
  });
  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });
  return stored;
}
