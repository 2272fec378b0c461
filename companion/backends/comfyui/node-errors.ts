// ComfyUI's refusal of a graph (HTTP 400 node_errors) and its execution_error, said per node in plain words.
import { z } from 'zod';
import { ShotlineError } from '../../../shared/protocol';

const ReasonSchema = z.object({
  type: z.string().optional(),
  message: z.string().optional(),
  details: z.string().optional(),
  extra_info: z.object({ input_name: z.string().optional() }).passthrough().optional(),
});

export const PromptRefusalSchema = z.object({
  error: z.union([ReasonSchema, z.string()]).optional(),
  node_errors: z
    .union([
      z.record(
        z.string(),
        z.object({
          errors: z.array(ReasonSchema).default([]),
          class_type: z.string().optional(),
          /** The output nodes this node's error takes down: ComfyUI drops those branches and runs the rest. */
          dependent_outputs: z.array(z.string()).default([]),
        }),
      ),
      z.array(z.unknown()),
    ])
    .optional(),
});

// ComfyUI's validation error types, rephrased for someone who did not write the graph.
const PLAIN: Record<string, string> = {
  value_not_in_list: 'the value is not one the server offers (a model file may be missing on the server)',
  required_input_missing: 'a required input is not connected or set',
  invalid_input_type: 'an input has the wrong type',
  value_smaller_than_min: 'a value is below its minimum',
  value_bigger_than_max: 'a value is above its maximum',
  return_type_mismatch: 'an input is connected to an output of the wrong kind',
  exception_during_validation: 'the node failed while checking its inputs',
  exception_during_inner_validation: 'the node failed while checking its inputs',
};

function reasonText(reason: z.infer<typeof ReasonSchema>): string {
  const plain = (reason.type && PLAIN[reason.type]) || reason.message || reason.type || 'invalid';
  const input = reason.extra_info?.input_name;
  const details = reason.details ? ` — ${reason.details}` : '';
  return `${input ? `input "${input}": ` : ''}${plain}${details}`;
}

/** "node 37 (UNETLoader): input "unet_name": the value is not one the server offers …" lines. */
export function describeNodeErrors(body: unknown): string[] {
  const parsed = PromptRefusalSchema.safeParse(body);
  if (!parsed.success) return [];
  const lines: string[] = [];
  const nodeErrors = parsed.data.node_errors;
  if (nodeErrors && !Array.isArray(nodeErrors)) {
    for (const [id, entry] of Object.entries(nodeErrors)) {
      for (const reason of entry.errors) {
        lines.push(`node ${id}${entry.class_type ? ` (${entry.class_type})` : ''}: ${reasonText(reason)}`);
      }
    }
  }
  if (lines.length === 0 && parsed.data.error) {
    const error = parsed.data.error;
    lines.push(typeof error === 'string' ? error : reasonText(error));
  }
  return lines;
}

/**
 * Of `outputs` (the nodes that save our video), those a 200 reply's node_errors say were dropped. ComfyUI
 * answers HTTP 200 when at least one output branch is valid and silently runs only those.
 */
export function droppedOutputs(body: unknown, outputs: readonly string[]): string[] {
  const parsed = PromptRefusalSchema.safeParse(body);
  const nodeErrors = parsed.success ? parsed.data.node_errors : undefined;
  if (!nodeErrors || Array.isArray(nodeErrors)) return [];
  const dropped = new Set<string>();
  for (const [id, entry] of Object.entries(nodeErrors)) {
    if (outputs.includes(id)) dropped.add(id);
    for (const out of entry.dependent_outputs) if (outputs.includes(out)) dropped.add(out);
  }
  return outputs.filter((id) => dropped.has(id));
}

export const ExecutionErrorSchema = z.object({
  prompt_id: z.string().optional(),
  node_id: z.union([z.string(), z.number()]).optional(),
  node_type: z.string().optional(),
  exception_message: z.string().optional(),
  exception_type: z.string().optional(),
});

export function describeExecutionError(data: unknown): string {
  const parsed = ExecutionErrorSchema.safeParse(data);
  if (!parsed.success) return 'an unreadable execution error';
  const { node_id, node_type, exception_type, exception_message } = parsed.data;
  const where = node_id !== undefined ? `node ${node_id}${node_type ? ` (${node_type})` : ''}` : 'a node';
  const what = [exception_type, exception_message?.trim()].filter(Boolean).join(': ') || 'no detail';
  return `${where} failed: ${what}`;
}

/** ComfyUI stopped a running workflow: the CLI's sentence, and the node and ComfyUI's own text as params. */
export function executionStopped(data: unknown): ShotlineError {
  const message = `ComfyUI stopped the workflow: ${describeExecutionError(data)}.`;
  const parsed = ExecutionErrorSchema.safeParse(data);
  if (!parsed.success)
    return new ShotlineError('REMOTE_TASK_FAILED', message, { params: { case: 'comfyuiStoppedUnreadable' } });
  const { node_id, node_type, exception_type, exception_message } = parsed.data;
  // The exception is Python's text from the server: it cannot be translated and goes verbatim as the detail.
  const detail = [exception_type, exception_message?.trim()].filter(Boolean).join(': ');
  const node = node_id === undefined ? undefined : `${node_id}${node_type ? ` (${node_type})` : ''}`;
  const c = `${node ? 'comfyuiStoppedNode' : 'comfyuiStopped'}${detail ? '' : 'NoDetail'}`;
  return new ShotlineError('REMOTE_TASK_FAILED', message, {
    params: { ...(node && { node }), detail, case: c },
  });
}
