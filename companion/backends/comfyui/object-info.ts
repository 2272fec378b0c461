// ComfyUI's GET /object_info read for preflight: which node classes exist and the options of each list input.
import { z } from 'zod';

/** An input spec is [type, options?]; a list input's type is the list itself (or "COMBO" with options.options). */
const InputSpecSchema = z.array(z.unknown());
const NodeInfoSchema = z.object({
  input: z
    .object({
      required: z.record(z.string(), InputSpecSchema).optional(),
      optional: z.record(z.string(), InputSpecSchema).optional(),
    })
    .default({}),
});
export const ObjectInfoSchema = z.record(z.string(), NodeInfoSchema.passthrough());
export type ObjectInfo = z.infer<typeof ObjectInfoSchema>;

/** The choices of a list input, or undefined when the input is not a list (numbers, text, links). */
export function listOptions(info: ObjectInfo, classType: string, input: string): string[] | undefined {
  const node = info[classType]?.input;
  const spec = node?.required?.[input] ?? node?.optional?.[input];
  if (!spec) return undefined;
  const [type, extra] = spec;
  if (Array.isArray(type)) return type.filter((o): o is string => typeof o === 'string');
  if (type === 'COMBO') {
    const options = (extra as { options?: unknown } | undefined)?.options;
    return Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : [];
  }
  return undefined;
}

/** Where ComfyUI looks for the file each loader input names, as its folder_paths sets them up. */
export const MODEL_FOLDERS: Readonly<Record<string, string>> = Object.freeze({
  unet_name: 'models/diffusion_models',
  vae_name: 'models/vae',
  clip_name: 'models/text_encoders',
  clip_name1: 'models/text_encoders',
  clip_name2: 'models/text_encoders',
  lora_name: 'models/loras',
  ckpt_name: 'models/checkpoints',
});
