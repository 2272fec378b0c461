// A loopback DashScope that follows the documented video-synthesis protocol, its task life cycle and its failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { z } from 'zod';

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Hold the reply this long (client timeouts). */
  delayMs?: number;
}

export interface TaskScript {
  /** Status returned by each successive poll; the last one repeats. */
  statuses: string[];
  failCode?: string;
  failMessage?: string;
  download: 'ok' | 'missing' | 'truncated';
}

// The fake's own copy of the documented tables (Model Studio's text-to-video API reference, per region), written
// out again rather than imported, so a wrong table in the client fails a test instead of agreeing with itself.
const S480 = ['832*480', '480*832', '624*624'];
const S720 = ['1280*720', '720*1280', '960*960', '1088*832', '832*1088'];
const S1080 = ['1920*1080', '1080*1920', '1440*1440', '1632*1248', '1248*1632'];
interface Documented {
  sizes: string[];
  durations: number[];
  audio: boolean;
}
const wan26: Documented = { sizes: [...S720, ...S1080], durations: [5, 10, 15], audio: true };
const wan25: Documented = { sizes: [...S480, ...S720, ...S1080], durations: [5, 10], audio: true };
const wan22plus: Documented = { sizes: [...S480, ...S1080], durations: [5], audio: false };
const turbo21: Documented = { sizes: [...S480, ...S720], durations: [5], audio: false };
const plus21: Documented = { sizes: S720, durations: [5], audio: false };
export const FAKE_REGIONS: Record<string, Record<string, Documented>> = {
  beijing: {
    'wan2.6-t2v': wan26,
    'wan2.5-t2v-preview': wan25,
    'wan2.2-t2v-plus': wan22plus,
    'wanx2.1-t2v-turbo': turbo21,
    'wanx2.1-t2v-plus': plus21,
  },
  singapore: {
    'wan2.6-t2v': wan26,
    'wan2.5-t2v-preview': wan25,
    'wan2.2-t2v-plus': wan22plus,
    'wan2.1-t2v-turbo': turbo21,
    'wan2.1-t2v-plus': plus21,
  },
  virginia: { 'wan2.6-t2v-us': wan26 },
};

// Likewise for the image models (first-frame and first-and-last-frame API references): which service path each
// is created on, which image fields it needs, its resolution tiers; 5 s, fixed on the keyframe service.
interface DocumentedImageModel {
  service: 'video-generation' | 'image2video';
  images: ('img_url' | 'first_frame_url' | 'last_frame_url')[];
  resolutions: string[];
}
const imageModels: Record<string, DocumentedImageModel> = {
  'wan2.2-i2v-plus': { service: 'video-generation', images: ['img_url'], resolutions: ['480P', '1080P'] },
  'wan2.2-i2v-flash': { service: 'video-generation', images: ['img_url'], resolutions: ['480P', '720P'] },
  'wan2.2-kf2v-flash': {
    service: 'image2video',
    images: ['first_frame_url', 'last_frame_url'],
    resolutions: ['480P', '720P', '1080P'],
  },
};
export const FAKE_IMAGE_REGIONS: Record<string, Record<string, DocumentedImageModel>> = {
  beijing: imageModels,
  singapore: imageModels,
  // The mainland image-to-video guide's US deployment table: one first-frame model, no keyframe one.
  virginia: {
    'wan2.6-i2v-us': { service: 'video-generation', images: ['img_url'], resolutions: ['720P', '1080P'] },
  },
};

const DataUri = z
  .string()
  .regex(/^data:image\/(jpeg|png|bmp|webp);base64,[A-Za-z0-9+/]+=*$/, 'not a base64 data URI');

/** What the service checks of an image: a decodable JPEG/PNG/BMP/WEBP, 360–2000 px a side, at most 10 MB. */
async function imageProblem(uri: string): Promise<string | undefined> {
  const bytes = Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64');
  if (bytes.length > 10 * 1024 * 1024) return 'image over 10 MB';
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => undefined);
  if (!meta?.width || !meta.height) return 'image does not decode';
  const sides = [meta.width, meta.height];
  if (sides.some((side) => side < 360 || side > 2000))
    return `image ${meta.width}x${meta.height} outside 360–2000 px`;
  return undefined;
}

const CreateBodySchema = z
  .object({
    model: z.string(),
    input: z
      .object({
        prompt: z
          .string()
          .min(1)
          .refine((p) => [...p].length <= 800, 'prompt over 800 characters'),
        negative_prompt: z
          .string()
          .refine((p) => [...p].length <= 500, 'negative_prompt over 500 characters')
          .optional(),
        img_url: DataUri.optional(),
        first_frame_url: DataUri.optional(),
        last_frame_url: DataUri.optional(),
      })
      .strict(),
    parameters: z
      .object({
        size: z.string().optional(),
        resolution: z.string().optional(),
        duration: z.number().int().optional(),
        prompt_extend: z.boolean(),
        watermark: z.boolean(),
        seed: z.number().int().min(0).max(2147483647),
        audio: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

interface Task {
  id: string;
  script: TaskScript;
  polls: number;
  cancelled?: boolean;
}

export class FakeDashScope {
  readonly creates: { body: unknown; headers: IncomingMessage['headers'] }[] = [];
  readonly polls: string[] = [];
  readonly cancels: string[] = [];
  downloads = 0;
  /** Every way a request broke the documented protocol; tests assert it stays empty. */
  readonly problems: string[] = [];
  /** Replies used instead of the normal ones, first in first out. */
  readonly createOverrides: FakeReply[] = [];
  readonly pollOverrides: FakeReply[] = [];
  /** The life cycle of tasks created from now on. */
  script: TaskScript = { statuses: ['PENDING', 'RUNNING', 'SUCCEEDED'], download: 'ok' };
  private readonly tasks = new Map<string, Task>();
  private readonly video: Buffer;
  private server!: Server;
  url = '';

  private constructor(
    private readonly apiKey: string,
    videoPath: string,
    /** The region this host is: its model table decides what it serves. */
    readonly region: string,
  ) {
    this.video = readFileSync(videoPath);
  }

  static async start(apiKey: string, videoPath: string, region = 'beijing'): Promise<FakeDashScope> {
    const fake = new FakeDashScope(apiKey, videoPath, region);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Pre-creates a task as if an earlier companion had paid for it. */
  seedTask(id: string, script: TaskScript = this.script): void {
    this.tasks.set(id, { id, script, polls: 0 });
  }

  /** Changes the life cycle of an existing task (a task left PENDING, then let finish). */
  rescript(id: string, script: TaskScript): void {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`fake DashScope has no task ${id}`);
    task.script = script;
    task.polls = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const send = async (reply: FakeReply) => {
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    };
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) return this.serveFile(url, res);
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${this.apiKey}`) {
      // The real service names what it got; echoing the key here proves we redact it.
      return send({
        status: 401,
        body: {
          code: 'InvalidApiKey',
          message: `Invalid API-key provided: ${auth ?? ''}`,
          request_id: 'r-auth',
        },
      });
    }
    const service = /^\/api\/v1\/services\/aigc\/(video-generation|image2video)\/video-synthesis$/.exec(
      url.pathname,
    );
    if (req.method === 'POST' && service) {
      return send(await this.create(req, Buffer.concat(chunks).toString('utf8'), service[1]!));
    }
    const cancel = /^\/api\/v1\/tasks\/([^/]+)\/cancel$/.exec(url.pathname);
    if (req.method === 'POST' && cancel) return send(this.cancel(decodeURIComponent(cancel[1]!)));
    const poll = /^\/api\/v1\/tasks\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && poll) return send(this.poll(decodeURIComponent(poll[1]!)));
    this.problems.push(`unexpected ${req.method} ${url.pathname}`);
    return send({ status: 404, body: { code: 'NotFound', message: 'no such API' } });
  }

  private async create(req: IncomingMessage, text: string, service: string): Promise<FakeReply> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    this.creates.push({ body, headers: req.headers });
    if (req.headers['x-dashscope-async'] !== 'enable') {
      this.problems.push('create without X-DashScope-Async: enable');
      return {
        status: 403,
        body: { code: 'AccessDenied', message: 'current user api does not support synchronous calls' },
      };
    }
    if (!String(req.headers['content-type']).startsWith('application/json'))
      this.problems.push('create not JSON');
    const parsed = CreateBodySchema.safeParse(body);
    if (!parsed.success) {
      this.problems.push(
        `create body: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
      return { status: 400, body: { code: 'InvalidParameter', message: 'bad request body' } };
    }
    const { model, parameters, input } = parsed.data;
    const spec = FAKE_REGIONS[this.region]?.[model];
    const image = FAKE_IMAGE_REGIONS[this.region]?.[model];
    if (!spec && !image) {
      // What the service says for a model name this region does not have (a spelling from another region).
      this.problems.push(`model ${model} is not served in ${this.region}`);
      return { status: 400, body: { code: 'InvalidParameter', message: 'Model not exist.' } };
    }
    const sent = (['img_url', 'first_frame_url', 'last_frame_url'] as const).filter(
      (k) => input[k] !== undefined,
    );
    const imageProblems = await Promise.all(sent.map(async (k) => (await imageProblem(input[k]!)) ?? false));
    const wrong = spec
      ? [
          service !== 'video-generation' && `text model on ${service}`,
          sent.length > 0 && `images sent to a text model`,
          !spec.sizes.includes(parameters.size ?? '') && `size ${parameters.size}`,
          !spec.durations.includes(parameters.duration ?? 0) && `duration ${parameters.duration}`,
          parameters.audio !== undefined && !spec.audio && 'audio on a silent model',
        ].filter(Boolean)
      : [
          service !== image!.service && `${model} created on ${service}`,
          sent.join() !== image!.images.join() && `images ${sent.join()} (needs ${image!.images.join()})`,
          !image!.resolutions.includes(parameters.resolution ?? '') && `resolution ${parameters.resolution}`,
          parameters.size !== undefined && 'size on an image model',
          parameters.duration !== undefined && parameters.duration !== 5 && `duration ${parameters.duration}`,
          parameters.audio !== undefined && 'audio on a silent model',
          ...imageProblems,
        ].filter(Boolean);
    if (wrong.length > 0) {
      this.problems.push(`create for ${model}: ${wrong.join(', ')}`);
      return { status: 400, body: { code: 'InvalidParameter', message: `${wrong.join(', ')} not allowed` } };
    }
    const override = this.createOverrides.shift();
    if (override) return override;
    const id = `task-${this.creates.length}-${Math.random().toString(36).slice(2, 8)}`;
    this.tasks.set(id, { id, script: this.script, polls: 0 });
    return { status: 200, body: { request_id: `r-${id}`, output: { task_id: id, task_status: 'PENDING' } } };
  }

  /** The status a task shows now: the script's entry for the polls so far (PENDING before the first). */
  private statusOf(task: Task): string {
    if (task.cancelled) return 'CANCELED';
    const { statuses } = task.script;
    return task.polls === 0 ? 'PENDING' : statuses[Math.min(task.polls - 1, statuses.length - 1)]!;
  }

  /** As documented: only a PENDING task can be cancelled. */
  private cancel(id: string): FakeReply {
    this.cancels.push(id);
    const task = this.tasks.get(id);
    if (!task) return { status: 404, body: { code: 'NotFound', message: 'task not found' } };
    if (this.statusOf(task) !== 'PENDING') {
      return {
        status: 400,
        body: {
          code: 'UnsupportedOperation',
          message: 'Failed to cancel the task, please confirm if the task is in PENDING status.',
        },
      };
    }
    task.cancelled = true;
    return { status: 200, body: { request_id: `r-cancel-${id}` } };
  }

  private poll(id: string): FakeReply {
    this.polls.push(id);
    const override = this.pollOverrides.shift();
    if (override) return override;
    const task = this.tasks.get(id);
    // Unknown or expired ids are answered with status UNKNOWN, as the service does.
    if (!task)
      return { status: 200, body: { request_id: 'r-poll', output: { task_id: id, task_status: 'UNKNOWN' } } };
    task.polls++;
    const status = this.statusOf(task);
    const output: Record<string, unknown> = {
      task_id: id,
      task_status: status,
      submit_time: '2026-01-01 10:00:00.000',
    };
    if (status === 'SUCCEEDED') {
      output.video_url = `${this.url}/files/${id}.mp4?Expires=1999999999&OSSAccessKeyId=LTAIfake&Signature=s3cr3tSig`;
      output.end_time = '2026-01-01 10:01:30.000';
    }
    if (status === 'FAILED') {
      output.code = task.script.failCode ?? 'InternalError';
      output.message = task.script.failMessage ?? 'Internal error.';
    }
    return {
      status: 200,
      body: {
        request_id: 'r-poll',
        output,
        ...(status === 'SUCCEEDED' && { usage: { video_duration: 5, video_count: 1 } }),
      },
    };
  }

  private serveFile(url: URL, res: ServerResponse): void {
    this.downloads++;
    const id = /^\/files\/(.+)\.mp4$/.exec(url.pathname)?.[1] ?? '';
    const task = this.tasks.get(id);
    if (!url.searchParams.get('Signature')) this.problems.push('download without its signed query');
    if (!task || task.script.download === 'missing') {
      res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(this.video.length) });
    if (task.script.download === 'truncated') {
      res.write(this.video.subarray(0, Math.floor(this.video.length / 2)));
      setTimeout(() => res.destroy(), 5);
      return;
    }
    res.end(this.video);
  }
}
