// The character bible in the panel: listed per script, and a saved edit reaching every shot's prompt.
import { renderToString } from 'react-dom/server';
import { BiblePane } from '../../../plugin/ui/BiblePane';
import { compileForBackend } from '../../../plugin/ui/prompt-preview';
import { readScriptShots } from '../../../plugin/ui/script-shots';

const text =
  'EXT. ROOF - NIGHT\n\nKAI (40s), black trench coat, runs.\n\nBehind him a tank explodes.\n\nKai leaps.';
const layout = { backend: 'wan', template: null, projectNegativePrompt: null };

test('the pane lists each character with its description and the default style', () => {
  const { bible } = readScriptShots({ text, fileName: 'roof.fountain' });
  const html = renderToString(
    <BiblePane
      bible={bible}
      scriptKey="roof.fountain"
      onSave={() => undefined}
      defaultStyle="cinematic lighting"
      onSaveDefaultStyle={() => undefined}
    />,
  );
  expect(html).toContain('data-testid="bible-KAI"');
  expect(html).toContain('a man in his 40s in a black trench coat');
  expect(html).toContain('value="cinematic lighting"');
  expect(html).toContain('Save characters for roof.fountain');
});

test('a stored description becomes the subject of every shot, and the default style ends each prompt', () => {
  const own = readScriptShots({ text, fileName: 'roof.fountain' });
  const kai = { ...own.bible.characters[0]!, description: 'a tall man in a blue raincoat' };
  const edited = readScriptShots({ text, fileName: 'roof.fountain', bible: { characters: [kai] } });
  const prompts = edited.shots.map(
    (shot) => compileForBackend(shot.prefilled, { ...layout, defaultStyle: 'cinematic lighting' }).prompt,
  );
  expect(prompts).toEqual([
    'A tall man in a blue raincoat runs, at the roof at night. Cinematic lighting.',
    'A tall man in a blue raincoat; behind him a tank explodes, at the roof at night. Cinematic lighting.',
    'A tall man in a blue raincoat leaps, at the roof at night. Cinematic lighting.',
  ]);
});
