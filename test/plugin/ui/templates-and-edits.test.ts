// Template JSON export/import and the shot form's edits over pre-filled fields.
import { DEFAULT_PROMPT_TEMPLATES } from '../../../shared/shots';
import { readScriptShots } from '../../../plugin/ui/script-shots';
import { descriptionOf, editShotField, isEdited, resetShot } from '../../../plugin/ui/shot-edits';
import { exportTemplates, importTemplates } from '../../../plugin/ui/template-io';

describe('template JSON', () => {
  test('an export imports back unchanged; a bare array works too', () => {
    const text = exportTemplates(DEFAULT_PROMPT_TEMPLATES);
    expect(JSON.parse(text).version).toBe(1);
    expect(importTemplates(text)).toEqual({ ok: true, templates: DEFAULT_PROMPT_TEMPLATES });
    expect(importTemplates(JSON.stringify([{ name: 'x', template: '{action}' }]))).toEqual({
      ok: true,
      templates: [{ name: 'x', description: '', template: '{action}' }],
    });
  });

  test('bad files are refused with what is wrong', () => {
    expect(importTemplates('not json')).toEqual({
      ok: false,
      message: 'The file is not JSON: export templates from Shotline to get the format.',
    });
    const unknown = importTemplates(JSON.stringify([{ name: 'x', template: '{colour}' }]));
    expect(!unknown.ok && unknown.message).toMatch(
      /^Templates not imported: templates\.0\.template: unknown placeholder \{colour\}/,
    );
    const duplicate = importTemplates(
      JSON.stringify([
        { name: 'x', template: 'a' },
        { name: 'x', template: 'b' },
      ]),
    );
    expect(!duplicate.ok && duplicate.message).toBe(
      'Templates not imported: templates.1.name: duplicate template name "x".',
    );
    expect(importTemplates('[]')).toEqual({ ok: false, message: 'The file holds no templates.' });
  });
});

describe('shot edits', () => {
  const [shot] = readScriptShots({ text: 'Kai leaps from the edge.' }).shots;

  test('an edit overlays the pre-filled fields and can be reset', () => {
    const edits = editShotField(new Map(), shot!, 'camera.shotSize', 'close-up');
    expect(descriptionOf(shot!, edits).camera.shotSize).toBe('close-up');
    expect(descriptionOf(shot!, edits).action).toBe('Kai leaps from the edge.');
    expect(isEdited(shot!, edits, 'camera.shotSize')).toBe(true);
    expect(isEdited(shot!, edits, 'action')).toBe(false);
    expect(descriptionOf(shot!, resetShot(edits, shot!))).toBe(shot!.prefilled);
  });

  test('changing the line’s words starts that shot’s form afresh', () => {
    const edits = editShotField(new Map(), shot!, 'style', 'noir');
    const [changed] = readScriptShots({ text: 'Kai jumps from the edge.' }).shots;
    expect(descriptionOf(changed!, edits).style).toBe('');
  });
});
