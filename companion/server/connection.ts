// One panel connection: pairing first, then requests; every frame is checked against the protocol.
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import {
  DEFAULT_TEMPLATE_PROJECT,
  decodeToServer,
  encodeToClient,
  ShotlineError,
  toWireError,
  type MessageOf,
  type ToClientMessage,
  type ToServerMessage,
} from '../../shared/protocol';
import type { Companion } from '../companion';
import type { TokenBook } from '../config/user-tokens';
import { canSee, ownerIdFor, type Viewer } from '../queue/job-owner';
import { pageOfJobs, summarize, type JobRecord } from '../queue/job-record';
import { finalShotFor } from '../queue/promote';
import { templatePage } from '../templates/template-pages';
import { SOFTWARE } from '../version';
import { TokenBucket, type FailedPairings } from './rate-limits';

export type Outgoing = ToClientMessage extends infer M ? (M extends unknown ? Omit<M, 'v'> : never) : never;

/** WebSocket close codes in the private range: 4401 mirrors HTTP 401, 4429 HTTP 429. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_TOO_MANY = 4429;
/** Standard "try again later": the panel reconnects on its own. */
export const CLOSE_TRY_AGAIN = 1013;

const PAIRING_CODE_REFUSED = 'That pairing code is wrong or has expired. Run `shotline pair` for a new one.';

export interface ConnectionLimits {
  helloTimeoutMs: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** Refused messages in a row after which the peer is cut off. */
  maxRefusedInARow: number;
  /**
   * Bytes that may wait unsent to one peer. A client that stops reading is cut off past this, so it cannot
   * grow the daemon's memory: a few full-size replies.
   */
  maxBufferedBytes: number;
  /**
   * How long such a peer has to complete the close handshake (read what waits, then the close frame) before
   * its socket is destroyed: a panel that was only busy sees why it was closed; a stuck one is not waited on.
   */
  slowPeerCloseMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  helloTimeoutMs: 10_000,
  messagesPerSecond: 50,
  messageBurst: 200,
  maxRefusedInARow: 1000,
  maxBufferedBytes: 4 * 1024 * 1024,
  slowPeerCloseMs: 2000,
};

export interface ConnectionContext {
  companion: Companion;
  tokens: TokenBook;
  log: Logger;
  limits: ConnectionLimits;
  failedPairings: FailedPairings;
  /** The token a one-time pairing code stands for, or undefined for a wrong or expired code. */
  redeemPairingCode(code: string): string | undefined;
  /** Called once the peer paired, with the owner id its jobs are filed under. */
  onPaired(connection: PanelConnection): void;
}

export class PanelConnection {
  private paired = false;
  private viewer: Viewer = { user: null };
  private owner: string;
  private refusedInARow = 0;
  private readonly helloTimer: NodeJS.Timeout;
  private readonly bucket: TokenBucket;

  constructor(
    readonly id: string,
    private readonly socket: WebSocket,
    private readonly ctx: ConnectionContext,
  ) {
    this.owner = id;
    this.bucket = new TokenBucket(ctx.limits.messagesPerSecond, ctx.limits.messageBurst);
    this.helloTimer = setTimeout(
      () => this.refuse('NOT_PAIRED', 'No hello with a pairing token within the time allowed.'),
      ctx.limits.helloTimeoutMs,
    );
    socket.on('message', (data, isBinary) => this.onFrame(isBinary ? data : data.toString()));
    socket.on('close', () => {
      clearTimeout(this.helloTimer);
      this.stopTemplateUpdates();
    });
  }

  private stopTemplateUpdates: () => void = () => undefined;

  get isPaired(): boolean {
    return this.paired;
  }

  /** Sent a wrong token and waits for its (delayed) refusal: the first to go when unpaired slots run out. */
  wrongToken = false;

  /** Closes an unpaired connection to make room for a new one; the panel reconnects after code 1013. */
  evict(): void {
    this.socket.close(CLOSE_TRY_AGAIN, 'too many unpaired connections');
  }

  /** Jobs are filed under the panel's session id when it gave one, so they follow it across reconnects. */
  get ownerId(): string {
    return this.owner;
  }

  send(message: Outgoing): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.ctx.limits.maxBufferedBytes) return this.closeSlowPeer();
    this.socket.send(encodeToClient(message));
  }

  /**
   * A peer that stopped reading gets a close frame (1013: the panel reconnects by itself) behind what already
   * waits for it, and nothing more is queued; if it has not read its way to that frame in time, the socket is
   * destroyed and what it held is freed.
   */
  private closeSlowPeer(): void {
    this.ctx.log.warn(
      { conn: this.id, buffered: this.socket.bufferedAmount },
      'peer stopped reading: closing the connection',
    );
    this.socket.close(CLOSE_TRY_AGAIN, 'not reading: too many replies waiting');
    const timer = setTimeout(() => {
      this.ctx.log.warn({ conn: this.id }, 'peer did not complete the close: connection dropped');
      this.socket.terminate();
    }, this.ctx.limits.slowPeerCloseMs);
    this.socket.once('close', () => clearTimeout(timer));
  }

  /** For messages a slow peer can miss (previews): dropped while more than `maxBuffered` bytes wait to go out. */
  sendDisposable(message: Outgoing, maxBuffered: number): boolean {
    if (this.socket.bufferedAmount > maxBuffered) return false;
    this.send(message);
    return true;
  }

  private refuse(code: 'UNAUTHORIZED' | 'NOT_PAIRED' | 'RATE_LIMITED', message: string): void {
    this.send({ type: 'error', error: { code, message } });
    this.socket.close(code === 'RATE_LIMITED' ? CLOSE_TOO_MANY : CLOSE_UNAUTHORIZED, code);
  }

  private onFrame(raw: unknown): void {
    if (!this.bucket.take()) {
      if (++this.refusedInARow >= this.ctx.limits.maxRefusedInARow) {
        return this.refuse(
          'RATE_LIMITED',
          'Too many messages: the connection is closed. Reconnect and slow down.',
        );
      }
      return this.send({
        type: 'error',
        error: { code: 'RATE_LIMITED', message: 'Too many messages per second; this one was dropped.' },
      });
    }
    this.refusedInARow = 0;
    const decoded = decodeToServer(raw);
    if (!decoded.ok) {
      if (!this.paired)
        return this.refuse('NOT_PAIRED', `Pair first with a valid hello message. ${decoded.error.message}`);
      this.ctx.log.debug({ conn: this.id, code: decoded.error.code }, 'rejected message');
      return this.send({
        type: 'error',
        ...(decoded.re !== undefined && { re: decoded.re }),
        error: decoded.error,
      });
    }
    const message = decoded.message;
    if (!this.paired && message.type !== 'hello') {
      return this.refuse('NOT_PAIRED', `"${message.type}" before pairing: send hello with the token first.`);
    }
    try {
      this.handle(message);
    } catch (err) {
      this.replyError('id' in message ? message.id : undefined, message.type, err);
    }
  }

  private handle(message: ToServerMessage): void {
    switch (message.type) {
      case 'hello':
        return this.onHello(message);
      case 'generate':
        return this.onGenerate(message);
      case 'preflight':
        return void this.answer(message.id, 'preflight', this.onPreflight(message));
      case 'cancel':
        return this.onCancel(message);
      case 'promote':
        return this.onGenerate({
          v: message.v,
          type: 'generate',
          id: message.id,
          shots: [finalShotFor(this.visibleJob(message.jobId))],
        });
      case 'jobs.placed':
        return this.onPlaced(message);
      case 'workers.list':
        return void this.onWorkers(message);
      case 'jobs.list':
        return this.onListJobs(message);
      case 'templates.list':
        return this.send({
          type: 'templates',
          re: message.id,
          ...templatePage(this.ctx.companion.templates.list(message.project), message.offset),
        });
      case 'templates.save':
      case 'templates.delete':
        return this.onTemplateChange(message);
    }
  }

  /** Other panels hear of the change through onChange; this one gets the reply with its request id. */
  private onTemplateChange(message: MessageOf<'templates.save'> | MessageOf<'templates.delete'>): void {
    const store = this.ctx.companion.templates;
    const project = message.project ?? DEFAULT_TEMPLATE_PROJECT;
    const change =
      message.type === 'templates.save'
        ? store.save(
            project,
            {
              ...(message.templates && { templates: message.templates }),
              ...(message.negativePrompt !== undefined && { negativePrompt: message.negativePrompt }),
              ...(message.defaultStyle !== undefined && { defaultStyle: message.defaultStyle }),
              ...(message.bible && { bible: message.bible }),
            },
            this,
          )
        : store.delete(project, message.names, this);
    change.then(
      (library) => this.send({ type: 'templates', re: message.id, ...templatePage(library) }),
      (err: unknown) => {
        const error = toWireError(err, `"${message.type}"`);
        if (error.code === 'INTERNAL_ERROR')
          this.ctx.log.error({ err, conn: this.id }, 'template change failed');
        this.send({ type: 'error', re: message.id, error });
      },
    );
  }

  private onListJobs(message: MessageOf<'jobs.list'>): void {
    const visible = this.ctx.companion.queue.list().filter((j) => canSee(this.viewer, j.ownerId));
    const page = pageOfJobs(visible.map(summarize), message.offset);
    this.send({
      type: 'jobs',
      re: message.id,
      jobs: page.jobs,
      ...(page.next !== undefined && { more: { offset: page.next } }),
    });
  }

  private onHello(message: MessageOf<'hello'>): void {
    if (this.paired || this.wrongToken)
      throw new ShotlineError('BAD_MESSAGE', 'Hello is sent once per connection.', {
        params: { case: 'helloTwice' },
      });
    const issued =
      message.pairingCode === undefined ? undefined : this.ctx.redeemPairingCode(message.pairingCode);
    const token = issued ?? message.token;
    const identity = token === undefined ? undefined : this.ctx.tokens.identify(token);
    if (!identity)
      return this.refuseWrongToken(message.pairingCode !== undefined ? PAIRING_CODE_REFUSED : undefined);
    clearTimeout(this.helloTimer);
    this.paired = true;
    this.viewer = identity;
    this.owner = ownerIdFor(identity, {
      connection: this.id,
      ...(message.session !== undefined && { session: message.session }),
    });
    this.ctx.log.info({ conn: this.id, client: message.client, user: identity.user }, 'panel paired');
    this.send({
      type: 'welcome',
      server: { name: SOFTWARE.name, version: SOFTWARE.version },
      backends: this.ctx.companion.backendInfos(),
      outputDir: this.ctx.companion.outputDir,
      ...(issued !== undefined && { token: issued }),
    });
    this.ctx.onPaired(this);
    // A change another panel made is pushed here; the panel that made it gets it as its reply instead.
    this.stopTemplateUpdates = this.ctx.companion.templates.onChange((library, origin) => {
      if (origin !== this) this.send({ type: 'templates', ...templatePage(library) });
    });
  }

  /**
   * A wrong token is answered late, later with every recent wrong guess, and never by refusing the right one:
   * a local process guessing can slow itself down but cannot lock the real user out.
   */
  private refuseWrongToken(sentence = 'The pairing token is wrong. Copy it again from the companion.'): void {
    clearTimeout(this.helloTimer);
    this.wrongToken = true;
    const delay = this.ctx.failedPairings.record();
    this.ctx.log.warn({ conn: this.id, delayMs: delay }, 'pairing refused: wrong token');
    const refuse = () => this.refuse('UNAUTHORIZED', sentence);
    if (delay === 0) return refuse();
    const timer = setTimeout(refuse, delay);
    this.socket.once('close', () => clearTimeout(timer));
  }

  /** An async handler's failure becomes the same coded error reply a synchronous one gets. */
  private async answer(re: string, type: string, work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (err) {
      this.replyError(re, type, err);
    }
  }

  private replyError(re: string | undefined, type: string, err: unknown): void {
    const error = toWireError(err, `"${type}"`);
    if (error.code === 'INTERNAL_ERROR') this.ctx.log.error({ err, conn: this.id }, 'handler failed');
    this.send({ type: 'error', ...(re !== undefined && { re }), error });
  }

  private async onPreflight(message: MessageOf<'preflight'>): Promise<void> {
    const result = (await this.ctx.companion.preflight(message.backend)) ?? {
      backend: message.backend,
      state: 'ready' as const,
      checks: [
        {
          check: 'backend',
          status: 'ok' as const,
          sentence: `${message.backend} needs nothing set up.`,
          code: 'BACKEND_NEEDS_NOTHING' as const,
          params: { backend: message.backend },
        },
      ],
      checkedAt: Date.now(),
    };
    this.send({ type: 'preflight.result', re: message.id, result });
  }

  private onGenerate(message: MessageOf<'generate'>): void {
    // Backends with a preflight are checked once for the whole batch before anything is queued.
    const toCheck = this.ctx.companion.backendsToCheck(message.shots);
    if (toCheck.length === 0) return this.queueShots(message);
    void this.answer(
      message.id,
      'generate',
      this.ctx.companion.assertReady(toCheck).then(() => this.queueShots(message)),
    );
  }

  private queueShots(message: MessageOf<'generate'>): void {
    const jobs = this.ctx.companion.submit(message.shots, { ownerId: this.owner });
    this.send({
      type: 'accepted',
      re: message.id,
      jobs: jobs.map((j) => ({
        jobId: j.jobId,
        shotId: j.shot.shotId,
        take: j.take,
        ...(j.shot.label && { label: j.shot.label }),
        ...(j.policyWarnings && { warnings: j.policyWarnings }),
      })),
    });
  }

  private async onWorkers(message: MessageOf<'workers.list'>): Promise<void> {
    const { queue } = this.ctx.companion;
    try {
      const workers = queue.workers ? await queue.workers() : [];
      this.send({ type: 'workers', re: message.id, mode: queue.workers ? 'cluster' : 'local', workers });
    } catch (err) {
      this.send({
        type: 'error',
        re: message.id,
        error: { code: 'QUEUE_UNAVAILABLE', message: `Cannot list workers: ${(err as Error).message}` },
      });
    }
  }

  /** The job, when this panel may see it. Another user's job is treated exactly like one that does not exist. */
  private findVisibleJob(jobId: string): JobRecord | undefined {
    const job = this.ctx.companion.queue.get(jobId);
    return job && canSee(this.viewer, job.ownerId) ? job : undefined;
  }

  /** Logs every job it knows, then names the ones it does not (one error for the lot). */
  private onPlaced(message: MessageOf<'jobs.placed'>): void {
    const unknown: string[] = [];
    for (const { jobId, ...outcome } of message.placements) {
      const job = this.findVisibleJob(jobId);
      if (job) this.ctx.companion.reportPlacement(job, outcome);
      else unknown.push(jobId);
    }
    if (unknown.length > 0) {
      const jobId = unknown.join(', ');
      throw new ShotlineError('JOB_NOT_FOUND', `No job ${jobId} on this companion.`, { params: { jobId } });
    }
  }

  private visibleJob(jobId: string): JobRecord {
    const job = this.findVisibleJob(jobId);
    // Its id tells nothing: "not yours" and "not there" read the same.
    if (!job) {
      throw new ShotlineError('JOB_NOT_FOUND', `No job ${jobId} on this companion.`, { params: { jobId } });
    }
    return job;
  }

  private onCancel(message: MessageOf<'cancel'>): void {
    this.visibleJob(message.jobId);
    const stopped = this.ctx.companion.queue.cancel(message.jobId);
    this.send({ type: 'cancelled', re: message.id, jobId: message.jobId, stopped });
  }
}
