// Whether the template fits the server's GPU: its documented need against /system_stats' devices, one sentence
// when it will not fit. A CPU-only server has no VRAM to compare (its "vram_total" is the machine's RAM).
import type { PreflightCheck } from '../../../shared/protocol';
import type { Workflow } from './workflow';

export interface ComfyDevice {
  name: string;
  type?: string | undefined;
  vram_total?: number | undefined;
}

const GIB = 1024 ** 3;

/** No check when the template declares no need or the server reports no GPU; else `wrong` on a too-small card. */
export function vramCheck(workflow: Workflow, devices: readonly ComfyDevice[]): PreflightCheck[] {
  const need = workflow.vram;
  const gpus = devices.filter((d) => d.type !== 'cpu' && d.vram_total !== undefined);
  if (!need || gpus.length === 0) return [];
  // ComfyUI runs a prompt on one device: the largest one is the best this server can do.
  const best = gpus.reduce((a, b) => ((b.vram_total ?? 0) > (a.vram_total ?? 0) ? b : a));
  const has = (best.vram_total ?? 0) / GIB;
  if (has >= need.gib) return [];
  const name = workflow.label ?? workflow.name;
  return [
    {
      check: 'vram',
      status: 'wrong',
      code: 'COMFYUI_VRAM_SHORT',
      params: {
        template: name,
        need: need.gib.toFixed(1),
        width: need.width,
        height: need.height,
        frames: need.frames,
        gpu: best.name,
        has: has.toFixed(1),
      },
      sentence: `${name} needs about ${need.gib.toFixed(1)} GiB of VRAM at ${need.width}×${need.height}, ${need.frames} frames (${need.note}; ${need.source}), but the largest GPU on this ComfyUI, ${best.name}, has ${has.toFixed(1)} GiB: use a card with more memory, or a template that needs less (the README's table of built-in templates).`,
    },
  ];
}
