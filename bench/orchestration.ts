// Orchestration per clip: the panel's client asks over the socket, the queue runs the take, the panel's
// reducer takes the job.done and places the clip on the simulated Premiere. Everything but the backend and
// the encode: an instant backend (synthetic, 0 ms) and the encode's own time, from the daemon's phase lines,
// taken out of each clip's wall time. One clip at a time, so each sample is one clip end to end.
import WebSocket from 'ws';
import type { FrameRate, ToClientMessage } from '../shared/protocol';
import { CompanionClient, type SocketLike } from '../plugin/connection/companion-client';
import { createPremiereAdapter } from '../plugin/host/premiere/premiere-adapter';
import { SimulatedPremiere } from '../plugin/host/simulated';
import { jobsReducer, type JobsState } from '../plugin/ui/jobs-state';
import { placeAtPlayhead } from '../plugin/ui/place-jobs';
import type { TakePhaseReport } from '../companion/pipeline/take-phases';
import type { JobLog } from '../companion/queue/job-timeline';
import { startCompanion } from '../test/support/companion-harness';
import { sampledRow, type BenchRow } from './table';

const FPS: FrameRate = { num: 24, den: 1 };
const SIZE = { width: 640, height: 360 };
const FRAMES = 24;

/** The ms the backend and the encode took, per job, from the lines the daemon would log. */
function phaseClock() {
  const spent = new Map<string, number>();
  const log: JobLog = {
    info(fields) {
      const line = fields as { job?: string } & Partial<TakePhaseReport>;
      if (!line.job || (line.phase !== 'backend' && line.phase !== 'encode')) return;
      spent.set(line.job, (spent.get(line.job) ?? 0) + line.ms!);
    },
    warn() {},
  };
  return { log, spent };
}

function simulatedHost() {
  const sim = new SimulatedPremiere();
  sim.addSequence({ name: 'Cut 1', frameSize: SIZE, frameRate: FPS, videoTracks: 3 });
  return createPremiereAdapter(sim.api, {
    hostName: 'Simulated Premiere',
    retry: { attempts: 5, delayMs: 0, sleep: async () => undefined },
    beforeImport: (request) => sim.registerMedia(request.path, { frames: request.frames, fps: request.fps }),
  });
}

export async function benchOrchestration(clips = 15): Promise<BenchRow> {
  const clock = phaseClock();
  const running = await startCompanion({
    backends: ['synthetic'],
    backendSettings: { synthetic: { delayMs: 0 } },
    jobLog: clock.log,
  });
  const client = new CompanionClient({
    url: running.url,
    token: running.token,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    maxAttempts: 1,
  });
  const host = simulatedHost();
  let state: JobsState = [];
  const waiters = new Set<(m: ToClientMessage) => void>();
  client.on('message', (message) => {
    state = jobsReducer(state, { type: 'message', message });
    for (const waiter of waiters) waiter(message);
  });
  const next = (type: ToClientMessage['type']) =>
    new Promise<ToClientMessage>((resolve) => {
      const waiter = (m: ToClientMessage) => {
        if (m.type !== type) return;
        waiters.delete(waiter);
        resolve(m);
      };
      waiters.add(waiter);
    });
  try {
    const connected = new Promise<void>((resolve) =>
      client.on('state', (s) => s.status === 'connected' && resolve()),
    );
    client.connect();
    await connected;
    const orchestration: number[] = [];
    const encodes: number[] = [];
    // The first clip loads ffmpeg, the font and the modules: it is not the steady state a user sees.
    for (let i = -1; i < clips; i++) {
      const t = performance.now();
      const done = next('job.done');
      client.generate([
        {
          shotId: `O-${i + 2}`,
          prompt: `clip ${i}`,
          duration: { frames: FRAMES },
          fps: FPS,
          size: SIZE,
          backend: 'synthetic',
        },
      ]);
      const message = await done;
      if (message.type !== 'job.done') throw new Error('expected job.done');
      const row = state.find((r) => r.jobId === message.jobId)!;
      await placeAtPlayhead(host, row, (action) => (state = jobsReducer(state, action)));
      const wall = performance.now() - t;
      if (state.find((r) => r.jobId === message.jobId)?.placement?.state !== 'placed') {
        throw new Error(`clip ${message.jobId} was not placed`);
      }
      const media = clock.spent.get(message.jobId) ?? 0;
      if (i < 0) continue;
      orchestration.push(wall - media);
      encodes.push(media);
    }
    return sampledRow(
      `orchestration per clip (socket, queue, probe, sidecar, poster, import, place)`,
      orchestration,
      'the same clips: backend + encode phases',
      encodes,
      `${clips} clips one at a time, ${SIZE.width}x${SIZE.height} ${FRAMES} frames, synthetic backend (0 ms); ` +
        'each clip’s wall time minus its backend and encode phases; goal < 300 ms',
    );
  } finally {
    client.close();
    await running.stop();
  }
}
