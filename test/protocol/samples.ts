// One valid example of every protocol message; the round-trip test fails if a message has none.
import type { ToClientMessage, ToServerMessage } from '../../shared/protocol';

const output = {
  path: '/tmp/out/S1-01_take1.mp4',
  sidecarPath: '/tmp/out/S1-01_take1.json',
  frames: 144,
  fps: { num: 24000, den: 1001 },
  width: 1280,
  height: 720,
  durationSeconds: 6.006,
  codec: 'h264',
  sha256: 'a'.repeat(64),
  poster: { path: '/tmp/out/S1-01_take1.mp4.poster.jpg', dataUrl: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' },
};
const provenance = {
  aiGenerated: true as const,
  label: 'AI PREVIZ DRAFT',
  prompt: '一名身穿黑色风衣的男子从高楼跃下',
  seed: 7,
  backend: 'slate',
  model: 'slate-v1',
  steps: 0,
  guidance: 0,
  shotId: 'S1-01',
  take: 1,
  createdAt: '2026-11-25T08:00:00.000Z',
  finishedAt: '2026-11-25T08:00:02.000Z',
  software: { name: 'shotline' as const, version: '0.1.0' },
};

export const toServerSamples: ToServerMessage[] = [
  { v: 1, type: 'hello', token: 'abc123', client: { name: 'panel', version: '0.1.0' } },
  {
    v: 1,
    type: 'generate',
    id: 'r1',
    shots: [
      {
        shotId: 'S1-01',
        prompt: 'Kai leaps from the edge.',
        negativePrompt: 'blurry',
        duration: { seconds: 6 },
        fps: { num: 24000, den: 1001 },
        size: { width: 1280, height: 720 },
        seed: 1,
        backend: 'slate',
        takes: 2,
      },
    ],
  },
  { v: 1, type: 'cancel', id: 'c1', jobId: 'job_abcdefgh' },
  { v: 1, type: 'promote', id: 'p1', jobId: 'job_abcdefgh' },
  {
    v: 1,
    type: 'jobs.placed',
    placements: [
      { jobId: 'job_abcdefgh', placed: true },
      { jobId: 'job_bcdefghi', placed: false, message: 'Track V3 is locked.' },
    ],
  },
  { v: 1, type: 'jobs.list', id: 'l1' },
  { v: 1, type: 'workers.list', id: 'w1' },
  { v: 1, type: 'templates.list', id: 't1', project: 'night-drop', offset: 1 },
  {
    v: 1,
    type: 'templates.save',
    id: 't2',
    templates: [{ name: '雨夜', description: '', template: '{subject}{action}，雨夜，霓虹灯。[{camera}。]' }],
    negativePrompt: null,
  },
  { v: 1, type: 'templates.delete', id: 't3', project: 'night-drop', names: ['action stunt'] },
  { v: 1, type: 'preflight', id: 'p1', backend: 'comfyui' },
];

export const toClientSamples: ToClientMessage[] = [
  {
    v: 1,
    type: 'welcome',
    server: { name: 'shotline', version: '0.1.0' },
    outputDir: '/tmp/out',
    backends: [
      {
        name: 'slate',
        label: 'Slate',
        available: true,
        capabilities: {
          sizes: [],
          maxSize: { width: 3840, height: 2160 },
          fps: [],
          maxDurationSeconds: 120,
          concurrency: 1,
        },
      },
    ],
  },
  {
    v: 1,
    type: 'accepted',
    re: 'r1',
    jobs: [{ jobId: 'job_abcdefgh', shotId: 'S1-01', take: 1, label: 'coat colour: blue · seed 7' }],
  },
  {
    v: 1,
    type: 'job.progress',
    jobId: 'job_abcdefgh',
    progress: { phase: 'generating', step: 3, total: 144, fraction: 0.1, etaSeconds: 2.5 },
  },
  {
    v: 1,
    type: 'job.preview',
    jobId: 'job_abcdefgh',
    step: 5,
    total: 40,
    width: 1,
    height: 1,
    mime: 'image/png',
    // A 1x1 opaque black PNG.
    data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  },
  { v: 1, type: 'job.done', jobId: 'job_abcdefgh', shotId: 'S1-01', take: 1, output, provenance },
  {
    v: 1,
    type: 'job.failed',
    jobId: 'job_abcdefgh',
    shotId: 'S1-01',
    take: 1,
    error: { code: 'JOB_CANCELLED', message: 'The job was cancelled.' },
  },
  { v: 1, type: 'cancelled', re: 'c1', jobId: 'job_abcdefgh', stopped: true },
  {
    v: 1,
    type: 'workers',
    re: 'w1',
    mode: 'cluster',
    workers: [
      {
        id: 'gpu-01-4242-abcd',
        host: 'gpu-01',
        backend: 'onnx',
        model: 'wan22-ti2v-5b',
        concurrency: 1,
        active: 1,
        freeMemoryBytes: 2 ** 34,
        totalMemoryBytes: 2 ** 37,
        device: 'Wan (local GPU, onnxruntime)',
        seenAt: '2026-11-25T08:00:00.000Z',
      },
    ],
  },
  {
    v: 1,
    type: 'jobs',
    re: 'l1',
    jobs: [{ jobId: 'job_abcdefgh', shotId: 'S1-01', take: 1, backend: 'slate', status: 'done', output }],
  },
  { v: 1, type: 'error', re: 'x', error: { code: 'BAD_MESSAGE', message: 'Message is not valid JSON.' } },
  {
    v: 1,
    type: 'templates',
    re: 't1',
    project: 'night-drop',
    templates: [
      { name: 'establishing shot', description: 'Wide.', template: 'Establishing shot of {environment}.' },
    ],
    offset: 0,
    more: { offset: 1 },
    negativePrompt: 'blurry, text',
    defaultStyle: 'cinematic lighting, 35 mm film look',
    bibles: {
      'night-drop.fountain': {
        characters: [
          {
            name: 'KAI',
            description: 'a man in his 40s in a black trench coat',
            gender: 'male',
            line: 10,
            changes: [],
          },
        ],
      },
    },
  },
  {
    v: 1,
    type: 'preflight.result',
    re: 'p1',
    result: {
      backend: 'comfyui',
      state: 'needs',
      checkedAt: 1764620000000,
      checks: [
        { check: 'server', status: 'ok', sentence: 'ComfyUI 0.3.64 answers at http://127.0.0.1:8188.' },
        {
          check: 'file:models/vae/wan_2.1_vae.safetensors',
          status: 'missing',
          sentence:
            'ComfyUI has no wan_2.1_vae.safetensors in models/vae (node 39, VAELoader): put the file there.',
        },
      ],
    },
  },
];
