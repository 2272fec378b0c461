// The sizes of a graph's symbolic latent dimensions for the take being generated (DirectML fixes them).
import type { GraphContract } from './graph-contract';

/**
 * For each latent-shaped input ([1, C, T, h, w] with the bundle's C channels), the manifest's name of each
 * free size mapped to the take's value: the names a bundle's graphs declare, which onnxruntime matches
 * against the graph when it applies `freeDimensionOverrides` (names the graph lacks are ignored there).
 */
export function latentDimensions(
  contract: GraphContract,
  latentShape: readonly number[],
): Record<string, number> {
  const dims: Record<string, number> = {};
  for (const spec of contract.inputs) {
    if (spec.shape.length !== latentShape.length + 1 || spec.shape[1] !== latentShape[0]) continue;
    spec.shape.forEach((dim, i) => {
      if (i >= 2 && typeof dim === 'string') dims[dim] = latentShape[i - 1]!;
    });
  }
  return dims;
}
