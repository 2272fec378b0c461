// The WebSocket daemon: loopback-only listener, heartbeat, and job events routed to the panel that asked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/protocol';
import type { Companion } from '../companion';
import type { JobRecord } from '../queue/job-record';
import { PanelConnection } from './connection';
import type { Logger } from 'pino';

export interface ServerOptions {
  host?: string;
  port?: number;
  token: string;
  log: Logger;
  heartbeatMs?: number;
}

export class CompanionServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<string, PanelConnection>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly companion: Companion,
    private readonly options: ServerOptions,
  ) {
    this.http = createServer((_req, res) => {
      res
        .writeHead(426, { 'content-type': 'text/plain' })
        .end('Shotline companion: connect with a WebSocket.\n');
    });
    this.wss = new WebSocketServer({ server: this.http, maxPayload: MAX_MESSAGE_BYTES });
    this.wss.on('connection', (socket) => this.accept(socket));
    companion.queue.on('progress', (job) =>
      this.toOwner(job, { type: 'job.progress', jobId: job.jobId, progress: job.progress! }),
    );
    companion.queue.on('done', (job) =>
      this.toOwner(job, {
        type: 'job.done',
        jobId: job.jobId,
        shotId: job.shot.shotId,
        take: job.take,
        output: job.output!,
        provenance: job.provenance!,
      }),
    );
    companion.queue.on('failed', (job) =>
      this.toOwner(job, {
        type: 'job.failed',
        jobId: job.jobId,
        shotId: job.shot.shotId,
        take: job.take,
        error: job.error!,
      }),
    );
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

  private accept(socket: WebSocket): void {
    const id = randomUUID();
    const connection = new PanelConnection(id, socket, this.companion, this.options.token, this.options.log);
    this.connections.set(id, connection);
    const alive = socket as WebSocket & { shotlineAlive?: boolean };
    alive.shotlineAlive = true;
    socket.on('pong', () => (alive.shotlineAlive = true));
    socket.on('close', () => this.connections.delete(id));
    socket.on('error', (err) => this.options.log.debug({ err, conn: id }, 'socket error'));
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

  private toOwner(job: JobRecord, message: Parameters<PanelConnection['send']>[0]): void {
    const connection = this.connections.get(job.ownerId);
    if (connection?.isPaired) connection.send(message);
  }
}
