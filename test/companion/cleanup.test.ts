// Start-up cleanup on a shared output folder: only partials that provably belong to no live write go.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parsePartialName, partialPathFor } from '../../companion/media/atomic-file';
import { removeLeftovers } from '../../companion/store/cleanup';

describe('removeLeftovers', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shotline-cleanup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const put = (name: string, ageMs = 0) => {
    const path = join(dir, name);
    writeFileSync(path, 'x');
    const at = new Date(Date.now() - ageMs);
    utimesSync(path, at, at);
    return name;
  };
  /** A pid that ran on this machine and has exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
  const ownHost = parsePartialName(basename(partialPathFor('/out/x.mp4')))!.owner!.host;
  const DAY = 24 * 3600 * 1000;

  test('a write in flight from another machine is kept; its job need not be known here', async () => {
    const inFlight = put('.A_take1_abc.mp4.partial-gpu-07.4242.0a1b2c3d');
    expect(await removeLeftovers(dir, { openOutputs: new Set() })).toEqual([]);
    expect(readdirSync(dir)).toEqual([inFlight]);
  });

  test("a dead local writer's partial goes at once, even of an open job; a live one's stays", async () => {
    const dead = put(`.B_take1_abc.mp4.partial-${ownHost}.${deadPid()}.0a1b2c3d`);
    const live = put(`.C_take1_abc.mp4.partial-${ownHost}.${process.pid}.0a1b2c3d`);
    expect(await removeLeftovers(dir, { openOutputs: new Set(['B_take1_abc.mp4']) })).toEqual([dead]);
    expect(readdirSync(dir)).toEqual([live]);
  });

  test('stale partials go, unless their job is still open', async () => {
    const stale = put('.D_take1_abc.mp4.partial-deadbeef', 2 * DAY);
    const remote = put('.E_take1_abc.mp4.partial-gpu-07.4242.0a1b2c3d', 2 * DAY);
    const open = put('.F_take1_abc.mp4.partial-gpu-07.4242.0a1b2c3d', 2 * DAY);
    const removed = await removeLeftovers(dir, { openOutputs: new Set(['F_take1_abc.mp4']) });
    expect(removed.sort()).toEqual([stale, remote].sort());
    expect(readdirSync(dir)).toEqual([open]);
  });

  test('clips, sidecars and other files are never touched', async () => {
    const names = [
      put('G_take1_abc.mp4', 2 * DAY),
      put('G_take1_abc.json', 2 * DAY),
      put('.hidden', 2 * DAY),
    ];
    expect(await removeLeftovers(dir, { openOutputs: new Set() })).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(names.sort());
  });
});

test('partial names carry their writer and the file they become', () => {
  const name = basename(partialPathFor('/out/H_take2_abc.mov'));
  expect(parsePartialName(name)).toEqual({
    finalName: 'H_take2_abc.mov',
    owner: { host: expect.stringMatching(/^[A-Za-z0-9-]+$/), pid: process.pid },
  });
  expect(parsePartialName('H_take2_abc.mov')).toBeUndefined();
});
