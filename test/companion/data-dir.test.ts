// The data folder: one daemon per folder, a restore that survives a bad row, a damaged WAL reported, safe files.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShotRequestInput } from '../../shared/protocol';
import { prepareDataDir } from '../../companion/config/data-dir';
import { loadOrCreateToken } from '../../companion/config/token';
import { startDaemon, type DaemonProcess } from '../support/daemon-process';
import { SHOTLINE_BIN } from '../support/repo-root';
import { TestPanel } from '../support/test-panel';

const shot = (shotId: string, seconds: number): ShotRequestInput => ({
  shotId,
  prompt: `Shot ${shotId}`,
  duration: { seconds },
  fps: { num: 24, den: 1 },
  size: { width: 160, height: 90 },
  backend: 'slate',
});

function serveOnce(dataDir: string) {
  const r = spawnSync(process.execPath, [SHOTLINE_BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, SHOTLINE_LOG_LEVEL: 'warn' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the data folder', () => {
  let dataDir: string;
  let daemon: DaemonProcess | undefined;
  const panels: TestPanel[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'shotline-datadir-'));
  });
  afterEach(async () => {
    panels.splice(0).forEach((p) => p.close());
    await daemon?.kill();
    daemon = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  const paired = async (d: DaemonProcess) => {
    const panel = await TestPanel.connect(d.url);
    panels.push(panel);
    await panel.pair(d.token);
    return panel;
  };

  test('a second serve on the same folder refuses at once, naming the running one, and touches nothing', async () => {
    daemon = await startDaemon(dataDir);
    const panel = await paired(daemon);
    // Long and large enough that it is still encoding while the second daemon starts and gives up.
    panel.send({
      type: 'generate',
      id: 'g',
      shots: [{ ...shot('LONG', 120), size: { width: 640, height: 360 } }],
    });
    const jobId = (await panel.waitFor('accepted')).jobs[0]!.jobId;
    const partials = () => readdirSync(join(dataDir, 'outputs')).filter((f) => f.includes('.partial-'));
    // The clip is being written (it streams into a partial file) when the second daemon starts.
    await panel.waitFor('job.progress', (m) => m.jobId === jobId);
    for (let i = 0; i < 200 && partials().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(partials()).toHaveLength(1);

    const second = serveOnce(dataDir);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(
      `is in use by another Shotline companion (pid ${daemon.child.pid}, ${daemon.url}`,
    );
    expect(second.stdout).not.toMatch(/READY/);
    // Its half-written clip was left alone: the running daemon finishes the job and the clip is there.
    const ended = await Promise.race([
      panel.waitFor('job.done', (m) => m.jobId === jobId, 120_000),
      panel.waitFor('job.failed', (m) => m.jobId === jobId, 120_000),
    ]);
    expect(ended.type).toBe('job.done');
    if (ended.type === 'job.done') expect(existsSync(ended.output.path)).toBe(true);
  });

  test('an unreadable job row is set aside and reported; the other jobs restore', async () => {
    daemon = await startDaemon(dataDir);
    const panel = await paired(daemon);
    panel.send({ type: 'generate', id: 'g', shots: [shot('GOOD', 0.25), shot('BAD', 0.25)] });
    const [good, bad] = (await panel.waitFor('accepted')).jobs.map((j) => j.jobId);
    await panel.waitFor('job.done', (m) => m.jobId === good);
    await panel.waitFor('job.done', (m) => m.jobId === bad);
    await daemon.kill('SIGTERM');
    const db = new Database(join(dataDir, 'jobs.sqlite'));
    db.prepare("UPDATE jobs SET shot = '{not json' WHERE job_id = ?").run(bad);
    db.close();

    daemon = await startDaemon(dataDir);
    expect(daemon.stdout()).toMatch(/Jobs restored: 0 to run, 1 finished/);
    expect(daemon.stdout()).toContain(
      `Jobs set aside: 1 unreadable row(s) moved to jobs_quarantine (${bad})`,
    );
    const again = await paired(daemon);
    again.send({ type: 'jobs.list', id: 'l' });
    expect((await again.waitFor('jobs')).jobs.map((j) => j.jobId)).toEqual([good]);
    const check = new Database(join(dataDir, 'jobs.sqlite'), { readonly: true });
    expect(check.prepare('SELECT job_id FROM jobs_quarantine').all()).toEqual([{ job_id: bad }]);
    check.close();
  });

  test('a start that fails exits non-zero with a sentence naming the database file', () => {
    writeFileSync(join(dataDir, 'jobs.sqlite'), 'not a database at all, just text');
    const r = serveOnce(dataDir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `The job database ${join(dataDir, 'jobs.sqlite')} failed: file is not a database`,
    );
    expect(r.stdout).not.toMatch(/READY/);
  });

  test('a damaged or deleted WAL after a crash is reported at start', async () => {
    daemon = await startDaemon(dataDir);
    const panel = await paired(daemon);
    panel.send({ type: 'generate', id: 'g', shots: [shot('A', 0.25)] });
    await panel.waitFor('job.done');
    await daemon.kill('SIGKILL');
    const wal = join(dataDir, 'jobs.sqlite-wal');
    expect(statSync(wal).size).toBeGreaterThan(32);
    writeFileSync(wal, Buffer.alloc(64, 0x41));
    daemon = await startDaemon(dataDir);
    expect(daemon.stdout()).toContain(`Warning: ${wal} is damaged`);
    await daemon.kill('SIGKILL');
    rmSync(wal, { force: true });
    expect(existsSync(`${join(dataDir, 'jobs.sqlite')}-shm`)).toBe(true);
    daemon = await startDaemon(dataDir);
    expect(daemon.stdout()).toContain(`Warning: ${wal} is missing after an unclean stop`);
  });
});

describe('files in the data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the token file is never read through a symbolic link', () => {
    const elsewhere = join(dir, 'elsewhere');
    writeFileSync(elsewhere, 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90\n');
    symlinkSync(elsewhere, join(dir, 'token'));
    expect(() => loadOrCreateToken(join(dir, 'token'))).toThrow(
      expect.objectContaining({ code: 'TOKEN_IS_LINK', message: expect.stringContaining('symbolic link') }),
    );
  });

  test.each([
    ['all zeros', '0'.repeat(64)],
    ['short', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'],
    ['a repeated pair', 'ab'.repeat(32)],
  ])('a weak token in the file is refused: %s', (_name, value) => {
    writeFileSync(join(dir, 'token'), value + '\n', { mode: 0o600 });
    expect(() => loadOrCreateToken(join(dir, 'token'))).toThrow(
      expect.objectContaining({ code: 'TOKEN_WEAK', message: expect.stringContaining('too weak') }),
    );
  });

  test('a new token is strong and private', () => {
    const token = loadOrCreateToken(join(dir, 'token'));
    expect(token.created).toBe(true);
    expect(token.value).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'token')).mode & 0o777).toBe(0o600);
    expect(loadOrCreateToken(join(dir, 'token'))).toEqual({ value: token.value, created: false });
  });

  test('a data folder other users can write to is made private, and said so', () => {
    const data = join(dir, 'data');
    mkdirSync(data);
    chmodSync(data, 0o777);
    const warnings: string[] = [];
    prepareDataDir(data, (m) => warnings.push(m));
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(warnings).toEqual([`${data} could be written by other users (mode 777); it is now 700.`]);
  });

  test('a data folder that is a link is refused', () => {
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    expect(() => prepareDataDir(join(dir, 'link'))).toThrow(
      expect.objectContaining({ code: 'DATA_DIR_UNSAFE' }),
    );
  });
});
