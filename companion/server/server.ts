// The WebSocket daemon: loopback listener, upgrade guard, heartbeat, and job events routed to their owner.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { PairingCodes } from '../config/pairing-code';
import { TokenBook } from '../config/user-tokens';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/protocol';
import type { Companion } from '../companion';
import type { JobRecord } from '../queue/job-record';
import {
  DEFAULT_CONNECTION_LIMITS,
  PanelConnection,
  type ConnectionLimits,
  type Outgoing,
} from './connection';
import { FailedPairings } from './rate-limits';
import { checkUpgrade, type UpgradeGuardOptions } from './upgrade-guard';

export interface ServerOptions extends UpgradeGuardOptions {
  host?: string;
  port?: number;
  /** The companion's own pairing token; `users` adds per-user tokens for shared companions. */
  token: string;
  users?: TokenBook;
  /** PEM certificate and key: the daemon then speaks wss:// (required beyond loopback). */
  tls?: { cert: Buffer; key: Buffer };
  log: Logger;
  heartbeatMs?: number;
  limits?: Partial<ConnectionLimits>;
  /** One-time pairing codes (loopback daemons): a code pairs once and hands the panel the token. */
  pairingCodes?: PairingCodes;
  /** Wrong tokens per minute, across all connections, before each further refusal is answered later. */
  maxFailedPairingsPerMinute?: number;
  /** Paired connections at once; more are refused at the upgrade with 503 (a low fd limit stays safe). */
  maxConnections?: number;
  /** Connections not yet paired at once; a new one pushes the oldest out, so guessers cannot hold the door. */
  maxUnpaired?: number;
}

/** Bytes a socket may have waiting before previews to it are skipped: about one preview in flight. */
const PREVIEW_MAX_BUFFERED = 128 * 1024;

export class CompanionServer {
  private readonly http: Server;
  private readonly tokens: TokenBook;
  private readonly wss: WebSocketServer;
  private readonly byOwner = new Map<string, Set<PanelConnection>>();
  private readonly failedPairings: FailedPairings;
  /** Oldest first: the order in which they are pushed out when a new one needs the slot. */
  private readonly unpaired = new Set<PanelConnection>();
  private pairedCount = 0;
  private readonly limits: ConnectionLimits;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly companion: Companion,
    private readonly options: ServerOptions,
  ) {
    this.limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
    this.failedPairings = new FailedPairings(options.maxFailedPairingsPerMinute ?? 10, 60_000);
    this.tokens = options.users ?? new TokenBook(options.token);
    const answer: RequestListener = (_req, res) => {
      res
        .writeHead(426, { 'content-type': 'text/plain' })
        .end('Shotline companion: connect with a WebSocket.\n');
    };
    this.http = options.tls
      ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, answer)
      : createServer(answer);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.wss.on('connection', (socket) => this.accept(socket));
    this.routeQueueEvents();
  }

  private routeQueueEvents(): void {
    const queue = this.companion.queue;
    queue.on('progress', (job) =>
      this.toOwner(job, {
        type: 'job.progress',
        jobId: job.jobId,
        progress: job.progress!,
        sentAt: Date.now(),
      }),
    );
    queue.on('preview', (job) => {
      if (!job.preview) return;
      const message = { type: 'job.preview' as const, jobId: job.jobId, ...job.preview };
      // Previews are disposable: a socket still sending earlier data skips this one rather than queue it.
      for (const connection of this.byOwner.get(job.ownerId) ?? [])
        connection.sendDisposable(message, PREVIEW_MAX_BUFFERED);
    });
    queue.on('done', (job) =>
      this.toOwner(job, {
        type: 'job.done',
        jobId: job.jobId,
        shotId: job.shot.shotId,
        take: job.take,
        output: job.output!,
        provenance: job.provenance!,
      }),
    );
    queue.on('failed', (job) =>
      this.toOwner(job, {
        type: 'job.failed',
        jobId: job.jobId,
        shotId: job.shot.shotId,
        take: job.take,
        error: job.error!,
      }),
    );
  }

  /** Open sockets, paired or not: for health checks and tests. */
  get openConnections(): number {
    return this.wss.clients.size;
  }

  async listen(): Promise<AddressInfo> {
    const { host = '127.0.0.1', port = 7391 } = this.options;
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    this.heartbeat = setInterval(() => this.ping(), this.options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    return this.http.address() as AddressInfo;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Authenticating the upgrade itself keeps hostile pages from ever reaching the protocol. */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const verdict = checkUpgrade(req, this.options);
    if (!verdict.ok) {
      this.options.log.warn({ host: req.headers.host, origin: req.headers.origin }, verdict.reason);
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${verdict.reason}\n`,
      );
      return;
    }
    if (this.pairedCount >= (this.options.maxConnections ?? 256)) {
      this.options.log.warn({ paired: this.pairedCount }, 'connection refused: too many open');
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\nContent-Type: text/plain\r\n\r\n' +
          'This companion has as many panels connected as it allows; close one and try again.\n',
      );
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private accept(socket: WebSocket): void {
    const id = randomUUID();
    const connection = new PanelConnection(id, socket, {
      companion: this.companion,
      tokens: this.tokens,
      log: this.options.log,
      limits: this.limits,
      failedPairings: this.failedPairings,
      // A code stands for the companion's own token; only a loopback daemon is given a code file.
      redeemPairingCode: (code) => (this.options.pairingCodes?.redeem(code) ? this.options.token : undefined),
      onPaired: (c) => {
        this.unpaired.delete(c);
        this.pairedCount += 1;
        const set = this.byOwner.get(c.ownerId) ?? new Set();
        set.add(c);
        this.byOwner.set(c.ownerId, set);
      },
    });
    const alive = socket as WebSocket & { shotlineAlive?: boolean };
    alive.shotlineAlive = true;
    socket.on('pong', () => (alive.shotlineAlive = true));
    this.admitUnpaired(connection);
    socket.on('close', () => {
      if (connection.isPaired) this.pairedCount -= 1;
      this.unpaired.delete(connection);
      const set = this.byOwner.get(connection.ownerId);
      set?.delete(connection);
      if (set?.size === 0) this.byOwner.delete(connection.ownerId);
    });
    socket.on('error', (err) => this.options.log.debug({ err, conn: id }, 'socket error'));
  }

  /** Makes room by closing unpaired ones that already guessed wrong first, then the oldest idle one. */
  private admitUnpaired(connection: PanelConnection): void {
    const max = Math.max(1, this.options.maxUnpaired ?? 32);
    while (this.unpaired.size >= max) {
      const victim =
        [...this.unpaired].find((c) => c.wrongToken) ??
        (this.unpaired.values().next().value as PanelConnection);
      this.unpaired.delete(victim);
      victim.evict();
    }
    this.unpaired.add(connection);
  }

  /** Peers that missed a whole heartbeat are gone (sleeping laptop, killed host): drop them. */
  private ping(): void {
    for (const client of this.wss.clients) {
      const alive = client as WebSocket & { shotlineAlive?: boolean };
      if (alive.shotlineAlive === false) {
        client.terminate();
        continue;
      }
      alive.shotlineAlive = false;
      client.ping();
    }
  }

  private toOwner(job: JobRecord, message: Outgoing): void {
    for (const connection of this.byOwner.get(job.ownerId) ?? []) connection.send(message);
  }
}
