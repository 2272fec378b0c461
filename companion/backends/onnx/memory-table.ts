// The README's memory table: the known Wan bundles' documented file sizes through the same estimate doctor
// prints (memory-estimate.ts). `npm run docs:memory` writes it; a test checks the README holds today's.
import { ModelManifestSchema, wanManifest, type ModelManifest } from '../../../shared/model-bundle';
import type { GraphKey } from './graph-keys';
import { estimateMemory, gb, residencies, type GraphWeights } from './memory-estimate';

const GB = 1e9;

/**
 * Sizes as published (DESIGN.md §4: the community export's files; fp16 A14B experts ≈ 28 GB each, the 5B model
 * ≈ 10 GB) and, for the VAE decoders, from their parameter counts in fp32 (Wan2.1 VAE ≈ 0.3 GB per graph,
 * the init and step graphs each holding the decoder; Wan2.2 VAE decoder ≈ 1.4 GB). The export-wan row is the same
 * A14B at `--dtype fp16`: native fp16 experts, the umT5 encoder and the VAE stored at half width but computing
 * in float32, so resident at twice their disk bytes (memory-estimate.ts `residentWeights`). The `--dtype fp8` row
 * is the same bundle with float8 expert matrices, its expert size derived from the architecture (`fp8ExpertBytes`).
 */
export const DOCUMENTED_BUNDLES: readonly {
  label: string;
  manifest: ModelManifest;
  weights: GraphWeights;
}[] = [
  {
    label: 'Wan2.1-T2V-14B, community export, 4-bit `dit.onnx`',
    manifest: ModelManifestSchema.parse(wanManifest('wan21-t2v-14b', { ditFile: 'dit.onnx' })),
    weights: weights({ 'expert:dense': 7.8 }, 0.3),
  },
  {
    label: 'Wan2.1-T2V-14B, community export, `dit_fp16.onnx`',
    manifest: ModelManifestSchema.parse(wanManifest('wan21-t2v-14b', { ditFile: 'dit_fp16.onnx' })),
    weights: weights({ 'expert:dense': 27 }, 0.3),
  },
  {
    label: 'Wan2.2-T2V-A14B, fp16 experts',
    manifest: ModelManifestSchema.parse(wanManifest('wan22-t2v-a14b')),
    weights: weights({ 'expert:high_noise': 28, 'expert:low_noise': 28 }, 0.3),
  },
  {
    label: 'Wan2.2-TI2V-5B, fp16',
    manifest: ModelManifestSchema.parse(wanManifest('wan22-ti2v-5b')),
    weights: { ...weights({ 'expert:dense': 10 }, 0), 'vae:decoder': 1.4 * GB },
  },
  {
    label: 'Wan2.2-T2V-A14B, `export-wan --dtype fp16`',
    manifest: ModelManifestSchema.parse({
      ...wanManifest('wan22-t2v-a14b'),
      export: { tool: 'export-wan', dtype: 'fp16', compute: 'fp16', opset: 17, checkedFor: ['cuda'] },
    }),
    weights: weights({ 'expert:high_noise': 28, 'expert:low_noise': 28 }, 0.15),
  },
  {
    label: 'Wan2.2-T2V-A14B, `export-wan --dtype fp8`',
    manifest: ModelManifestSchema.parse({
      ...wanManifest('wan22-t2v-a14b'),
      export: { tool: 'export-wan', dtype: 'fp8', compute: 'fp16', opset: 19, checkedFor: ['cuda', 'cpu'] },
    }),
    weights: weights(
      { 'expert:high_noise': fp8ExpertBytes() / GB, 'expert:low_noise': fp8ExpertBytes() / GB },
      0.15,
    ),
  },
];

/**
 * One A14B expert as `export-wan --dtype fp8` stores it (wan/configs/wan_t2v_A14B.py: dim 5120, ffn_dim 13824,
 * 40 layers, text_dim 4096, freq_dim 256): the matrices tools/wan-export/fp8_weights.py quantizes (per block q, k, v,
 * o of self- and cross-attention and the feed-forward's two layers; the text embedding's two Linears) at 1 byte
 * each plus one fp16 scale per output row, and Wan's float32 islands (the time embedding's two Linears and the time
 * projection) at 4 bytes. Biases, norms, modulation tables, the head and the patch embedding (< 0.1%) are left out.
 */
export function fp8ExpertBytes(): number {
  const [dim, ffn, layers, text, freq] = [5120, 13824, 40, 4096, 256];
  const block = { matrices: 8 * dim * dim + 2 * dim * ffn, rows: 8 * dim + ffn + dim };
  const textEmbedding = { matrices: text * dim + dim * dim, rows: 2 * dim };
  const quantized = layers * block.matrices + textEmbedding.matrices;
  const scales = 2 * (layers * block.rows + textEmbedding.rows);
  const float32 = 4 * (freq * dim + dim * dim + dim * 6 * dim);
  return quantized + scales + float32;
}

function weights(experts: Partial<Record<GraphKey, number>>, vaeGraph: number): GraphWeights {
  const out: GraphWeights = { text_encoder: 13 * GB };
  for (const [key, size] of Object.entries(experts)) out[key as GraphKey] = size! * GB;
  if (vaeGraph) {
    out['vae:init'] = vaeGraph * GB;
    out['vae:step'] = vaeGraph * GB;
  }
  return out;
}

/** One row per bundle and landscape size at the model's full length: weights, then the peak per residency. */
export function memoryTable(): string {
  const rows = [
    '| bundle | size × frames | weights | peak, `--residency all` | peak, `--residency one` |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const { label, manifest: m, weights: w } of DOCUMENTED_BUNDLES) {
    const total = Object.values(w).reduce((sum: number, b) => sum + (b ?? 0), 0);
    for (const size of m.sampling.sizes.filter((s) => s.width > s.height)) {
      const estimate = estimateMemory(m, w, { ...size, frames: m.sampling.frames });
      const peaks = residencies.map((r) => `${gb(estimate[r].peak.totalBytes)} (${estimate[r].peak.stage})`);
      rows.push(
        `| ${label} | ${size.width}×${size.height} × ${m.sampling.frames} | ${gb(total)} | ${peaks.join(' | ')} |`,
      );
    }
  }
  return rows.join('\n');
}

export const MEMORY_TABLE_START = '<!-- memory-table:start (npm run docs:memory) -->';
export const MEMORY_TABLE_END = '<!-- memory-table:end -->';

/** The README with the table between its markers replaced by today's; throws when the markers are missing. */
export function withMemoryTable(readme: string, table = memoryTable()): string {
  const start = readme.indexOf(MEMORY_TABLE_START);
  const end = readme.indexOf(MEMORY_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md lacks the ${MEMORY_TABLE_START} … ${MEMORY_TABLE_END} markers`);
  return `${readme.slice(0, start + MEMORY_TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
