// The script pane says why a Final Draft file gave no shots, and what the reader left out.
import { readFileSync } from 'node:fs';
import { renderToString } from 'react-dom/server';
import { readScriptShots } from '../../../plugin/ui/script-shots';
import { ScriptPane } from '../../../plugin/ui/ScriptPane';
import { fixturePath } from '../../support/fixtures';

const source = (name: string) => ({
  text: readFileSync(fixturePath(`fdx/minimal/${name}`), 'utf8'),
  fileName: name,
});

describe('script pane notices', () => {
  test('no action lines: one sentence with the headings and dialogue blocks it read', () => {
    const read = readScriptShots(source('no-action.fdx'));
    // The dialogue-only scene still gets its one coverage shot (the speakers in the scene's place).
    expect(read.shots.map((shot) => shot.candidate.kind)).toEqual(['coverage']);
    expect(read.notices).toEqual([
      'The script has no action lines to make shots from: it has 1 scene heading and 2 dialogue blocks; 1 coverage shot of the dialogue-only scenes instead.',
    ]);
  });

  test('skipped and remapped paragraph types are listed once each', () => {
    const read = readScriptShots(source('custom-types.fdx'));
    expect(read.shots.map((shot) => shot.text)).toEqual([
      'Lucía enciende la luz.',
      'PLANO DETALLE: EL INTERRUPTOR',
    ]);
    expect(read.notices!.filter((notice) => notice.includes('not read'))).toEqual([
      '2 paragraphs of type Legend were not read as action: Final Draft has no such type and the file does not say how it is paginated.',
      '1 paragraph of type Writer Memo was not read: the file shows that type as hidden text, which is never part of the script.',
      '1 paragraph of type Action was not read: the file shows that type as hidden text, which is never part of the script.',
    ]);
  });

  test('a file that is not well-formed is an error sentence, not an empty list', () => {
    const read = readScriptShots({ text: '<FinalDraft><Content>', fileName: 'broken.fdx' });
    expect(read.error).toMatch(/^The script could not be read: This Final Draft file is not well-formed XML/);
    expect(read.notices).toBeUndefined();
  });

  test('the pane shows each notice in view, under the script', () => {
    const read = readScriptShots(source('no-action.fdx'));
    const html = renderToString(
      <ScriptPane
        text=""
        onTextChange={() => undefined}
        onImport={() => undefined}
        shots={read.shots}
        formatLabel="Final Draft (no-action.fdx): 0 shots"
        notices={read.notices!}
        selected={new Set()}
        focused={null}
        onToggle={() => undefined}
        onSelectAll={() => undefined}
      />,
    );
    expect(html).toContain(
      '<div data-testid="script-notice" class="sl-muted">The script has no action lines to make shots from: it has 1 scene heading and 2 dialogue blocks; 1 coverage shot of the dialogue-only scenes instead.</div>',
    );
  });
});
