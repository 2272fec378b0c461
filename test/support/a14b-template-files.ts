// The files the built-in wan22-t2v-a14b template names, as preflight checks: what a ComfyUI without models must
// report, against the fake (npm test) and the real server (test:peers) alike. Written from ComfyUI's own template,
// not imported from the client's.
export const A14B_T2V_FILE_CHECKS = [
  'file:models/diffusion_models/wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors',
  'file:models/diffusion_models/wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors',
  'file:models/text_encoders/umt5_xxl_fp8_e4m3fn_scaled.safetensors',
  'file:models/vae/wan_2.1_vae.safetensors',
];
