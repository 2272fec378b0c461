// The whole panel in the host's language: rendered over the simulated host with UXP's locale set to zh_CN or
// en_US, companion errors worded by code, and the editor's remembered choice winning over the host.
import { renderToString } from 'react-dom/server';
import { i18n } from '../../../plugin/i18n/i18n';
import { LANGUAGE_STORAGE_KEY } from '../../../plugin/i18n/languages';
import { wireErrorText } from '../../../plugin/i18n/wire-error';
import { ShotlineError, WireErrorSchema } from '../../../shared/protocol';
import { createHostSetup } from '../../../plugin/host/create-host-adapter';
import { loadPanelServices } from '../../../plugin/host/panel-services';
import { App } from '../../../plugin/ui/App';
import { generateBlocker } from '../../../plugin/ui/generate-blocker';
import { stubLocalStorage } from '../../support/local-storage';

function renderPanel(uiLocale: string): string {
  const setup = createHostSetup();
  const { services, simulatedUxp } = loadPanelServices('other');
  simulatedUxp?.setUiLocale(uiLocale);
  return renderToString(<App adapter={setup.adapter} services={services} />);
}

const stored = stubLocalStorage();
afterEach(() => stored.clear());

test('with Premiere in Simplified Chinese the panel reads in Chinese from its first paint', () => {
  const html = renderPanel('zh_CN');
  for (const words of [
    '连接',
    '配对码',
    '导入…',
    '从标记',
    '生成 0 个镜头',
    '后端',
    '镜头详情与提示词',
    '还没有任务。',
  ]) {
    expect(html).toContain(words);
  }
  for (const words of [
    'Connect',
    'Pairing code',
    'Import…',
    'No jobs yet.',
    'Generated clips are AI drafts',
  ]) {
    expect(html).not.toContain(words);
  }
});

test('with Premiere in English the same panel reads in English', () => {
  const html = renderPanel('en_US');
  for (const words of ['Connect', 'Pairing code', 'Generate 0 shots (0 takes)', 'No jobs yet.']) {
    expect(html).toContain(words);
  }
  expect(html).not.toContain('配对码');
});

test('a language chosen in the panel wins over the host and is what the next panel opens with', () => {
  stored.set(LANGUAGE_STORAGE_KEY, 'en');
  expect(renderPanel('zh_CN')).toContain('Pairing code');
  stored.set(LANGUAGE_STORAGE_KEY, 'zh-CN');
  expect(renderPanel('en_US')).toContain('配对码');
});

describe('companion errors are worded by their code', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  test('in Chinese: the panel’s sentence, with the companion’s detail kept', () => {
    void i18n.changeLanguage('zh-CN');
    const text = wireErrorText({
      code: 'REMOTE_AUTH_FAILED',
      message: 'DashScope answered 401: InvalidApiKey',
    });
    expect(text).toBe('云端服务拒绝了 API 密钥（DashScope answered 401: InvalidApiKey）');
  });

  test('in English: the companion’s own sentence', () => {
    const text = wireErrorText({
      code: 'QUEUE_FULL',
      message: 'The queue holds 500 jobs: wait for some to finish.',
    });
    expect(text).toBe('The queue holds 500 jobs: wait for some to finish.');
  });

  test('with parameters, the whole sentence is the panel’s: nothing left in English', () => {
    void i18n.changeLanguage('zh-CN');
    const error = new ShotlineError(
      'QUEUE_FULL',
      'The queue holds 490 of your jobs; 20 more would pass the limit of 500. Wait for some to finish.',
      {
        params: { waiting: 490, takes: 20, limit: 500 },
      },
    );
    const wire = WireErrorSchema.parse(JSON.parse(JSON.stringify(error.toWire())));
    expect(wireErrorText(wire)).toBe(
      '队列中已有你的 490 个任务，再加 20 个将超过上限 500。请等待部分任务完成。',
    );
    void i18n.changeLanguage('en');
    expect(wireErrorText(wire)).toBe(error.message);
  });

  test('a code with parameters but no wording for them falls back to the code’s sentence', () => {
    void i18n.changeLanguage('zh-CN');
    const text = wireErrorText({ code: 'BACKEND_FAILED', message: 'ffmpeg exited 1', params: { exit: 1 } });
    expect(text).toBe('后端生成失败（ffmpeg exited 1）');
  });

  test('a code this panel does not know keeps the companion’s English text', () => {
    void i18n.changeLanguage('zh-CN');
    const text = wireErrorText({
      code: 'SOMETHING_NEW' as 'INTERNAL_ERROR',
      message: 'A newer companion said this.',
    });
    expect(text).toBe('A newer companion said this.');
  });

  test('sentences built outside components follow the language too', () => {
    void i18n.changeLanguage('zh-CN');
    const state = { connected: false, shotCount: 0, selectedCount: 0, backendReady: false };
    expect(generateBlocker(state)).toBe('请先连接伴随程序。');
  });
});
