// A JSON object read as a Map of its own keys, so names like "__proto__" and "constructor" stay ordinary keys.
import { z } from 'zod';

/**
 * `z.record` builds a plain object: a key "__proto__" there replaces the prototype and is lost, and
 * "constructor" finds Object's. JSON.parse keeps "__proto__" as an own key; a Map of `Object.entries` keeps
 * it too, and issues still point at `field.key.…`.
 */
export function ownKeyMap<T extends z.ZodType>(value: T) {
  return z.preprocess(
    (input) =>
      input && typeof input === 'object' && !Array.isArray(input) && !(input instanceof Map)
        ? new Map(Object.entries(input))
        : input,
    z.map(z.string(), value, { error: 'expected an object of names' }),
  );
}
