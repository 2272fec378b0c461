// ComfyUI preflight from the server's own answers: every node class and every named file of the workflow exists.
import { z } from 'zod';
import {
  ShotlineError,
  errorCheck,
  preflightState,
  type PreflightCheck,
  type PreflightResult,
} from '../../../shared/protocol';
import type { ComfyClient } from './comfy-client';
import { MODEL_DOWNLOADS, missingFileFix } from './model-downloads';
import { MODEL_FOLDERS, ObjectInfoSchema, listOptions, type ObjectInfo } from './object-info';
import { vramCheck } from './vram-check';
import type { Workflow } from './workflow';

const SystemStatsSchema = z.object({
  system: z.object({ comfyui_version: z.string().optional() }).passthrough().default({}),
  devices: z
    .array(
      z
        .object({ name: z.string(), type: z.string().optional(), vram_total: z.number().optional() })
        .passthrough(),
    )
    .default([]),
});

const GIB = 1024 ** 3;

/** Inputs the shot fills: their values in the file are stand-ins, so they are not checked against the server. */
function filledInputs(workflow: Workflow): Set<string> {
  return new Set(Object.values(workflow.placeholders).flat());
}

/** One check per node class the graph uses and per list value it names (model files with their folder). */
export function checkGraph(workflow: Workflow, info: ObjectInfo): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  const filled = filledInputs(workflow);
  const classes = new Set(Object.values(workflow.graph).map((n) => n.class_type));
  for (const cls of classes) {
    if (info[cls]) continue;
    const pack = workflow.nodePacks?.[cls];
    checks.push({
      check: `node:${cls}`,
      status: 'missing',
      sentence: `ComfyUI has no node class ${cls}${pack ? `: install the custom node pack "${pack}"` : ': install the custom node that provides it'} and restart the server.`,
      code: 'COMFYUI_NODE_MISSING',
      params: { node: cls, ...(pack && { pack, case: 'pack' }) },
    });
  }
  for (const [id, node] of Object.entries(workflow.graph)) {
    if (!info[node.class_type]) continue;
    for (const [input, value] of Object.entries(node.inputs)) {
      if (typeof value !== 'string' || filled.has(`${id}.${input}`)) continue;
      const options = listOptions(info, node.class_type, input);
      if (!options || options.includes(value)) continue;
      const folder = MODEL_FOLDERS[input];
      // Two nodes naming one file (a LoRA on both experts) make one line: the user has one file to get.
      if (folder && checks.some((c) => c.check === `file:${folder}/${value}`)) continue;
      checks.push(
        folder
          ? {
              check: `file:${folder}/${value}`,
              status: 'missing',
              sentence: `ComfyUI has no ${value} in ${folder} (node ${id}, ${node.class_type}): ${missingFileFix(value, folder)}, or choose a workflow that names a file you have.`,
              code: 'COMFYUI_FILE_MISSING',
              params: fileParams(value, folder, id, node.class_type),
            }
          : {
              check: `input:${id}.${input}`,
              status: 'wrong',
              sentence: `Node ${id} (${node.class_type}) sets ${input} to "${value}", which this ComfyUI does not offer (it offers ${options.slice(0, 6).join(', ') || 'nothing'}).`,
              code: 'COMFYUI_INPUT_UNKNOWN',
              params: {
                id,
                nodeClass: node.class_type,
                input,
                value,
                offers: options.slice(0, 6).join(', '),
              },
            },
      );
    }
  }
  return checks;
}

function fileParams(file: string, folder: string, id: string, nodeClass: string) {
  const url = Object.hasOwn(MODEL_DOWNLOADS, file) ? MODEL_DOWNLOADS[file] : undefined;
  return { file, folder, id, nodeClass, ...(url && { url, case: 'download' }) };
}

function serverCheck(url: string, stats: z.infer<typeof SystemStatsSchema>): PreflightCheck[] {
  const version = stats.system.comfyui_version ?? 'of unknown version';
  const devices = stats.devices
    .map(
      (d) =>
        `${d.name}${d.vram_total !== undefined && d.type !== 'cpu' ? ` (${(d.vram_total / GIB).toFixed(1)} GiB VRAM)` : ''}`,
    )
    .join(', ');
  return [
    {
      check: 'server',
      status: 'ok',
      sentence: `ComfyUI ${version} answers at ${url}${devices ? ` on ${devices}` : ''}.`,
      code: 'COMFYUI_ANSWERS',
      params: {
        url,
        version: stats.system.comfyui_version ?? '?',
        devices,
        ...(devices && { case: 'devices' }),
      },
    },
  ];
}

/** Reads /system_stats and /object_info (neither queues anything) and checks the workflow against them. */
export async function comfyPreflight(
  client: ComfyClient,
  url: string,
  workflow: Workflow,
  signal: AbortSignal,
): Promise<PreflightResult> {
  let checks: PreflightCheck[];
  try {
    const [statsReply, infoReply] = await Promise.all([
      client.read('/system_stats', signal),
      client.read('/object_info', signal),
    ]);
    const stats = SystemStatsSchema.safeParse(statsReply.json);
    const info = ObjectInfoSchema.safeParse(infoReply.json);
    if (statsReply.status !== 200 || infoReply.status !== 200 || !stats.success || !info.success) {
      checks = [
        {
          check: 'server',
          status: 'wrong',
          sentence: `The server at ${url} does not answer like ComfyUI (/system_stats HTTP ${statsReply.status}, /object_info HTTP ${infoReply.status}); check the URL.`,
          code: 'COMFYUI_NOT_COMFYUI',
          params: { url, stats: statsReply.status, info: infoReply.status },
        },
      ];
    } else {
      checks = [
        ...serverCheck(url, stats.data),
        ...vramCheck(workflow, stats.data.devices),
        ...checkGraph(workflow, info.data),
      ];
    }
  } catch (err) {
    if (!(err instanceof ShotlineError)) throw err;
    const status = err.code === 'REMOTE_AUTH_FAILED' ? 'wrong' : 'unreachable';
    checks = [{ check: 'server', status, ...errorCheck(err) }];
  }
  return { backend: 'comfyui', state: preflightState(checks), checks, checkedAt: Date.now() };
}
