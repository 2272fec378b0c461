// Declares a protocol message once: its type tag, who sends it, and its zod schema with the version.
import { z } from 'zod';
import { PROTOCOL_VERSION } from './version';

export type Direction = 'toServer' | 'toClient';

export interface MessageDefinition<T extends string, D extends Direction, S extends z.ZodRawShape> {
  readonly type: T;
  readonly direction: D;
  readonly description: string;
  readonly schema: z.ZodObject<{ v: z.ZodLiteral<typeof PROTOCOL_VERSION>; type: z.ZodLiteral<T> } & S>;
}

export function defineMessage<T extends string, D extends Direction, S extends z.ZodRawShape>(
  type: T,
  direction: D,
  description: string,
  shape: S,
): MessageDefinition<T, D, S> {
  const schema = z
    .object({ v: z.literal(PROTOCOL_VERSION), type: z.literal(type), ...shape })
    .strict()
    .describe(description);
  return Object.freeze({ type, direction, description, schema }) as MessageDefinition<T, D, S>;
}
