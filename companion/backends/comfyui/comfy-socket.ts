// Follows ComfyUI's /ws?clientId= feed for one job, reconnecting while the job lasts.
import WebSocket from 'ws';
import type { Logger } from 'pino';

export interface ComfyEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface ComfySocketOptions {
  wsUrl: string;
  clientId: string;
  headers: Record<string, string>;
  reconnectMs: number;
  onEvent(event: ComfyEvent): void;
  /** Called on every successful (re)connection: events may have been missed, so the caller re-reads state. */
  onOpen(): void;
  log?: Logger;
}

export class ComfySocket {
  private socket?: WebSocket;
  private closed = false;
  private timer?: NodeJS.Timeout;
  lastContact = Date.now();
  connected = false;

  constructor(private readonly options: ComfySocketOptions) {}

  /** Resolves once the first connection opens or fails; either way the socket keeps retrying until close(). */
  start(): Promise<void> {
    return new Promise((resolve) => this.connect(resolve));
  }

  private connect(settled?: () => void): void {
    if (this.closed) return settled?.();
    const { wsUrl, clientId, headers } = this.options;
    const socket = new WebSocket(`${wsUrl}/ws?clientId=${encodeURIComponent(clientId)}`, { headers });
    this.socket = socket;
    socket.on('open', () => {
      this.connected = true;
      this.lastContact = Date.now();
      this.options.onOpen();
      settled?.();
    });
    socket.on('message', (data, isBinary) => {
      this.lastContact = Date.now();
      if (isBinary) return; // preview images
      try {
        const parsed = JSON.parse(data.toString()) as { type?: unknown; data?: unknown };
        if (typeof parsed.type === 'string' && parsed.data && typeof parsed.data === 'object') {
          this.options.onEvent({ type: parsed.type, data: parsed.data as Record<string, unknown> });
        }
      } catch {
        this.options.log?.debug('comfyui: ignored a socket frame that is not JSON');
      }
    });
    socket.on('error', (err) =>
      this.options.log?.debug({ code: (err as { code?: string }).code }, 'comfyui socket error'),
    );
    socket.on('close', () => {
      this.connected = false;
      settled?.();
      if (!this.closed) this.timer = setTimeout(() => this.connect(), this.options.reconnectMs);
    });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.removeAllListeners('close');
    this.socket?.on('error', () => undefined);
    if (this.socket && this.socket.readyState !== WebSocket.CLOSED) this.socket.terminate();
  }
}
