// One panel connection: pairing first, then requests; every frame is checked against the protocol.
import type { WebSocket } from 'ws';
import {
  decodeToServer,
  encodeToClient,
  ShotlineError,
  toWireError,
  type MessageOf,
  type ToClientMessage,
  type ToServerMessage,
} from '../../shared/protocol';
import type { Companion } from '../companion';
import { summarize } from '../queue/job-record';
import { tokensMatch } from '../config/token';
import { SOFTWARE } from '../version';
import type { Logger } from 'pino';

type Outgoing = ToClientMessage extends infer M ? (M extends unknown ? Omit<M, 'v'> : never) : never;

/** WebSocket close codes in the private range: 4401 mirrors HTTP 401. */
export const CLOSE_UNAUTHORIZED = 4401;
const HELLO_TIMEOUT_MS = 10_000;

export class PanelConnection {
  private paired = false;
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    readonly id: string,
    private readonly socket: WebSocket,
    private readonly companion: Companion,
    private readonly token: string,
    private readonly log: Logger,
  ) {
    this.helloTimer = setTimeout(
      () => this.refuse('NOT_PAIRED', 'No hello with a pairing token within 10 seconds.'),
      HELLO_TIMEOUT_MS,
    );
    socket.on('message', (data, isBinary) => this.onFrame(isBinary ? data : data.toString()));
    socket.on('close', () => clearTimeout(this.helloTimer));
  }

  get isPaired(): boolean {
    return this.paired;
  }

  send(message: Outgoing): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encodeToClient(message));
  }

  private refuse(code: 'UNAUTHORIZED' | 'NOT_PAIRED', message: string): void {
    this.send({ type: 'error', error: { code, message } });
    this.socket.close(CLOSE_UNAUTHORIZED, code);
  }

  private onFrame(raw: unknown): void {
    const decoded = decodeToServer(raw);
    if (!decoded.ok) {
      if (!this.paired)
        return this.refuse('NOT_PAIRED', `Pair first with a valid hello message. ${decoded.error.message}`);
      this.log.debug({ conn: this.id, code: decoded.error.code }, 'rejected message');
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
      const re = 'id' in message ? message.id : undefined;
      const error = toWireError(err, `"${message.type}"`);
      if (error.code === 'INTERNAL_ERROR') this.log.error({ err, conn: this.id }, 'handler failed');
      this.send({ type: 'error', ...(re !== undefined && { re }), error });
    }
  }

  private handle(message: ToServerMessage): void {
    switch (message.type) {
      case 'hello':
        return this.onHello(message);
      case 'generate':
        return this.onGenerate(message);
      case 'cancel':
        return this.onCancel(message);
      case 'jobs.list':
        return this.send({ type: 'jobs', re: message.id, jobs: this.companion.queue.list().map(summarize) });
    }
  }

  private onHello(message: MessageOf<'hello'>): void {
    if (this.paired)
      throw new ShotlineError('BAD_MESSAGE', 'Already paired: hello is sent once per connection.');
    if (!tokensMatch(this.token, message.token)) {
      this.log.warn({ conn: this.id }, 'pairing refused: wrong token');
      return this.refuse('UNAUTHORIZED', 'The pairing token is wrong. Copy it again from the companion.');
    }
    clearTimeout(this.helloTimer);
    this.paired = true;
    this.log.info({ conn: this.id, client: message.client }, 'panel paired');
    this.send({
      type: 'welcome',
      server: { name: SOFTWARE.name, version: SOFTWARE.version },
      backends: this.companion.backendInfos(),
      outputDir: this.companion.outputDir,
    });
  }

  private onGenerate(message: MessageOf<'generate'>): void {
    const jobs = this.companion.submit(message.shots, { ownerId: this.id });
    this.send({
      type: 'accepted',
      re: message.id,
      jobs: jobs.map((j) => ({ jobId: j.jobId, shotId: j.shot.shotId, take: j.take })),
    });
  }

  private onCancel(message: MessageOf<'cancel'>): void {
    if (!this.companion.queue.get(message.jobId)) {
      throw new ShotlineError('JOB_NOT_FOUND', `No job ${message.jobId} on this companion.`);
    }
    const stopped = this.companion.queue.cancel(message.jobId);
    this.send({ type: 'cancelled', re: message.id, jobId: message.jobId, stopped });
  }
}
