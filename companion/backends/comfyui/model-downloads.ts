// Where each model file the built-in templates name can be downloaded, so a missing one is named with its source.
// The links are those ComfyUI's own Wan2.2 templates give in their "Model Links" notes
// (https://github.com/Comfy-Org/workflow_templates, templates/video_wan2_2_*.json); the README's
// "ComfyUI model files" table lists the same ones (a test keeps the two in step).

const WAN22 = 'https://huggingface.co/Comfy-Org/Wan_2.2_ComfyUI_Repackaged/resolve/main/split_files';
const WAN21 = 'https://huggingface.co/Comfy-Org/Wan_2.1_ComfyUI_repackaged/resolve/main/split_files';

/** File name → download URL. */
export const MODEL_DOWNLOADS: Readonly<Record<string, string>> = Object.freeze({
  'wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors': `${WAN22}/diffusion_models/wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors`,
  'wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors': `${WAN22}/diffusion_models/wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors`,
  'wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors': `${WAN22}/diffusion_models/wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors`,
  'wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors': `${WAN22}/diffusion_models/wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors`,
  'wan2.2_ti2v_5B_fp16.safetensors': `${WAN22}/diffusion_models/wan2.2_ti2v_5B_fp16.safetensors`,
  'wan2.2_t2v_lightx2v_4steps_lora_v1.1_high_noise.safetensors': `${WAN22}/loras/wan2.2_t2v_lightx2v_4steps_lora_v1.1_high_noise.safetensors`,
  'wan2.2_t2v_lightx2v_4steps_lora_v1.1_low_noise.safetensors': `${WAN22}/loras/wan2.2_t2v_lightx2v_4steps_lora_v1.1_low_noise.safetensors`,
  'wan2.2_vae.safetensors': `${WAN22}/vae/wan2.2_vae.safetensors`,
  'wan_2.1_vae.safetensors': `${WAN21}/vae/wan_2.1_vae.safetensors`,
  'umt5_xxl_fp8_e4m3fn_scaled.safetensors': `${WAN21}/text_encoders/umt5_xxl_fp8_e4m3fn_scaled.safetensors`,
});

/** What to do about a missing file: download it from its known source, or put it there. */
export function missingFileFix(file: string, folder: string): string {
  const url = Object.hasOwn(MODEL_DOWNLOADS, file) ? MODEL_DOWNLOADS[file] : undefined;
  return url
    ? `download it from ${url} into ComfyUI/${folder} (the README's "ComfyUI model files" table lists every file)`
    : 'put the file there';
}
