// 200 connections, 10 of them not reading while they flood jobs.list: the daemon's memory and a real user's p99.
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { encodeToServer } from '../shared/protocol';
import { TokenBook } from '../companion/config/user-tokens';
import { startCompanion } from '../test/support/companion-harness';
import { adoptFinishedJobs } from '../test/support/finished-jobs';
import type { BenchRow } from './table';

const CONNECTIONS = 200;
const NON_READING = 10;
const ROUND_TRIPS = 400;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)]!;

async function open(url: string, token?: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  if (!token) return ws;
  const welcome = new Promise((resolve) => ws.once('message', resolve));
  ws.send(encodeToServer({ type: 'hello', token, client: { name: 'bench', version: '0' } }));
  await welcome;
  return ws;
}

async function roundTripsP99(ws: WebSocket): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const t = performance.now();
    const reply = new Promise((resolve) => ws.once('message', resolve));
    ws.send(encodeToServer({ type: 'jobs.list', id: `u${i}` }));
    await reply;
    times.push(performance.now() - t);
  }
  return p99(times);
}

export async function benchHostileClients(): Promise<BenchRow> {
  const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  echo.on('connection', (s) => s.on('message', (d) => s.send(d.toString())));
  await new Promise((r) => echo.once('listening', r));
  const baselineMs = await roundTripsP99(
    await open(`ws://127.0.0.1:${(echo.address() as AddressInfo).port}`),
  );
  echo.close();

  // The flooders hold a user's token with a long history (large replies); the real user has their own.
  const tokens = { flood: randomBytes(32).toString('hex'), user: randomBytes(32).toString('hex') };
  const users = Object.entries(tokens).map(([name, token]) => ({
    name,
    sha256: createHash('sha256').update(token).digest('hex'),
    createdAt: new Date().toISOString(),
  }));
  const primary = randomBytes(32).toString('hex');
  const running = await startCompanion({}, { token: primary, users: new TokenBook(primary, { users }) });
  try {
    adoptFinishedJobs(running.companion, 1500, 'user:flood/session:history', 300);
    const before = process.memoryUsage().rss;
    const sockets: WebSocket[] = [];
    for (let i = 0; i < CONNECTIONS - NON_READING - 1; i++)
      sockets.push(await open(running.url, tokens.user));
    for (let i = 0; i < NON_READING; i++) {
      const ws = await open(running.url, tokens.flood);
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
      for (let j = 0; j < 150; j++) ws.send(encodeToServer({ type: 'jobs.list', id: `f${j}` }));
      sockets.push(ws);
    }
    const user = await open(running.url, tokens.user);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const ms = await roundTripsP99(user);
    clearInterval(sampler);
    const after = process.memoryUsage().rss;
    const open_ = running.server.openConnections;
    for (const ws of [...sockets, user]) ws.terminate();
    return {
      name: `real user's jobs.list p99, ${CONNECTIONS} connections, ${NON_READING} not reading`,
      ms,
      baseline: 'bare ws echo p99',
      baselineMs,
      note: `RSS (daemon and clients in one process) ${mb(before)} before, ${mb(peak)} peak, ${mb(after)} after; ${CONNECTIONS - open_} non-reading cut off (${open_} open)`,
    };
  } finally {
    await running.stop();
  }
}
