// A sentence with a stable code and the values it is made of: programs read the code, the CLI and logs print the
// English message, and the panel words the code and params in the editor's language from its catalogue.
import { z } from 'zod';

/** The values a sentence is made of, so a reader can word it in another language. */
export const SentenceParamsSchema = z.record(z.string().max(64), z.union([z.string().max(500), z.number()]));
export type SentenceParams = z.infer<typeof SentenceParamsSchema>;

/** Values cut to what the schema lets through, so a long service reply cannot make the sentence unsendable. */
export function fitParams(params: SentenceParams): SentenceParams {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.slice(0, 500) : value,
    ]),
  );
}

/** The shape of a coded sentence as data, for any code list: `{ code, message, params? }`. */
export function codedSentenceSchema<Code extends z.ZodType<string>>(code: Code) {
  return z.object({
    code,
    /** The English sentence: what logs and the CLI show, and the fallback for a code a catalogue lacks. */
    message: z.string(),
    params: SentenceParamsSchema.optional(),
  });
}
type AnySentence = z.infer<ReturnType<typeof codedSentenceSchema<z.ZodString>>>;
export type CodedSentence<Code extends string = string> = Omit<AnySentence, 'code'> & { code: Code };

/** An error local to one module (not crossing the socket): a stable code for programs, a sentence for people. */
export class CodedError<Code extends string> extends Error {
  readonly params: SentenceParams;
  constructor(
    readonly code: Code,
    message: string,
    params: SentenceParams = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.params = fitParams(params);
  }

  /** The error as plain data, for a pane that words it later or a message that carries it. */
  toSentence(): CodedSentence<Code> {
    return { code: this.code, message: this.message, params: this.params };
  }
}
