// A companion shared beyond loopback: it refuses to start without TLS and per-user tokens, then serves wss://.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon, type DaemonProcess } from '../support/daemon-process';
import { SHOTLINE_BIN } from '../support/repo-root';
import { TestPanel } from '../support/test-panel';

// 127.0.0.2 is a loopback address the daemon does not treat as loopback: it stands in for a LAN address.
const HOST = '127.0.0.2';

function shotline(...args: string[]) {
  return spawnSync(process.execPath, [SHOTLINE_BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
}

describe('remote access', () => {
  let dir: string;
  let cert: string;
  let key: string;
  let daemon: DaemonProcess | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-remote-'));
    cert = join(dir, 'cert.pem');
    key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${HOST}`,
        '-addext',
        `subjectAltName=IP:${HOST}`,
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(async () => {
    await daemon?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('beyond loopback it needs TLS, then per-user tokens', () => {
    const data = join(dir, 'data1');
    const noTls = shotline('serve', '--host', HOST, '--port', '0', '--data-dir', data);
    expect(noTls.status).toBe(2);
    expect(noTls.stderr).toMatch(/beyond loopback: give --tls-cert and --tls-key/);
    const noUsers = shotline(
      'serve',
      '--host',
      HOST,
      '--port',
      '0',
      '--data-dir',
      data,
      '--tls-cert',
      cert,
      '--tls-key',
      key,
    );
    expect(noUsers.status).toBe(2);
    expect(noUsers.stderr).toMatch(/add per-user tokens first with `shotline user add NAME`/);
  });

  test("wss:// with per-user tokens; users never see each other's jobs", async () => {
    const data = join(dir, 'data2');
    const tokens = Object.fromEntries(
      ['ana', 'ben'].map((name) => [
        name,
        /\n([0-9a-f]{64})\n/.exec(shotline('user', 'add', name, '--data-dir', data).stdout)![1]!,
      ]),
    );
    expect(readFileSync(join(data, 'users.json'), 'utf8')).not.toContain(tokens.ana);
    daemon = await startDaemon(data, {}, ['--host', HOST, '--tls-cert', cert, '--tls-key', key]);
    expect(daemon.url).toMatch(/^wss:\/\/127\.0\.0\.2:\d+$/);
    const connect = async (token: string) => {
      const panel = await TestPanel.connect(daemon!.url, { ca: readFileSync(cert) });
      panel.send({ type: 'hello', token, client: { name: 't', version: '0' }, session: 'same-session-id' });
      return panel;
    };
    const ana = await connect(tokens.ana!);
    await ana.waitFor('welcome');
    const ben = await connect(tokens.ben!);
    await ben.waitFor('welcome');
    ana.send({
      type: 'generate',
      id: 'g',
      shots: [
        {
          shotId: 'A1',
          prompt: 'ana',
          duration: { frames: 2 },
          fps: { num: 24, den: 1 },
          size: { width: 32, height: 32 },
          backend: 'slate',
        },
      ],
    });
    await ana.waitFor('job.done');
    expect(ben.received.some((m) => m.type === 'job.done' || m.type === 'job.progress')).toBe(false);
    const stranger = await connect('0'.repeat(64));
    expect((await stranger.waitFor('error')).error.code).toBe('UNAUTHORIZED');
    [ana, ben, stranger].forEach((p) => p.close());
  });
});
