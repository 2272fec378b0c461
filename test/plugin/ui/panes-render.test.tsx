// The panes as HTML (react-dom/server): bilingual labels, warnings in view, and the test ids the e2e test uses.
import { renderToString } from 'react-dom/server';
import { withShotField } from '../../../shared/shots';
import { compileForBackend } from '../../../plugin/ui/prompt-preview';
import { readScriptShots } from '../../../plugin/ui/script-shots';
import { ScriptPane } from '../../../plugin/ui/ScriptPane';
import { ShotForm } from '../../../plugin/ui/ShotForm';

const read = readScriptShots({ text: 'EXT. ROOF - NIGHT\n\nKai runs.\n\nKai leaps.' });

test('the script pane lists shots under their heading with script-line-<source line> ids', () => {
  const html = renderToString(
    <ScriptPane
      text=""
      onTextChange={() => undefined}
      onImport={() => undefined}
      shots={read.shots}
      formatLabel="Fountain: 2 shots"
      selected={new Set([5])}
      focused={5}
      onToggle={() => undefined}
      onSelectAll={() => undefined}
    />,
  );
  expect(html).toContain('EXT. ROOF - NIGHT');
  expect(html).toMatch(/data-testid="script-line-3" data-selected="false"/);
  expect(html).toMatch(/data-testid="script-line-5" data-selected="true"/);
  expect(html).not.toContain('from-markers-button');
});

test('the shot form labels fields in English and Chinese and shows limit warnings', () => {
  const shot = read.shots[0]!;
  const description = withShotField(shot.prefilled, 'action', 'x'.repeat(900));
  const compiled = compileForBackend(description, {
    backend: 'dashscope',
    template: null,
    projectNegativePrompt: null,
  });
  const html = renderToString(
    <ShotForm
      shot={shot}
      description={description}
      edited={(path) => path === 'action'}
      onFieldChange={() => undefined}
      onReset={() => undefined}
      compiled={compiled}
      defaultNegativePrompt="blurry"
    />,
  );
  for (const label of [
    'Subject · 人物',
    'Action · 动作 *',
    'Environment · 环境',
    'Shot size · 景别',
    'Style · 风格',
  ])
    expect(html).toContain(label);
  expect(html).toContain('data-testid="prompt-warning"');
  expect(html).toContain('dashscope accepts at most 800');
  expect(html).toContain('Project default: blurry');
});
