// The backends `doctor --backend` can check; a light module so the command's options need no backend code.
export const DOCTOR_BACKENDS = ['slate', 'onnx', 'comfyui', 'dashscope'] as const;

export type DoctorBackend = (typeof DOCTOR_BACKENDS)[number];
