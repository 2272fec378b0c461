// The encoder's frame pump against a backend that writes every frame into one buffer (as the onnx backend does).
import { Writable } from 'node:stream';
import { pumpFrames } from '../../companion/media/encode';
import { StallWatchdog } from '../../companion/media/stall-watchdog';
import { expectWordedInBothLanguages } from '../support/panel-wording';

const FRAME_BYTES = 64;
const FRAMES = 6;

/** Frame i is FRAME_BYTES bytes of value i, always in the same buffer. */
async function* reusedBuffer(): AsyncGenerator<Uint8Array> {
  const buffer = new Uint8Array(FRAME_BYTES);
  for (let i = 0; i < FRAMES; i++) {
    buffer.fill(i);
    yield buffer;
  }
}

/**
 * A pipe that takes the bytes only later, as the kernel does once ffmpeg reads: a large buffer limit, so a
 * write returns true while its chunk (a view of the caller's memory) still waits to be read.
 */
function slowPipe(received: number[][]): Writable {
  return new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _encoding, callback) {
      setTimeout(() => {
        received.push([...new Set(chunk)]);
        callback();
      }, 2);
    },
  });
}

test('a frame is pulled only once the last one has left its buffer, so a reused buffer arrives intact', async () => {
  const received: number[][] = [];
  const watchdog = new StallWatchdog(60_000, () => undefined);
  try {
    await pumpFrames(
      reusedBuffer(),
      slowPipe(received),
      FRAME_BYTES,
      { signal: new AbortController().signal },
      watchdog,
    );
  } finally {
    watchdog.stop();
  }
  expect(received).toEqual(Array.from({ length: FRAMES }, (_, i) => [i]));
});

test('a frame of the wrong size is refused with both sizes, worded by the panel in either language', async () => {
  async function* short(): AsyncGenerator<Uint8Array> {
    yield new Uint8Array(FRAME_BYTES - 4);
  }
  const watchdog = new StallWatchdog(60_000, () => undefined);
  const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const err: unknown = await pumpFrames(
    short(),
    sink,
    FRAME_BYTES,
    { signal: new AbortController().signal },
    watchdog,
  )
    .catch((e: unknown) => e)
    .finally(() => watchdog.stop());
  expect(err).toMatchObject({ code: 'BACKEND_FAILED', message: 'A frame of 60 bytes arrived; 64 expected.' });
  expectWordedInBothLanguages(err);
});
