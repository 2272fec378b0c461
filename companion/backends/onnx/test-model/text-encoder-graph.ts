// Tiny umT5 stand-in: embedding lookup, one projection, masked — with the community encoder's exact I/O names.
import { SeededRandom } from '../random';
import { GraphBuilder } from './graph-builder';

export function buildTextEncoder(vocab: number, dim: number, seed: number): Uint8Array {
  const rng = new SeededRandom(seed);
  const g = new GraphBuilder('text_encoder');
  const ids = g.input('input_ids', 'int64', ['B', 'S']);
  const mask = g.input('attention_mask', 'int64', ['B', 'S']);
  const table = g.weight([vocab, dim], rng.fillUniform(new Float32Array(vocab * dim), 1));
  const proj = g.weight([dim, dim], rng.fillUniform(new Float32Array(dim * dim), 1 / Math.sqrt(dim)));
  const emb = g.op('Gather', [table, ids], { axis: 0 });
  const hidden = g.op('Tanh', [g.op('MatMul', [emb, proj])]);
  // A real encoder leaves padding rows non-zero; the pipeline must zero them, so the stand-in does not.
  const maskF = g.op('Unsqueeze', [g.op('Cast', [mask], { to: 1 }), g.ints([-1])]);
  const gate = g.op('Add', [g.op('Mul', [maskF, g.scalar(0.5)]), g.scalar(0.5)]);
  g.op('Mul', [hidden, gate], {}, ['text_embeddings']);
  g.output('text_embeddings', 'float32', ['B', 'S', dim]);
  return g.build().model;
}
