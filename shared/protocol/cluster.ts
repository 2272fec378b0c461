// Studio clusters: the workers a coordinator sees, for the panel's view of who runs what.
import { z } from 'zod';

export const WorkerInfoSchema = z.object({
  id: z.string(),
  host: z.string(),
  backend: z.string(),
  model: z.string(),
  concurrency: z.number().int().positive(),
  active: z.number().int().nonnegative(),
  freeMemoryBytes: z.number().nonnegative(),
  totalMemoryBytes: z.number().nonnegative(),
  /** What the worker runs on, e.g. "cpu", "cuda", "webgpu", or the remote service. */
  device: z.string(),
  seenAt: z.string().describe('ISO 8601 time of the last heartbeat'),
});
export type WorkerInfo = z.infer<typeof WorkerInfoSchema>;

export const ClusterModeSchema = z.enum(['local', 'cluster']);
