// --comfyui-colour / --dashscope-colour: the per-backend assumption for untagged files, from the command line.
import { Command } from 'commander';
import { remoteOptions, remoteSettings, type RemoteFlags } from '../../companion/cli/commands/remote-flags';
import { resolveComfyUISettings } from '../../companion/backends/comfyui/comfyui-settings';
import { resolveDashScopeSettings } from '../../companion/backends/dashscope/dashscope-settings';

function parse(args: string[]): RemoteFlags {
  const command = remoteOptions(new Command('serve').exitOverride().configureOutput({ writeErr: () => {} }));
  command.parse(args, { from: 'user' });
  return command.opts<RemoteFlags>();
}

test('the flags set each backend’s assumption; without them each assumes what its producer writes', () => {
  const settings = remoteSettings(
    parse(['--comfyui-colour', 'bt709', '--dashscope-colour', 'bt601-full']),
    {},
  );
  expect(resolveComfyUISettings(settings.comfyui).colour).toEqual({ matrix: 'bt709', range: 'tv' });
  expect(resolveDashScopeSettings(settings.dashscope).colour).toEqual({ matrix: 'smpte170m', range: 'pc' });
  const plain = remoteSettings(parse([]), {});
  expect(resolveComfyUISettings(plain.comfyui).colour).toEqual({ matrix: 'smpte170m', range: 'tv' });
  expect(resolveDashScopeSettings(plain.dashscope).colour).toEqual({ matrix: 'smpte170m', range: 'tv' });
});

test('an unknown preset is refused with the list of presets', () => {
  expect(() => parse(['--comfyui-colour', 'rec709'])).toThrow(
    "error: option '--comfyui-colour <preset>' argument 'rec709' is invalid. Allowed choices are bt601, bt601-full, bt709, bt709-full.",
  );
});

test('a config file’s colour object is checked, naming the option', () => {
  expect(() => resolveDashScopeSettings({ colour: { matrix: 'bt2100' } as never })).toThrow(
    /^dashscope: option "colour" must be one of bt601, bt601-full, bt709, bt709-full or an object of matrix/,
  );
});
