// Round trip of a small message (jobs.list) through the daemon, against a bare ws echo server.
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { startCompanion } from '../test/support/companion-harness';
import { encodeToServer } from '../shared/protocol';
import { median, type BenchRow } from './table';

async function timeRoundTrips(
  url: string,
  send: (ws: WebSocket, i: number) => void,
  count: number,
  before?: (ws: WebSocket) => Promise<void>,
) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  if (before) await before(ws);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const reply = new Promise((resolve) => ws.once('message', resolve));
    send(ws, i);
    await reply;
    times.push(performance.now() - t);
  }
  ws.close();
  return median(times.slice(Math.floor(count / 10)));
}

export async function benchWsRoundTrip(count = 500): Promise<BenchRow> {
  const echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  echo.on('connection', (s) => s.on('message', (d) => s.send(d.toString())));
  await new Promise((r) => echo.once('listening', r));
  const echoUrl = `ws://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  const running = await startCompanion();
  try {
    const listMsg = (i: number) => encodeToServer({ type: 'jobs.list', id: `l${i}` });
    const baselineMs = await timeRoundTrips(echoUrl, (ws, i) => ws.send(listMsg(i)), count);
    const ms = await timeRoundTrips(
      running.url,
      (ws, i) => ws.send(listMsg(i)),
      count,
      async (ws) => {
        const welcome = new Promise((r) => ws.once('message', r));
        ws.send(
          encodeToServer({ type: 'hello', token: running.token, client: { name: 'bench', version: '0' } }),
        );
        await welcome;
      },
    );
    return {
      name: 'ws round trip (jobs.list)',
      ms,
      baseline: 'bare ws echo server',
      baselineMs,
      note: `median of ${count} sequential round trips on loopback`,
    };
  } finally {
    echo.close();
    await running.stop();
  }
}
