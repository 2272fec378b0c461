// Prompt -> text embeddings [L, D]: clean as Wan does, tokenize, pad/truncate, encode, cut to the real length and
// zero-pad back.
import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import type { ModelManifest } from '../../../shared/model-bundle';
import { ShotlineError } from '../../../shared/protocol';
import type { GraphSession } from './graph-session';
import { cleanPrompt } from './prompt-clean';
import { readFloats } from './tensors';

export interface TokenizedPrompt {
  ids: BigInt64Array;
  mask: BigInt64Array;
  /** Real tokens, end-of-sequence included. */
  length: number;
}

export function loadTokenizer(path: string): Tokenizer {
  try {
    return new Tokenizer(JSON.parse(readFileSync(path, 'utf8')), {});
  } catch (err) {
    throw new ShotlineError(
      'MODEL_INVALID',
      `${path}: not a usable tokenizer.json (${(err as Error).message}).`,
      { params: { path, detail: (err as Error).message, case: 'tokenizer' } },
    );
  }
}

export function tokenize(
  tokenizer: Tokenizer,
  text: string,
  maxLength: number,
  padId: number,
): TokenizedPrompt {
  let ids = tokenizer.encode(text, { add_special_tokens: true }).ids;
  // Truncate like transformers does with special tokens: keep the closing </s>.
  if (ids.length > maxLength) ids = [...ids.slice(0, maxLength - 1), ids[ids.length - 1]!];
  const out = new BigInt64Array(maxLength).fill(BigInt(padId));
  const mask = new BigInt64Array(maxLength);
  ids.forEach((id, i) => {
    out[i] = BigInt(id ?? padId);
    mask[i] = 1n;
  });
  return { ids: out, mask, length: ids.length };
}

/** Encodes prompts with the bundle's text encoder, caching each prompt's embeddings for later takes. */
export class PromptEncoder {
  private readonly cache = new Map<string, Float32Array>();
  private static readonly CACHE_LIMIT = 32;

  constructor(
    private readonly tokenizer: Tokenizer,
    /** Opened only on a cache miss: a cached prompt never loads the encoder. */
    private readonly session: () => Promise<GraphSession>,
    private readonly manifest: ModelManifest,
  ) {}

  /** Embeddings as [maxLength, D] fp32, rows past the real token count zeroed. */
  async encode(text: string): Promise<Float32Array> {
    // Wan tokenizes the cleaned text; prompts that clean to the same text share one encoding.
    const prompt = cleanPrompt(text);
    const hit = this.cache.get(prompt);
    if (hit) return hit;
    const { tokenizer: tk, textEncoder: te } = this.manifest;
    const tokens = tokenize(this.tokenizer, prompt, tk.maxLength, tk.padId);
    const dims = [1, tk.maxLength];
    const session = await this.session();
    const ort = session.ort;
    const out = await session.run({
      [te.inputIds.name]: new ort.Tensor('int64', tokens.ids, dims),
      [te.attentionMask.name]: new ort.Tensor('int64', tokens.mask, dims),
    });
    const tensor = out[te.output.name]!;
    const dim = tensor.dims[2]!;
    const embeddings = readFloats(tensor, te.file).slice(0, tk.maxLength * dim);
    embeddings.fill(0, tokens.length * dim);
    if (this.cache.size >= PromptEncoder.CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(prompt, embeddings);
    return embeddings;
  }
}
