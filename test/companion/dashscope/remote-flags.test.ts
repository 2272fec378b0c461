// The --dashscope-* / --comfyui-* flags and the backend settings they become; secrets come from env or files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import {
  remoteOptions,
  remoteSettings,
  type RemoteFlags,
} from '../../../companion/cli/commands/remote-flags';
import { DashScopeBackend } from '../../../companion/backends/dashscope/dashscope-backend';
import { ComfyUIBackend } from '../../../companion/backends/comfyui/comfyui-backend';

function parse(args: string[]): RemoteFlags {
  const command = remoteOptions(new Command('serve').exitOverride());
  command.parse(args, { from: 'user' });
  return command.opts<RemoteFlags>();
}

describe('remote CLI flags', () => {
  test('defaults leave every backend default in place', () => {
    const settings = remoteSettings(parse([]), {});
    expect(settings.dashscope).toEqual({ promptExtend: true, watermark: false, env: {} });
    expect(settings.comfyui).toEqual({});
  });

  test('flags become settings; the key comes from a file and the ComfyUI header from the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shotline-flags-'));
    try {
      writeFileSync(join(dir, 'key'), 'sk-from-file-123456\n');
      const flags = parse([
        '--dashscope-region',
        'singapore',
        '--dashscope-model',
        'wan2.1-t2v-turbo', // Singapore's spelling; Beijing's is wanx2.1-t2v-turbo
        '--dashscope-size',
        '1280*720',
        '--no-dashscope-prompt-extend',
        '--dashscope-poll-interval',
        '10',
        '--dashscope-key-file',
        join(dir, 'key'),
        '--comfyui-url',
        'http://127.0.0.1:8189',
        '--comfyui-workflow',
        'wan22-ti2v-5b',
        '--comfyui-steps',
        '30',
      ]);
      const settings = remoteSettings(flags, { COMFYUI_AUTH_HEADER: 'X-Token: abc123' });
      expect(settings.dashscope).toMatchObject({
        region: 'singapore',
        model: 'wan2.1-t2v-turbo',
        size: '1280*720',
        promptExtend: false,
        pollIntervalMs: 10_000,
        apiKey: 'sk-from-file-123456',
      });
      expect(settings.comfyui).toEqual({
        url: 'http://127.0.0.1:8189',
        workflow: 'wan22-ti2v-5b',
        steps: 30,
        authHeader: 'X-Token: abc123',
      });
      expect(new DashScopeBackend(settings.dashscope).info().available).toBe(true);
      expect(new ComfyUIBackend(settings.comfyui).info().label).toContain('TI2V 5B');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad values are refused by name', () => {
    expect(() => parse(['--dashscope-model', 'gpt'])).toThrow(/Allowed choices are .*wan2\.2-t2v-plus/);
    expect(() => parse(['--comfyui-steps', '2.5'])).toThrow(/must be a whole number/);
    expect(() => remoteSettings(parse(['--dashscope-key-file', '/nonexistent/key']), {})).toThrow(
      /--dashscope-key-file: cannot read \/nonexistent\/key/,
    );
  });
});
