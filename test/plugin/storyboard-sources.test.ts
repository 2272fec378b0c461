// Where a storyboard frame comes from besides a typed path: UXP's pickers, and a still in the Project panel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STILL_TYPES, uxpMediaPicker } from '../../plugin/host/media-picker';
import { SimulatedUxp } from '../../plugin/host/simulated/uxp';
import { stillOfProjectSelection } from '../../plugin/ui/continuity';
import { REPO_ROOT } from '../support/repo-root';
import { setUp } from './sim-fixture';

describe('storyboard pickers', () => {
  it('give the picked still’s and folder’s native paths, offering only the stills the companion reads', async () => {
    const uxp = new SimulatedUxp();
    const picker = uxpMediaPicker(uxp);
    uxp.toOpen.push({ name: 'S1-01.png', text: '', nativePath: '/Volumes/boards/S1-01.png' });
    uxp.foldersToPick.push({ name: 'boards', nativePath: '/Volumes/boards' });
    await expect(picker.pickStill()).resolves.toBe('/Volumes/boards/S1-01.png');
    await expect(picker.pickFolder()).resolves.toBe('/Volumes/boards');
    // Cancelled pickers.
    await expect(picker.pickStill()).resolves.toBeNull();
    await expect(picker.pickFolder()).resolves.toBeNull();
    expect(uxp.pickerCalls).toEqual([
      { kind: 'open', types: [...STILL_TYPES] },
      { kind: 'folder' },
      { kind: 'open', types: [...STILL_TYPES] },
      { kind: 'folder' },
    ]);
  });

  it('open one at a time, as the script picker does', async () => {
    const uxp = new SimulatedUxp();
    const picker = uxpMediaPicker(uxp);
    uxp.foldersToPick.push({ name: 'a', nativePath: '/a' }, { name: 'b', nativePath: '/b' });
    await expect(Promise.all([picker.pickFolder(), picker.pickFolder()])).resolves.toEqual(['/a', null]);
  });

  it('are refused under the sandbox-only permission; both manifests ask for "request"', async () => {
    const picker = uxpMediaPicker(new SimulatedUxp({ localFileSystem: 'plugin' }));
    await expect(picker.pickStill()).rejects.toThrow(/localFileSystem is "plugin"/);
    await expect(picker.pickFolder()).rejects.toThrow(/getFolder: permission denied/);
    for (const manifest of ['manifest.json', 'plugin/aftereffects/manifest.json']) {
      const json = JSON.parse(readFileSync(join(REPO_ROOT, manifest), 'utf8'));
      expect(json.requiredPermissions.localFileSystem).toBe('request');
    }
  });
});

describe('a still from the Project panel', () => {
  it('is read through ProjectUtils.getSelection: media paths, none for a sequence', async () => {
    const { sim, adapter } = setUp();
    sim.addOtherItem('Nested cut');
    sim.selectProjectItems(['/boards/B1.png', '/m/a.mov'], ['Nested cut']);
    await expect(adapter.getSelectedProjectItems!()).resolves.toEqual([
      { name: 'B1.png', mediaPath: '/boards/B1.png' },
      { name: 'a.mov', mediaPath: '/m/a.mov' },
      { name: 'Nested cut' },
    ]);
  });

  it('is the first selected still; a clip or sequence alone is refused by name', async () => {
    const { sim, adapter } = setUp();
    sim.addOtherItem('Nested cut');
    sim.selectProjectItems(['/m/a.mov', '/boards/B2.JPG']);
    expect(stillOfProjectSelection(await adapter.getSelectedProjectItems!())).toEqual({
      ok: true,
      path: '/boards/B2.JPG',
      name: 'B2.JPG',
    });
    sim.selectProjectItems(['/m/a.mov']);
    expect(stillOfProjectSelection(await adapter.getSelectedProjectItems!())).toEqual({
      ok: false,
      message: '"a.mov" is not a still image (PNG, JPEG or WebP); select one in the Project panel.',
    });
    sim.selectProjectItems([], ['Nested cut']);
    expect(stillOfProjectSelection(await adapter.getSelectedProjectItems!())).toMatchObject({
      message: expect.stringContaining('"Nested cut" is not a still image'),
    });
    sim.selectProjectItems([]);
    expect(stillOfProjectSelection(await adapter.getSelectedProjectItems!())).toMatchObject({
      message: 'Select a still image (PNG, JPEG or WebP) in the Project panel first.',
    });
    expect(stillOfProjectSelection(undefined)).toMatchObject({
      message: 'This host has no Project panel selection to take a still from.',
    });
  });
});
