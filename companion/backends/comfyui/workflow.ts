// ComfyUI workflows: built-in templates or the user's API-format file, with named placeholders checked before use.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ShotlineError } from '../../../shared/protocol';
import { BUILT_IN_WORKFLOWS } from './built-in-workflows';

export { BUILT_IN_WORKFLOWS };

/**
 * Every placeholder a workflow may declare; switch_step and cfg_low serve two-expert (A14B) graphs, start_image
 * and end_image take the names of images uploaded for the shot (LoadImage's "image" input).
 */
export const PLACEHOLDERS = [
  'prompt',
  'negative_prompt',
  'seed',
  'width',
  'height',
  'length',
  'fps',
  'steps',
  'cfg',
  'cfg_low',
  'shift',
  'switch_step',
  'start_image',
  'end_image',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string | number>>;

const NodeSchema = z.object({
  class_type: z.string().min(1),
  inputs: z.record(z.string(), z.unknown()),
  _meta: z.unknown().optional(),
});
const GraphSchema = z.record(z.string(), NodeSchema);
export type ApiGraph = z.infer<typeof GraphSchema>;

const WorkflowFileSchema = z.object({
  name: z.string().default('custom'),
  label: z.string().optional(),
  fps: z.number().positive().optional(),
  maxFrames: z.number().int().positive().optional(),
  sizes: z.array(z.tuple([z.number().int().positive(), z.number().int().positive()])).optional(),
  /** Wan's expert switch as a fraction of the 1000-step timestep range (0.875 for T2V A14B). */
  boundary: z.number().gt(0).lt(1).optional(),
  /** A fixed share of the steps for the high-noise expert instead (ComfyUI's own templates split in half). */
  split: z.number().gt(0).lt(1).optional(),
  defaults: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /**
   * What the template needs on the GPU, as its source measured it: GiB at a size and length, the source's own
   * words (`note`) and where they are written, so preflight can say a card is too small before the first job.
   */
  vram: z
    .object({
      gib: z.number().positive(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      frames: z.number().int().positive(),
      note: z.string().min(1),
      source: z.string().url(),
    })
    .optional(),
  /** Node class → the custom node pack that provides it, so a missing class names what to install. */
  nodePacks: z.record(z.string(), z.string()).optional(),
  /** Node id of the output to download; otherwise the first video file in the history. */
  output: z.string().optional(),
  /** Placeholder name → "nodeId.inputName" references it fills. */
  placeholders: z.record(z.string(), z.array(z.string().regex(/^[^.]+\.[^.]+$/, 'refs look like "6.text"'))),
  graph: GraphSchema,
});
export type Workflow = z.infer<typeof WorkflowFileSchema>;

const MARKER = /^\{\{\s*([a-z_]+)\s*\}\}$/;

function invalid(source: string, problems: string[]): ShotlineError {
  return new ShotlineError(
    'WORKFLOW_INVALID',
    `The ComfyUI workflow ${source} cannot be used: ${problems.slice(0, 8).join('; ')}${problems.length > 8 ? `; and ${problems.length - 8} more` : ''}.`,
    {
      params: {
        source,
        problems: problems.slice(0, 8).join('; '),
        count: problems.length,
        case: 'cannotUse',
      },
    },
  );
}

/** A bare API-format graph with "{{name}}" values: the markers become its placeholder declarations. */
function fromMarkedGraph(graph: ApiGraph): Workflow {
  // No prototype: a placeholder named "constructor" or "__proto__" is an ordinary name.
  const placeholders: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [id, node] of Object.entries(graph)) {
    for (const [input, value] of Object.entries(node.inputs)) {
      const name = typeof value === 'string' ? MARKER.exec(value)?.[1] : undefined;
      if (name) (placeholders[name] ??= []).push(`${id}.${input}`);
    }
  }
  return { name: 'custom', defaults: {}, placeholders, graph };
}

/** Parses and validates a workflow object; `source` names it in errors. */
export function parseWorkflow(data: unknown, source: string): Workflow {
  if (data && typeof data === 'object' && Array.isArray((data as { nodes?: unknown }).nodes)) {
    throw invalid(source, [
      'it is in ComfyUI\'s editor format; export it with "Export (API)" so nodes are keyed by id',
    ]);
  }
  let workflow: Workflow;
  if (data && typeof data === 'object' && 'graph' in data) {
    const parsed = WorkflowFileSchema.safeParse(data);
    if (!parsed.success) {
      throw invalid(
        source,
        parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`),
      );
    }
    workflow = parsed.data;
  } else {
    const graph = GraphSchema.safeParse(data);
    if (!graph.success) {
      throw invalid(source, [
        'it is not an API-format graph (an object of nodes, each with "class_type" and "inputs")',
      ]);
    }
    workflow = fromMarkedGraph(graph.data);
  }
  const problems = validateWorkflow(workflow);
  if (problems.length > 0) throw invalid(source, problems);
  return workflow;
}

/** Every declared placeholder must be a known name pointing at an existing input of an existing node. */
export function validateWorkflow(workflow: Workflow): string[] {
  const problems: string[] = [];
  const { graph } = workflow;
  if (Object.keys(graph).length === 0) problems.push('the graph has no nodes');
  for (const [name, refs] of Object.entries(workflow.placeholders)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(`unknown placeholder "${name}" (known: ${PLACEHOLDERS.join(', ')})`);
      continue;
    }
    if (refs.length === 0) problems.push(`placeholder "${name}" points nowhere`);
    for (const ref of refs) {
      const [id, input] = ref.split('.') as [string, string];
      const node = graph[id];
      if (!node) problems.push(`placeholder "${name}" points to node ${id}, which is not in the graph`);
      else if (!Object.hasOwn(node.inputs, input)) {
        problems.push(
          `placeholder "${name}" points to input "${input}" of node ${id} (${node.class_type}), which it does not have`,
        );
      } else if (Array.isArray(node.inputs[input])) {
        problems.push(
          `placeholder "${name}" points to ${id}.${input}, which is a link to another node, not a value`,
        );
      }
    }
  }
  if (!workflow.placeholders.prompt) problems.push('it declares no "prompt" placeholder');
  for (const [id, node] of Object.entries(graph)) {
    for (const [input, value] of Object.entries(node.inputs)) {
      if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && !graph[value[0]]) {
        problems.push(
          `node ${id} (${node.class_type}) input "${input}" links to node ${value[0]}, which is not in the graph`,
        );
      }
    }
  }
  if (workflow.output && !graph[workflow.output]) {
    problems.push(`its output node ${workflow.output} is not in the graph`);
  }
  return problems;
}

/** Loads a built-in template by name or a workflow file by path. */
export function loadWorkflow(choice: string): Workflow {
  const builtIn = Object.hasOwn(BUILT_IN_WORKFLOWS, choice) ? BUILT_IN_WORKFLOWS[choice] : undefined;
  if (builtIn) return parseWorkflow(builtIn, `"${choice}"`);
  let text: string;
  try {
    text = readFileSync(choice, 'utf8');
  } catch (err) {
    throw new ShotlineError(
      'WORKFLOW_INVALID',
      `ComfyUI workflow "${choice}" is neither a built-in (${Object.keys(BUILT_IN_WORKFLOWS).join(', ')}) nor a readable file: ${(err as Error).message}`,
      {
        params: {
          choice,
          builtIns: Object.keys(BUILT_IN_WORKFLOWS).join(', '),
          detail: (err as Error).message,
          case: 'notFound',
        },
      },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw invalid(choice, [`it is not JSON (${(err as Error).message})`]);
  }
  return parseWorkflow(data, choice);
}

/** A copy of the graph with every declared placeholder set; placeholders without a value keep the graph's. */
export function fillWorkflow(workflow: Workflow, values: PlaceholderValues): ApiGraph {
  const graph = structuredClone(workflow.graph);
  for (const [name, refs] of Object.entries(workflow.placeholders)) {
    const value =
      (Object.hasOwn(values, name) ? values[name as Placeholder] : undefined) ??
      (Object.hasOwn(workflow.defaults, name) ? workflow.defaults[name] : undefined);
    if (value === undefined) continue;
    for (const ref of refs) {
      const [id, input] = ref.split('.') as [string, string];
      graph[id]!.inputs[input] = value;
    }
  }
  // A marker nobody filled would reach ComfyUI as the literal text "{{seed}}": refuse instead.
  for (const [id, node] of Object.entries(graph)) {
    for (const [input, value] of Object.entries(node.inputs)) {
      if (typeof value === 'string' && MARKER.test(value)) {
        throw new ShotlineError(
          'WORKFLOW_INVALID',
          `Node ${id} input "${input}" still holds ${value}: no value was given for it.`,
          { params: { id, input, value: String(value), case: 'unfilled' } },
        );
      }
    }
  }
  return graph;
}

/**
 * Steps given to the high-noise expert: Wan's schedule σ(s) = shift·s/(1+(shift−1)·s) at
 * s = 0.999·(1 − i/N), counting steps whose timestep trunc(1000σ) is at or above the boundary.
 */
export function switchStep(steps: number, shift: number, boundary: number): number {
  let high = 0;
  for (let i = 0; i < steps; i++) {
    const s = 0.999 * (1 - i / steps);
    if (Math.trunc((1000 * shift * s) / (1 + (shift - 1) * s)) >= boundary * 1000) high++;
  }
  return Math.min(Math.max(high, 1), steps - 1);
}
