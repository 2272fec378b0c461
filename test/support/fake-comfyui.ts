// A loopback ComfyUI: /prompt validation with node_errors, a one-at-a-time queue, /ws events, /history, /view.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

export type PromptMode = 'ok' | 'error' | 'hold';
type Graph = Record<string, { class_type: string; inputs: Record<string, unknown> }>;

// Inputs each node class must have (links or values), and which of them must be numbers.
const CLASSES: Record<string, { required: string[]; numbers?: string[] }> = {
  UNETLoader: { required: ['unet_name', 'weight_dtype'] },
  CLIPLoader: { required: ['clip_name', 'type'] },
  VAELoader: { required: ['vae_name'] },
  LoraLoaderModelOnly: { required: ['model', 'lora_name', 'strength_model'], numbers: ['strength_model'] },
  ModelSamplingSD3: { required: ['model', 'shift'], numbers: ['shift'] },
  CLIPTextEncode: { required: ['text', 'clip'] },
  EmptyHunyuanLatentVideo: {
    required: ['width', 'height', 'length', 'batch_size'],
    numbers: ['width', 'height', 'length'],
  },
  Wan22ImageToVideoLatent: {
    required: ['vae', 'width', 'height', 'length', 'batch_size'],
    numbers: ['width', 'height', 'length'],
  },
  KSamplerAdvanced: {
    required: [
      'model',
      'positive',
      'negative',
      'latent_image',
      'noise_seed',
      'steps',
      'cfg',
      'start_at_step',
      'end_at_step',
    ],
    numbers: ['noise_seed', 'steps', 'cfg', 'start_at_step', 'end_at_step'],
  },
  KSampler: {
    required: ['model', 'positive', 'negative', 'latent_image', 'seed', 'steps', 'cfg'],
    numbers: ['seed', 'steps', 'cfg'],
  },
  // Core image conditioning (comfy_extras/nodes_wan.py); start_image/end_image are optional there, needed by us.
  LoadImage: { required: ['image'] },
  WanImageToVideo: {
    required: ['positive', 'negative', 'vae', 'width', 'height', 'length', 'batch_size', 'start_image'],
    numbers: ['width', 'height', 'length'],
  },
  WanFirstLastFrameToVideo: {
    required: [
      'positive',
      'negative',
      'vae',
      'width',
      'height',
      'length',
      'batch_size',
      'start_image',
      'end_image',
    ],
    numbers: ['width', 'height', 'length'],
  },
  VAEDecode: { required: ['samples', 'vae'] },
  CreateVideo: { required: ['images', 'fps'], numbers: ['fps'] },
  SaveVideo: { required: ['video', 'filename_prefix'] },
  SaveAnimatedWEBP: { required: ['images', 'filename_prefix', 'fps'], numbers: ['fps'] },
  SaveImage: { required: ['images', 'filename_prefix'] },
  EmptyImage: { required: ['width', 'height', 'batch_size', 'color'], numbers: ['width', 'height'] },
};
// Output nodes (OUTPUT_NODE = True in ComfyUI): each is validated as its own branch.
const OUTPUT_CLASSES = new Set(['SaveVideo', 'SaveAnimatedWEBP', 'SaveImage']);

/** A node and every node it links to, transitively. */
function upstream(graph: Graph, id: string, seen = new Set<string>()): string[] {
  if (seen.has(id) || !graph[id]) return [...seen];
  seen.add(id);
  for (const value of Object.values(graph[id].inputs)) {
    if (Array.isArray(value) && typeof value[0] === 'string') upstream(graph, value[0], seen);
  }
  return [...seen];
}

/** What the fake writes for a finished prompt, as a core node would list it in history. */
export interface SavedFiles {
  files: { filename: string; subfolder: string; data: Buffer }[];
  animated?: boolean;
}

interface Prompt {
  id: string;
  number: number;
  graph: Graph;
  clientId: string;
  mode: PromptMode;
  /** Output nodes that passed validation: only these run. */
  outputs: string[];
  release?: () => void;
}

export class FakeComfyUI {
  readonly submitted: { id: string; graph: Graph; clientId: string }[] = [];
  readonly interrupts: unknown[] = [];
  readonly deletes: unknown[] = [];
  readonly problems: string[] = [];
  /** Images posted to /upload/image, by stored name (the server's input folder). */
  readonly uploads = new Map<string, Buffer>();
  /** Model files the server "has"; a graph naming another gets a value_not_in_list node error. */
  models = new Set([
    'wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors',
    'wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors',
    'wan2.2_ti2v_5B_fp16.safetensors',
    'wan2.2_i2v_high_noise_14B_fp8_scaled.safetensors',
    'wan2.2_i2v_low_noise_14B_fp8_scaled.safetensors',
    'wan2.2_t2v_lightx2v_4steps_lora_v1.1_high_noise.safetensors',
    'wan2.2_t2v_lightx2v_4steps_lora_v1.1_low_noise.safetensors',
  ]);
  /** Text encoders and VAEs the server "has" (models/text_encoders, models/vae), listed by /object_info. */
  encoders = new Set([
    'umt5_xxl_fp8_e4m3fn_scaled.safetensors',
    'wan_2.1_vae.safetensors',
    'wan2.2_vae.safetensors',
  ]);
  /** Node classes taken out of /object_info and /prompt (a custom node that is not installed). */
  readonly absentClasses = new Set<string>();
  /** The one GPU /system_stats reports (its vram_total); a CPU-only server when null. */
  vramBytes: number | null = 24 * 1024 ** 3;
  /** How many times GET /object_info was read (preflight caching). */
  objectInfoReads = 0;
  mode: PromptMode = 'ok';
  tickMs = 2;
  /** POST /prompt replies to lose after queueing. */
  dropPromptReplies = 0;
  /** Replaces the video the save node writes (GIF, frames, nothing). */
  saves?: SavedFiles;
  /** A stray progress frame for the last prompt, sent when its file is fetched. */
  progressOnView?: { value: number; max: number };
  private readonly files = new Map<string, Buffer>();
  private lastPrompt?: Prompt;
  url = '';
  private port = 0;
  private http!: Server;
  private wss!: WebSocketServer;
  private sockets = new Map<string, WebSocket>();
  private queue: Prompt[] = [];
  private running?: Prompt;
  private history = new Map<string, unknown>();
  private counter = 0;
  private readonly video: Buffer;

  private constructor(
    videoPath: string,
    private readonly header?: { name: string; value: string },
  ) {
    this.video = readFileSync(videoPath);
  }

  static async start(videoPath: string, header?: { name: string; value: string }): Promise<FakeComfyUI> {
    const fake = new FakeComfyUI(videoPath, header);
    await fake.listen();
    fake.url = `http://127.0.0.1:${fake.port}`;
    return fake;
  }

  private async listen(): Promise<void> {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.http.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname !== '/ws' || !this.authorized(req)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const sid = url.searchParams.get('clientId') ?? randomUUID();
        this.sockets.set(sid, ws);
        ws.on('close', () => this.sockets.get(sid) === ws && this.sockets.delete(sid));
        ws.send(
          JSON.stringify({
            type: 'status',
            data: { status: { exec_info: { queue_remaining: this.queue.length } }, sid },
          }),
        );
        ws.send(Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xd8])); // a preview frame, which clients must skip
      });
    });
    await new Promise<void>((resolve) => this.http.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  /** The server goes down: every connection dropped, nothing answers. */
  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Back up on the same port with an empty queue and history, as after a real restart. */
  async restart(): Promise<void> {
    await this.stop();
    this.queue = [];
    this.running = undefined;
    this.history.clear();
    this.sockets.clear();
    await this.listen();
  }

  /** Lets a prompt run in "hold" mode finish successfully. */
  release(id: string): void {
    const prompt = this.running?.id === id ? this.running : this.queue.find((p) => p.id === id);
    if (!prompt) throw new Error(`fake ComfyUI has no live prompt ${id}`);
    prompt.mode = 'ok';
    prompt.release?.();
  }

  /** Someone else's prompt, queued ahead of ours. */
  enqueueForeign(mode: PromptMode = 'hold'): string {
    const id = randomUUID();
    this.queue.push({ id, number: this.counter++, graph: {}, clientId: 'someone-else', mode, outputs: [] });
    this.pump();
    return id;
  }

  queueIds(): { running: string[]; pending: string[] } {
    return { running: this.running ? [this.running.id] : [], pending: this.queue.map((p) => p.id) };
  }

  private authorized(req: IncomingMessage): boolean {
    return !this.header || req.headers[this.header.name] === this.header.value;
  }

  private emit(clientId: string, type: string, data: Record<string, unknown>): void {
    this.sockets.get(clientId)?.send(JSON.stringify({ type, data }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!this.authorized(req)) return void json(401, { error: 'unauthorized' });
    if (`${req.method} ${url.pathname}` === 'POST /upload/image') return void this.upload(req, chunks, json);
    let body: Record<string, unknown>;
    try {
      body = chunks.length
        ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
        : {};
    } catch {
      return void json(400, { error: 'invalid JSON' });
    }
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /prompt') return void this.postPrompt(body, json, res);
    if (req.method === 'GET' && url.pathname.startsWith('/history/')) {
      const id = decodeURIComponent(url.pathname.slice('/history/'.length));
      const entry = this.history.get(id);
      return void json(200, entry ? { [id]: entry } : {});
    }
    if (route === 'GET /queue') {
      const item = (p: Prompt) => [p.number, p.id, p.graph, { client_id: p.clientId }, []];
      return void json(200, {
        queue_running: this.running ? [item(this.running)] : [],
        queue_pending: this.queue.map(item),
      });
    }
    if (route === 'POST /interrupt') {
      this.interrupts.push(body);
      const target = typeof body.prompt_id === 'string' ? body.prompt_id : undefined;
      if (this.running && (!target || target === this.running.id)) this.interrupt(this.running);
      return void res.writeHead(200).end();
    }
    if (route === 'POST /queue') {
      const ids = Array.isArray(body.delete) ? body.delete : [];
      this.deletes.push(...ids);
      this.queue = this.queue.filter((p) => !ids.includes(p.id));
      return void res.writeHead(200).end();
    }
    if (route === 'GET /view') {
      const q = url.searchParams;
      const file =
        q.get('type') === 'output' ? this.files.get(`${q.get('subfolder')}/${q.get('filename')}`) : undefined;
      if (!file) return void res.writeHead(404).end();
      if (this.progressOnView && this.lastPrompt) {
        const { value, max } = this.progressOnView;
        this.emit(this.lastPrompt.clientId, 'progress', {
          value,
          max,
          prompt_id: this.lastPrompt.id,
          node: '57',
        });
      }
      return void res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.length) })
        .end(file);
    }
    if (route === 'GET /system_stats') {
      return void json(200, {
        system: { comfyui_version: '0.3.64', python_version: '3.12', os: 'posix' },
        // ComfyUI lists a CPU-only server's one device as type "cpu" with the machine's RAM as its "VRAM".
        devices: [
          this.vramBytes === null
            ? { name: 'cpu', type: 'cpu', index: null, vram_total: 64 * 1024 ** 3, vram_free: 60 * 1024 ** 3 }
            : {
                name: 'cuda:0 Fake GPU',
                type: 'cuda',
                index: 0,
                vram_total: this.vramBytes,
                vram_free: Math.floor(this.vramBytes * 0.8),
              },
        ],
      });
    }
    if (route === 'GET /object_info') {
      this.objectInfoReads += 1;
      return void json(200, this.objectInfo());
    }
    this.problems.push(`unexpected ${route}`);
    json(404, { error: 'not found' });
  }

  /**
   * POST /upload/image as ComfyUI's server.py answers it: a multipart form with the file in "image", stored in
   * the input folder under its file name, answered with {name, subfolder, type}.
   */
  private upload(
    req: IncomingMessage,
    chunks: Buffer[],
    json: (status: number, body: unknown) => void,
  ): void {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(req.headers['content-type']));
    if (!boundary) {
      this.problems.push('upload without a multipart boundary');
      return json(400, { error: 'not multipart' });
    }
    const body = Buffer.concat(chunks);
    const parts = new Map<string, { filename?: string; data: Buffer }>();
    const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
    for (let at = body.indexOf(marker); at !== -1;) {
      const next = body.indexOf(marker, at + marker.length);
      if (next === -1) break;
      const part = body.subarray(at + marker.length + 2, next - 2);
      const split = part.indexOf('\r\n\r\n');
      const head = part.subarray(0, split).toString('utf8');
      const name = /name="([^"]*)"/.exec(head)?.[1];
      const filename = /filename="([^"]*)"/.exec(head)?.[1];
      if (name)
        parts.set(name, { ...(filename !== undefined && { filename }), data: part.subarray(split + 4) });
      at = next;
    }
    const image = parts.get('image');
    if (!image?.filename) {
      this.problems.push('upload without an "image" file part');
      return void json(400, { error: 'no image' });
    }
    if (parts.get('type')?.data.toString() !== 'input') this.problems.push('upload not to the input folder');
    const isPng = image.data
      .subarray(0, 8)
      .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (!isPng) this.problems.push(`upload ${image.filename} is not a PNG`);
    this.uploads.set(image.filename, image.data);
    json(200, { name: image.filename, subfolder: '', type: 'input' });
  }

  /**
   * The fake's own rendering of GET /object_info: each class's inputs as [type, options], a list input's type
   * being the list of its choices (loader inputs: the files in the model folder), as ComfyUI's nodes declare it.
   */
  private objectInfo(): Record<string, unknown> {
    const lists: Record<string, string[]> = {
      unet_name: [...this.models],
      lora_name: [...this.models],
      clip_name: [...this.encoders],
      vae_name: [...this.encoders],
      weight_dtype: ['default', 'fp8_e4m3fn', 'fp8_e4m3fn_fast', 'fp8_e5m2'],
      type: ['stable_diffusion', 'sd3', 'mochi', 'ltxv', 'cosmos', 'wan', 'hidream', 'chroma', 'qwen_image'],
    };
    const info: Record<string, unknown> = {};
    for (const [cls, spec] of Object.entries(CLASSES)) {
      if (this.absentClasses.has(cls)) continue;
      const required = Object.fromEntries(
        spec.required.map((input) => [
          input,
          lists[input] ? [lists[input], {}] : spec.numbers?.includes(input) ? ['FLOAT', {}] : ['*', {}],
        ]),
      );
      info[cls] = { input: { required }, output_node: OUTPUT_CLASSES.has(cls), name: cls, category: 'fake' };
    }
    return info;
  }

  private postPrompt(
    body: Record<string, unknown>,
    json: (status: number, body: unknown) => void,
    res: ServerResponse,
  ): void {
    const graph = body.prompt as Graph | undefined;
    if (!graph || typeof graph !== 'object' || typeof body.client_id !== 'string') {
      this.problems.push('POST /prompt without prompt graph or client_id');
      return json(400, {
        error: {
          type: 'no_prompt',
          message: 'No prompt provided',
          details: 'No prompt provided',
          extra_info: {},
        },
        node_errors: {},
      });
    }
    const nodeErrors: Record<string, unknown> = {};
    const reason = (id: string, type: string, message: string, details: string, input?: string) => {
      nodeErrors[id] = {
        errors: [{ type, message, details, extra_info: input ? { input_name: input } : {} }],
        dependent_outputs: [],
        class_type: graph[id]?.class_type,
      };
    };
    for (const [id, node] of Object.entries(graph)) {
      const spec = this.absentClasses.has(node?.class_type) ? undefined : CLASSES[node?.class_type];
      if (!spec) {
        // As the real server: the whole prompt is refused before any per-node check, with node_errors {}.
        return json(400, {
          error: {
            type: 'invalid_prompt',
            message: `Cannot execute because node ${node?.class_type} does not exist.`,
            details: `Node ID '#${id}'`,
            extra_info: {},
          },
          node_errors: {},
        });
      }
      for (const input of spec.required) {
        const value = node.inputs[input];
        if (value === undefined)
          reason(id, 'required_input_missing', 'Required input is missing', input, input);
        else if (Array.isArray(value) && !graph[String(value[0])])
          this.problems.push(`${id}.${input} links nowhere`);
        else if (spec.numbers?.includes(input) && !Array.isArray(value) && typeof value !== 'number') {
          this.problems.push(`${id}.${input} is ${JSON.stringify(value)}, not a number`);
        }
      }
      // LoadImage checks its file is in the input folder (VALIDATE_INPUTS: "Invalid image file").
      const imageName = node.class_type === 'LoadImage' ? node.inputs.image : undefined;
      if (typeof imageName === 'string' && !this.uploads.has(imageName)) {
        reason(
          id,
          'custom_validation_failed',
          'Custom validation failed for node',
          `Invalid image file: ${imageName}`,
          'image',
        );
      }
      for (const input of ['unet_name', 'lora_name']) {
        const file = node.inputs[input];
        if (typeof file === 'string' && !this.models.has(file)) {
          reason(
            id,
            'value_not_in_list',
            'Value not in list',
            `${input}: '${file}' not in [${[...this.models].join(', ')}]`,
            input,
          );
        }
      }
    }
    // Each output branch stands alone: those reaching a node with errors are dropped, the rest run (HTTP 200).
    const outputs = Object.keys(graph).filter((id) => OUTPUT_CLASSES.has(graph[id]!.class_type));
    const good = outputs.filter((out) => {
      const bad = upstream(graph, out).filter((id) => nodeErrors[id]);
      for (const id of bad) (nodeErrors[id] as { dependent_outputs: string[] }).dependent_outputs.push(out);
      return bad.length === 0;
    });
    if (good.length === 0) {
      return json(400, {
        error: {
          type: outputs.length === 0 ? 'prompt_no_outputs' : 'prompt_outputs_failed_validation',
          message: outputs.length === 0 ? 'Prompt has no outputs' : 'Prompt outputs failed validation',
          details: '',
          extra_info: {},
        },
        node_errors: nodeErrors,
      });
    }
    const prompt: Prompt = {
      id: typeof body.prompt_id === 'string' ? body.prompt_id : randomUUID(),
      number: this.counter++,
      graph,
      clientId: body.client_id,
      mode: this.mode,
      outputs: good,
    };
    this.submitted.push({ id: prompt.id, graph, clientId: prompt.clientId });
    this.queue.push(prompt);
    if (this.dropPromptReplies > 0) {
      // Queued, but the reply is lost on the way (a proxy timeout): the client must not queue it twice.
      this.dropPromptReplies--;
      res.destroy();
    } else json(200, { prompt_id: prompt.id, number: prompt.number, node_errors: nodeErrors });
    setTimeout(() => this.pump(), this.tickMs);
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const prompt = this.queue.shift()!;
    this.running = prompt;
    void this.execute(prompt);
  }

  private tick(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.tickMs));
  }

  private async execute(p: Prompt): Promise<void> {
    const send = (type: string, data: Record<string, unknown>) =>
      this.emit(p.clientId, type, { prompt_id: p.id, ...data });
    send('execution_start', { timestamp: Date.now() });
    send('execution_cached', { nodes: [], timestamp: Date.now() });
    const samplers = Object.entries(p.graph).filter(([, n]) => n.class_type.startsWith('KSampler'));
    for (const [id, node] of samplers) {
      if (this.running !== p) return;
      send('executing', { node: id, display_node: id });
      const start = Number(node.inputs.start_at_step ?? 0);
      const steps = Number(node.inputs.steps);
      const max = Math.max(1, Math.min(steps, Number(node.inputs.end_at_step ?? steps)) - start);
      for (const value of [Math.ceil(max / 2), max]) {
        await this.tick();
        if (this.running !== p) return;
        send('progress', { value, max, node: id });
      }
      if (p.mode === 'error') {
        const error = {
          node_id: id,
          node_type: node.class_type,
          executed: [],
          exception_type: 'torch.OutOfMemoryError',
          exception_message: 'Allocation on device failed.',
          traceback: [],
        };
        send('execution_error', error);
        return this.finish(p, 'error', ['execution_error', { prompt_id: p.id, ...error }], {});
      }
    }
    if (p.mode === 'hold') await new Promise<void>((resolve) => (p.release = resolve));
    if (this.running !== p) return;
    const save = p.outputs[0] ?? 'none';
    const saves = this.saves ?? {
      files: [
        {
          filename: `shotline_${String(p.number).padStart(5, '0')}_.mp4`,
          subfolder: 'video',
          data: this.video,
        },
      ],
      animated: true,
    };
    for (const f of saves.files) this.files.set(`${f.subfolder}/${f.filename}`, f.data);
    this.lastPrompt = p;
    const output = {
      images: saves.files.map((f) => ({ filename: f.filename, subfolder: f.subfolder, type: 'output' })),
      animated: [saves.animated ?? false],
    };
    send('executed', { node: save, display_node: save, output });
    send('execution_success', { timestamp: Date.now() });
    this.finish(p, 'success', ['execution_success', { prompt_id: p.id }], { [save]: output });
  }

  private interrupt(p: Prompt): void {
    const data = { prompt_id: p.id, node_id: '57', node_type: 'KSamplerAdvanced', executed: [] };
    this.emit(p.clientId, 'execution_interrupted', data);
    this.finish(p, 'error', ['execution_interrupted', data], {});
  }

  private finish(
    p: Prompt,
    status: 'success' | 'error',
    message: [string, unknown],
    outputs: Record<string, unknown>,
  ): void {
    // As ComfyUI does: history is written first, then "executing null" tells the client it is done.
    this.history.set(p.id, {
      prompt: [p.number, p.id, p.graph, {}, []],
      outputs,
      status: { status_str: status, completed: status === 'success', messages: [message] },
    });
    this.running = undefined;
    this.emit(p.clientId, 'executing', { node: null, prompt_id: p.id });
    setTimeout(() => this.pump(), this.tickMs);
  }
}
