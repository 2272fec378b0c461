// Every WebSocket message between panel and companion, each declared once and used by both sides.
import { z } from 'zod';
import { defineMessage } from './define';
import { ClusterModeSchema, WorkerInfoSchema } from './cluster';
import { WireErrorSchema } from './errors';
import {
  JobIdSchema,
  JobOutputSchema,
  JobPreviewSchema,
  JobProgressSchema,
  JobSummarySchema,
  ProvenanceSchema,
} from './job';
import { PreflightResultSchema } from './preflight';
import { BackendInfoSchema, ShotRequestSchema } from './shot-request';
import {
  ProjectBiblesSchema,
  ScriptBibleSchema,
  TEMPLATE_LIMITS,
  TemplateProjectSchema,
  WireTemplateSchema,
} from './templates';

/** Client-chosen id that the server echoes in `re`, so replies match requests. */
const RequestId = z.string().min(1).max(64);
const PeerInfo = z.object({ name: z.string().max(64), version: z.string().max(32) });

export const Hello = defineMessage(
  'hello',
  'toServer',
  'First message of a connection: pairs with the token, or once with a pairing code from `shotline serve`/`shotline pair`.',
  {
    token: z.string().min(1).max(256).optional(),
    /** The one-time code the companion printed ("1234-5678"); the welcome then carries the token to keep. */
    pairingCode: z
      .string()
      .regex(/^\d{4}[- ]?\d{4}$/, 'pairing codes are 8 digits, e.g. 1234-5678')
      .optional(),
    client: PeerInfo,
    /** Stable id of this panel install: its jobs' events follow it across reconnects. */
    session: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'session ids are 8-64 letters, digits, _ or -')
      .optional(),
  },
);

export const Welcome = defineMessage('welcome', 'toClient', 'Pairing accepted; what the companion can do.', {
  server: PeerInfo,
  backends: z.array(BackendInfoSchema),
  outputDir: z.string(),
  /** Only after pairing with a code: the token to send from now on (UXP cannot read a password field on macOS). */
  token: z.string().optional(),
});

export const Generate = defineMessage(
  'generate',
  'toServer',
  'Queue one or more shots, each with its takes.',
  {
    id: RequestId,
    shots: z.array(ShotRequestSchema).min(1).max(64),
  },
);

export const Accepted = defineMessage('accepted', 'toClient', 'The jobs a generate request became.', {
  re: RequestId,
  jobs: z.array(
    z.object({
      jobId: JobIdSchema,
      shotId: z.string(),
      take: z.number().int().min(1),
      /** The take's label from its shot request. */
      label: z.string().optional(),
      /** Content-policy warnings for this shot; the job still runs. */
      warnings: z.array(z.string()).optional(),
    }),
  ),
});

export const JobProgressMessage = defineMessage('job.progress', 'toClient', 'A running job moved on.', {
  jobId: JobIdSchema,
  progress: JobProgressSchema,
  /** Companion clock (ms since the epoch) when sent, so a panel can tell stale progress. */
  sentAt: z.number().optional(),
});

export const JobPreviewMessage = defineMessage(
  'job.preview',
  'toClient',
  'A small image of a running job every few sampling steps (backends that can); the latest replaces the earlier. Disposable: a busy connection may skip some.',
  { jobId: JobIdSchema, ...JobPreviewSchema.shape },
);

export const JobDone = defineMessage(
  'job.done',
  'toClient',
  'A job finished; its clip is complete on disk.',
  {
    jobId: JobIdSchema,
    shotId: z.string(),
    take: z.number().int().min(1),
    output: JobOutputSchema,
    provenance: ProvenanceSchema,
  },
);

export const JobFailed = defineMessage('job.failed', 'toClient', 'A job failed or was cancelled.', {
  jobId: JobIdSchema,
  shotId: z.string(),
  take: z.number().int().min(1),
  error: WireErrorSchema,
});

/** Outcomes one `jobs.placed` may carry: a "Place all" of a large session is one message, not hundreds. */
export const MAX_PLACEMENTS_PER_MESSAGE = 500;

export const JobsPlaced = defineMessage(
  'jobs.placed',
  'toServer',
  "The panel put finished jobs on the timeline, or could not: the companion logs each as its job's last phase. No reply (unknown jobs are answered with JOB_NOT_FOUND).",
  {
    placements: z
      .array(
        z.object({
          jobId: JobIdSchema,
          placed: z.boolean(),
          /** Why it could not be placed, as the panel showed it. */
          message: z.string().max(500).optional(),
        }),
      )
      .min(1)
      .max(MAX_PLACEMENTS_PER_MESSAGE),
  },
);

export const Cancel = defineMessage('cancel', 'toServer', 'Cancel a queued or running job.', {
  id: RequestId,
  jobId: JobIdSchema,
});

export const Promote = defineMessage(
  'promote',
  'toServer',
  'Render a finished draft take again at final quality, with its seed and prompt; answered with accepted.',
  {
    id: RequestId,
    jobId: JobIdSchema,
  },
);

export const Cancelled = defineMessage(
  'cancelled',
  'toClient',
  'Reply to cancel: whether the job was stopped.',
  {
    re: RequestId,
    jobId: JobIdSchema,
    stopped: z.boolean(),
  },
);

export const ListJobs = defineMessage(
  'jobs.list',
  'toServer',
  'Ask for the jobs this token may see (a user their own, the companion token all), oldest first, a page at a time.',
  {
    id: RequestId,
    /** Jobs to skip: the `more.offset` of the previous page; 0 or absent for the first page. */
    offset: z.number().int().min(0).optional(),
  },
);

export const JobList = defineMessage(
  'jobs',
  'toClient',
  'Reply to jobs.list: one page of jobs and their state; `more` is there when further pages follow.',
  {
    re: RequestId,
    jobs: z.array(JobSummarySchema),
    /** Ask again with this offset for the next page: a whole history would not fit in one message. */
    more: z.object({ offset: z.number().int().min(0) }).optional(),
  },
);

export const ListWorkers = defineMessage(
  'workers.list',
  'toServer',
  'Ask which workers run jobs (studio cluster).',
  {
    id: RequestId,
  },
);

export const WorkerList = defineMessage(
  'workers',
  'toClient',
  'Reply to workers.list: local mode has none; a coordinator lists live workers and their load.',
  { re: RequestId, mode: ClusterModeSchema, workers: z.array(WorkerInfoSchema) },
);

export const ErrorMessage = defineMessage('error', 'toClient', 'A request could not be handled.', {
  re: RequestId.optional(),
  error: WireErrorSchema,
});

export const ListTemplates = defineMessage(
  'templates.list',
  'toServer',
  "Ask for a project's prompt templates and negative prompt (the companion seeds a new project with its defaults), a page at a time.",
  {
    id: RequestId,
    project: TemplateProjectSchema.optional(),
    /** Templates to skip: the `more.offset` of the previous page; 0 or absent for the first page. */
    offset: z.number().int().min(0).optional(),
  },
);

export const SaveTemplates = defineMessage(
  'templates.save',
  'toServer',
  "Add or replace templates by name, and/or set the project's negative prompt (null: back to Wan's default), default style (null: none) or one script's character bible.",
  {
    id: RequestId,
    project: TemplateProjectSchema.optional(),
    templates: z.array(WireTemplateSchema).max(TEMPLATE_LIMITS.perProject).optional(),
    negativePrompt: z.string().max(TEMPLATE_LIMITS.negativePromptChars).nullable().optional(),
    defaultStyle: z.string().max(TEMPLATE_LIMITS.defaultStyleChars).nullable().optional(),
    bible: ScriptBibleSchema.optional(),
  },
);

export const DeleteTemplates = defineMessage('templates.delete', 'toServer', 'Remove templates by name.', {
  id: RequestId,
  project: TemplateProjectSchema.optional(),
  names: z.array(z.string().min(1).max(TEMPLATE_LIMITS.nameChars)).min(1).max(TEMPLATE_LIMITS.perProject),
});

export const Templates = defineMessage(
  'templates',
  'toClient',
  "A project's templates, a page at a time: the reply to templates.*, and pushed (without re) to every panel when one changes them; `more` is there when further pages follow.",
  {
    re: RequestId.optional(),
    project: TemplateProjectSchema,
    templates: z.array(WireTemplateSchema),
    /** Index of this page's first template: 0 starts the list again, later pages continue it. */
    offset: z.number().int().min(0).default(0),
    /** Ask templates.list with this offset for the next page: a full library would not fit in one message. */
    more: z.object({ offset: z.number().int().min(0) }).optional(),
    /** The project's own negative prompt; null means Wan's default. */
    negativePrompt: z.string().nullable(),
    /** Added to every prompt of the project ("cinematic lighting, 35 mm film look"); null: none. */
    defaultStyle: z.string().nullable().default(null),
    /** Character bibles the users edited, by script key; shots use them instead of what the script says. Only the first page carries them. */
    bibles: ProjectBiblesSchema.default({}),
  },
);

export const RunPreflight = defineMessage(
  'preflight',
  'toServer',
  "Ask what a backend lacks before its first job (ComfyUI's models and nodes, DashScope's key and region).",
  { id: RequestId, backend: z.string().min(1).max(64) },
);

export const PreflightReport = defineMessage(
  'preflight.result',
  'toClient',
  'Reply to preflight: one line per check (ok, missing, wrong, unreachable) and the state they add up to.',
  { re: RequestId, result: PreflightResultSchema },
);

/** Frozen tables of the messages each side may send; a new message is one entry here. */
export const toServerMessages = Object.freeze({
  [Hello.type]: Hello,
  [Generate.type]: Generate,
  [Cancel.type]: Cancel,
  [Promote.type]: Promote,
  [JobsPlaced.type]: JobsPlaced,
  [ListJobs.type]: ListJobs,
  [ListWorkers.type]: ListWorkers,
  [ListTemplates.type]: ListTemplates,
  [SaveTemplates.type]: SaveTemplates,
  [DeleteTemplates.type]: DeleteTemplates,
  [RunPreflight.type]: RunPreflight,
});

export const toClientMessages = Object.freeze({
  [Welcome.type]: Welcome,
  [Accepted.type]: Accepted,
  [JobProgressMessage.type]: JobProgressMessage,
  [JobPreviewMessage.type]: JobPreviewMessage,
  [JobDone.type]: JobDone,
  [JobFailed.type]: JobFailed,
  [Cancelled.type]: Cancelled,
  [JobList.type]: JobList,
  [WorkerList.type]: WorkerList,
  [ErrorMessage.type]: ErrorMessage,
  [Templates.type]: Templates,
  [PreflightReport.type]: PreflightReport,
});

type SchemaOf<M> = M extends { schema: infer S extends z.ZodTypeAny } ? z.infer<S> : never;
type InputOf<M> = M extends { schema: infer S extends z.ZodTypeAny } ? z.input<S> : never;

export type ToServerType = keyof typeof toServerMessages;
export type ToClientType = keyof typeof toClientMessages;
export type ToServerMessage = { [K in ToServerType]: SchemaOf<(typeof toServerMessages)[K]> }[ToServerType];
export type ToClientMessage = { [K in ToClientType]: SchemaOf<(typeof toClientMessages)[K]> }[ToClientType];
export type ToServerInput = { [K in ToServerType]: InputOf<(typeof toServerMessages)[K]> }[ToServerType];
export type MessageOf<K extends ToServerType | ToClientType> = K extends ToServerType
  ? SchemaOf<(typeof toServerMessages)[K]>
  : K extends ToClientType
    ? SchemaOf<(typeof toClientMessages)[K]>
    : never;
