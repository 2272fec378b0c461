// A real `ws` client speaking the protocol, for companion tests: collects messages, waits for one.
import WebSocket from 'ws';
import {
  decodeToClient,
  encodeToServer,
  type ToClientMessage,
  type ToServerInput,
} from '../../shared/protocol';

type WithoutVersion<M> = M extends unknown ? Omit<M, 'v'> : never;

export class TestPanel {
  readonly received: ToClientMessage[] = [];
  readonly invalid: string[] = [];
  /** Receive time minus the companion's sentAt for each job.progress (same machine, same clock). */
  readonly progressLagMs: number[] = [];
  closeCode?: number;
  private waiters: {
    test: (m: ToClientMessage) => boolean;
    resolve: (m: ToClientMessage) => void;
    /** Ends the wait when the socket closes, so no timer outlives the test (jest's open-handle warning). */
    abandon: (code: number) => void;
  }[] = [];
  private readonly closed: Promise<number>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const decoded = decodeToClient(data.toString());
      if (!decoded.ok) {
        this.invalid.push(decoded.error.message);
        return;
      }
      this.received.push(decoded.message);
      if (decoded.message.type === 'job.progress' && decoded.message.sentAt !== undefined) {
        this.progressLagMs.push(Date.now() - decoded.message.sentAt);
      }
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(decoded.message)) return true;
        w.resolve(decoded.message);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code) => {
        this.closeCode = code;
        for (const waiter of this.waiters.splice(0)) waiter.abandon(code);
        resolve(code);
      }),
    );
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestPanel> {
    const socket = new WebSocket(url, options);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestPanel(socket);
  }

  send(message: WithoutVersion<ToServerInput>): void {
    this.socket.send(encodeToServer(message));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Resolves with the first message (already received or future) that matches. */
  waitFor<T extends ToClientMessage['type']>(
    type: T,
    test: (m: Extract<ToClientMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<Extract<ToClientMessage, { type: T }>> {
    const match = (m: ToClientMessage) => m.type === type && test(m as Extract<ToClientMessage, { type: T }>);
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen as Extract<ToClientMessage, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
      this.waiters.push({
        test: match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<ToClientMessage, { type: T }>);
        },
        abandon: (code) => {
          clearTimeout(timer);
          reject(new Error(`the socket closed (code ${code}) while waiting for ${type}`));
        },
      });
    });
  }

  async pair(token: string): Promise<Extract<ToClientMessage, { type: 'welcome' }>> {
    this.send({ type: 'hello', token, client: { name: 'test-panel', version: '0' } });
    return this.waitFor('welcome');
  }

  waitClosed(): Promise<number> {
    return this.closed;
  }

  close(): void {
    this.socket.close();
  }
}
