// The panel's side of the companion socket: pairs with hello, checks every frame, reconnects with backoff.
import { t } from '../i18n/i18n';
import {
  decodeToClient,
  encodeToServer,
  type MessageOf,
  type ShotRequestInput,
  type ToClientMessage,
  type WireError,
} from '../../shared/protocol';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff';
import {
  cannotOpenMessage,
  connectionLostMessage,
  invalidUrlMessage,
  noCredentialMessage,
  refusedToOpenMessage,
  type PanelPlatform,
  tokenRejectedMessage,
} from './connection-messages';
import { TypedEmitter } from './typed-emitter';
import { wireErrorText } from '../i18n/wire-error';

export type Welcome = MessageOf<'welcome'>;

export type ConnectionState =
  | { status: 'idle' }
  | { status: 'connecting'; attempt: number }
  | { status: 'pairing' }
  | { status: 'connected'; welcome: Welcome }
  | { status: 'waiting'; attempt: number; retryInMs: number; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'closed' };

export interface CompanionEvents extends Record<string, unknown> {
  state: ConnectionState;
  /** Every frame that passed its schema, in arrival order. */
  message: ToClientMessage;
  /** A frame that did not decode: reported, never thrown. */
  'bad-frame': WireError;
  /** The token a pairing code was exchanged for: keep it (TokenStore) and send it next time. */
  token: string;
}

/** The part of the WebSocket API the client uses: the browser's and UXP's global both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

export interface CompanionClientOptions {
  url: string;
  /** The long-lived token; or, the first time, the one-time `pairingCode` the companion printed. */
  token?: string;
  pairingCode?: string;
  /** Failure sentences name the OS-specific cause only on the OS that has it. */
  platform?: PanelPlatform;
  client?: { name: string; version: string };
  /** Stable panel id (see panel-session.ts): the companion files this panel's jobs under it. */
  session?: string;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  /** Give up after this many failed attempts in a row; unlimited by default. */
  maxAttempts?: number;
  random?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

const OPEN = 1;
/** Close codes a companion may use to turn a client away (policy violation, app-defined auth codes). */
const AUTH_CLOSE_CODES = new Set([1008, 4001, 4003, 4401, 4403]);

export class CompanionClient extends TypedEmitter<CompanionEvents> {
  private socket: SocketLike | null = null;
  private currentState: ConnectionState = { status: 'idle' };
  private failures = 0;
  private timer: unknown = null;
  private stopped = true;
  private rejection: string | null = null;
  private requestCounter = 0;
  private readonly options: Required<
    Omit<CompanionClientOptions, 'maxAttempts' | 'session' | 'token' | 'pairingCode' | 'platform'>
  > & {
    maxAttempts: number;
    session?: string;
    token?: string;
    pairingCode?: string;
    platform?: PanelPlatform;
  };

  constructor(options: CompanionClientOptions) {
    super();
    this.options = {
      client: { name: 'shotline-panel', version: '0.1.0' },
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      backoff: defaultBackoff,
      maxAttempts: Number.POSITIVE_INFINITY,
      random: Math.random,
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  connect(): void {
    const invalid = invalidUrlMessage(this.options.url);
    if (invalid) return this.setState({ status: 'failed', reason: invalid });
    if (!this.options.token?.trim() && !this.options.pairingCode?.trim()) {
      return this.setState({ status: 'failed', reason: noCredentialMessage() });
    }
    this.dropSocket('reconnecting');
    this.stopped = false;
    this.failures = 0;
    this.openSocket();
  }

  /** Closes for good: no reconnect follows. */
  close(): void {
    this.stopped = true;
    this.dropSocket('panel closed');
    this.setState({ status: 'closed' });
  }

  /** Closes the current socket without its close event driving state (its handlers check identity). */
  private dropSocket(reason: string): void {
    this.cancelTimer();
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, reason);
  }

  /** Queues shots; returns the request id the `accepted` reply will carry in `re`. */
  generate(shots: ShotRequestInput[]): string {
    const id = this.nextRequestId();
    this.send(encodeToServer({ type: 'generate', id, shots }));
    return id;
  }

  cancel(jobId: string): string {
    const id = this.nextRequestId();
    this.send(encodeToServer({ type: 'cancel', id, jobId }));
    return id;
  }

  /** Renders a finished draft take again at final quality; the new job comes back in an `accepted` reply. */
  promote(jobId: string): string {
    const id = this.nextRequestId();
    this.send(encodeToServer({ type: 'promote', id, jobId }));
    return id;
  }

  /** Tells the companion whether finished jobs made it onto the timeline (their log's last lines); no reply. */
  reportPlacements(placements: MessageOf<'jobs.placed'>['placements']): void {
    this.send(encodeToServer({ type: 'jobs.placed', placements }));
  }

  listJobs(offset?: number): string {
    const id = this.nextRequestId();
    this.send(encodeToServer({ type: 'jobs.list', id, ...(offset !== undefined && { offset }) }));
    return id;
  }

  /** Asks what a backend lacks before its first job; the reply is a `preflight.result` with this id in `re`. */
  preflight(backend: string): string {
    const id = this.nextRequestId();
    this.send(encodeToServer({ type: 'preflight', id, backend }));
    return id;
  }

  /** Asks which cluster workers run jobs; the reply is a `workers` message (mode "local" without a cluster). */
  listWorkers(): string {
    const id = this.nextRequestId();
    this.send(encodeToServer({ type: 'workers.list', id }));
    return id;
  }

  /** Asks for a project's templates (from `offset`, for a later page); the reply is a `templates` message. */
  listTemplates(project?: string, offset?: number): string {
    const id = this.nextRequestId();
    this.send(
      encodeToServer({
        type: 'templates.list',
        id,
        ...(project && { project }),
        ...(offset !== undefined && { offset }),
      }),
    );
    return id;
  }

  saveTemplates(change: Omit<MessageOf<'templates.save'>, 'v' | 'type' | 'id'>): string {
    const id = this.nextRequestId();
    this.send(encodeToServer({ type: 'templates.save', id, ...change }));
    return id;
  }

  deleteTemplates(names: string[], project?: string): string {
    const id = this.nextRequestId();
    this.send(encodeToServer({ type: 'templates.delete', id, names, ...(project && { project }) }));
    return id;
  }

  private send(frame: string): void {
    if (this.currentState.status !== 'connected' || !this.socket || this.socket.readyState !== OPEN) {
      throw new Error(t('errors.notConnected'));
    }
    this.socket.send(frame);
  }

  private nextRequestId(): string {
    this.requestCounter += 1;
    return `r${this.requestCounter}-${Math.floor(this.options.random() * 36 ** 6).toString(36)}`;
  }

  private openSocket(): void {
    this.timer = null;
    this.rejection = null;
    this.setState({ status: 'connecting', attempt: this.failures + 1 });
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch (err) {
      // UXP throws here when the manifest's network permission does not list the address.
      const detail = err instanceof Error ? err.message : String(err);
      return this.setState({ status: 'failed', reason: refusedToOpenMessage(this.options.url, detail) });
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      opened = true;
      this.setState({ status: 'pairing' });
      socket.send(
        encodeToServer({
          type: 'hello',
          // A spent code must never be resent: once a token came back, reconnects use the token.
          ...(this.options.token
            ? { token: this.options.token }
            : this.options.pairingCode !== undefined && { pairingCode: this.options.pairingCode }),
          client: this.options.client,
          ...(this.options.session !== undefined && { session: this.options.session }),
        }),
      );
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onerror = () => undefined; // The browser gives no detail here; onclose follows and decides.
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return this.setState({ status: 'closed' });
      const wasPaired = this.currentState.status === 'connected';
      if (this.rejection || (!wasPaired && opened && AUTH_CLOSE_CODES.has(event.code))) {
        this.stopped = true;
        return this.setState({ status: 'failed', reason: this.rejection ?? tokenRejectedMessage() });
      }
      const reason = opened
        ? connectionLostMessage(event.code, event.reason)
        : cannotOpenMessage(this.options.url, this.options.platform);
      this.scheduleReconnect(reason);
    };
  }

  private receive(raw: unknown): void {
    const decoded = decodeToClient(raw);
    if (!decoded.ok) return this.emit('bad-frame', decoded.error);
    const message = decoded.message;
    if (message.type === 'welcome') {
      this.failures = 0;
      if (message.token !== undefined) {
        this.options.token = message.token;
        delete this.options.pairingCode;
        this.emit('token', message.token);
      }
      this.setState({ status: 'connected', welcome: message });
    } else if (
      message.type === 'error' &&
      this.currentState.status === 'pairing' &&
      (message.error.code === 'UNAUTHORIZED' || message.error.code === 'NOT_PAIRED')
    ) {
      // A refused code already says what to do; a refused token gets the panel's own sentence.
      this.rejection = this.options.token ? tokenRejectedMessage() : wireErrorText(message.error);
    }
    this.emit('message', message);
    // A long history comes in pages: fetch the next one until the companion stops saying there is more.
    if (message.type === 'jobs' && message.more) this.listJobs(message.more.offset);
    if (message.type === 'templates' && message.more)
      this.listTemplates(message.project, message.more.offset);
  }

  private scheduleReconnect(reason: string): void {
    this.failures += 1;
    if (this.failures >= this.options.maxAttempts) {
      this.stopped = true;
      return this.setState({ status: 'failed', reason });
    }
    const retryInMs = backoffDelay(this.failures, this.options.backoff, this.options.random);
    this.setState({ status: 'waiting', attempt: this.failures, retryInMs, reason });
    this.timer = this.options.setTimer(() => this.openSocket(), retryInMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
  }

  private setState(state: ConnectionState): void {
    this.currentState = state;
    this.emit('state', state);
  }
}
