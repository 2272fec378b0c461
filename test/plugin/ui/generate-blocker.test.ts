// A disabled Generate always says why, in the order an editor meets the steps.
import { generateBlocker } from '../../../plugin/ui/generate-blocker';

const ready = { connected: true, shotCount: 3, selectedCount: 2, backendReady: true };

describe('generateBlocker', () => {
  it('names the first missing step', () => {
    expect(generateBlocker({ ...ready, connected: false, shotCount: 0 })).toBe(
      'Connect to the companion first.',
    );
    expect(generateBlocker({ ...ready, shotCount: 0, selectedCount: 0 })).toBe(
      'Paste or import a script first.',
    );
    expect(generateBlocker({ ...ready, selectedCount: 0 })).toBe('Select the script lines to make shots of.');
    expect(generateBlocker({ ...ready, backendReady: false })).toBe('The companion has no backend ready.');
    const lacks = 'ComfyUI cannot run: ComfyUI has no wan_2.1_vae.safetensors in models/vae.';
    expect(generateBlocker({ ...ready, backendProblem: lacks, takesProblem: 'too many' })).toBe(lacks);
    expect(generateBlocker({ ...ready, takesProblem: 'That is 900 takes; the limit is 200.' })).toBe(
      'That is 900 takes; the limit is 200.',
    );
  });

  it('is null when everything is in place', () => {
    expect(generateBlocker(ready)).toBeNull();
  });
});
