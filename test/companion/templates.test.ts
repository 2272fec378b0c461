// Template store over a real loopback socket: seeded defaults, saves shared between panels, the file on disk.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES, TEMPLATE_LIMITS, type MessageOf } from '../../shared/protocol';
import { DEFAULT_PROMPT_TEMPLATES } from '../../shared/shots';
import { CompanionClient, type SocketLike } from '../../plugin/connection/companion-client';
import { withTemplatePage } from '../../plugin/connection/template-pages';
import { TemplateFileSchema, TemplateStore } from '../../companion/templates/template-store';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { TestPanel } from '../support/test-panel';

const rainy = {
  name: '雨夜',
  description: 'Rain at night.',
  template: '{subject}{action}，雨夜。[{camera}。]',
};

/** The reply to request `id`, whatever its type. */
async function replyTo(panel: TestPanel, id: string) {
  const of = (m: TestPanel['received'][number]) => 're' in m && m.re === id;
  while (!panel.received.some(of)) await new Promise((resolve) => setTimeout(resolve, 5));
  return panel.received.find(of)!;
}

describe('templates.* over the socket', () => {
  let dir: string;
  let file: string;
  let running: RunningCompanion;
  const panels: TestPanel[] = [];

  const pairedPanel = async () => {
    const panel = await TestPanel.connect(running.url);
    panels.push(panel);
    await panel.pair(running.token);
    return panel;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shotline-templates-'));
    file = join(dir, 'templates.json');
    running = await startCompanion({ templates: TemplateStore.open(file) });
  });

  afterEach(async () => {
    for (const panel of panels.splice(0)) panel.close();
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a full library comes in pages that each fit the frame limit; the panel puts it back together', async () => {
    const writer = await pairedPanel();
    // The largest library a project may hold: 3 bytes a character in UTF-8, about 2.6 MB in all.
    const full = Array.from(
      { length: TEMPLATE_LIMITS.perProject - DEFAULT_PROMPT_TEMPLATES.length },
      (_, i) => ({
        name: `雨夜 ${i}`,
        description: '夜'.repeat(TEMPLATE_LIMITS.descriptionChars),
        template: `{subject}${'雨'.repeat(TEMPLATE_LIMITS.templateChars - 9)}`,
      }),
    );
    for (let i = 0; i < full.length; i += 40) {
      writer.send({ type: 'templates.save', id: `s${i}`, project: 'big', templates: full.slice(i, i + 40) });
      await writer.waitFor('templates', (m) => m.re === `s${i}`);
    }
    // And character bibles up to their own bound: a full first page still fits.
    const character = (script: number, i: number) => ({
      name: `角色${script}-${i}`,
      description: '穿黑色风衣的中年男子'.repeat(40),
    });
    for (let script = 0; ; script++) {
      const characters = Array.from({ length: 10 }, (_, i) => character(script, i));
      writer.send({
        type: 'templates.save',
        id: `b${script}`,
        project: 'big',
        bible: { script: `s${script}`, characters },
      });
      const reply = await replyTo(writer, `b${script}`);
      if (reply.type !== 'templates') {
        expect(reply).toMatchObject({
          error: { code: 'TEMPLATE_INVALID', message: expect.stringMatching(/at most 256 KiB/) },
        });
        break;
      }
    }

    const sizes: number[] = [];
    const client = new CompanionClient({
      url: running.url,
      token: running.token,
      createSocket: (url) => {
        const socket = new WebSocket(url);
        socket.on('message', (data: Buffer) => sizes.push(data.length));
        return socket as unknown as SocketLike;
      },
    });
    const badFrames: string[] = [];
    client.on('bad-frame', (error) => badFrames.push(error.message));
    let library: MessageOf<'templates'> | undefined;
    const complete = new Promise<void>((resolve) =>
      client.on('message', (message) => {
        if (message.type !== 'templates') return;
        library = withTemplatePage(library, message);
        if (!message.more) resolve();
      }),
    );
    const connected = new Promise<void>((resolve) =>
      client.on('state', (state) => state.status === 'connected' && resolve()),
    );
    client.connect();
    await connected;
    try {
      client.listTemplates('big');
      await complete;
    } finally {
      client.close();
    }
    expect(library?.templates).toEqual(running.companion.templates.list('big').templates);
    expect(library?.templates).toHaveLength(TEMPLATE_LIMITS.perProject);
    expect(Object.keys(library?.bibles ?? {}).length).toBeGreaterThan(10);
    expect(library?.bibles).toEqual(running.companion.templates.list('big').bibles);
    for (const size of sizes) expect(size).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(sizes.filter((size) => size > 100_000).length).toBeGreaterThan(2);
    expect(badFrames).toEqual([]);
  });

  test('templates.json with a thousand projects: a save rewrites it whole and it reloads; the cap holds', async () => {
    const projects = Object.fromEntries(
      Array.from({ length: TEMPLATE_LIMITS.projects }, (_, i) => [
        `project ${i}`,
        { templates: DEFAULT_PROMPT_TEMPLATES, negativePrompt: `blur ${i}` },
      ]),
    );
    writeFileSync(file, JSON.stringify({ version: 1, projects }));
    const store = TemplateStore.open(file);
    await store.save('project 7', { templates: [rainy] });
    await expect(store.save('one more', { negativePrompt: 'n' })).rejects.toMatchObject({
      code: 'TEMPLATE_INVALID',
    });
    const reloaded = TemplateStore.open(file);
    expect(reloaded.list('project 7').templates.at(-1)).toEqual(rainy);
    expect(reloaded.list('project 999').negativePrompt).toBe('blur 999');
    expect(TemplateFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).projects.size).toBe(
      TEMPLATE_LIMITS.projects,
    );
  });

  test('templates.json is bounded in bytes too, with a clear error', async () => {
    const store = TemplateStore.inMemory();
    const big = (i: number) => ({
      name: `t${i}`,
      description: 'd',
      template: `{subject}${'雨'.repeat(TEMPLATE_LIMITS.templateChars - 9)}`,
    });
    const library = Array.from({ length: TEMPLATE_LIMITS.perProject - 3 }, (_, i) => big(i));
    let refused: unknown;
    for (let p = 0; p < TEMPLATE_LIMITS.projects && refused === undefined; p++) {
      await store.save(`p${p}`, { templates: library }).catch((err: unknown) => (refused = err));
    }
    expect(refused).toMatchObject({
      code: 'TEMPLATE_INVALID',
      message: expect.stringMatching(/^templates\.json would pass 64 MiB; delete/),
    });
  });

  test('a new project lists the shipped defaults and Wan’s negative prompt', async () => {
    const panel = await pairedPanel();
    panel.send({ type: 'templates.list', id: 'l1' });
    const reply = await panel.waitFor('templates', (m) => m.re === 'l1');
    expect(reply.project).toBe('default');
    expect(reply.templates.map((t) => t.name)).toEqual(DEFAULT_PROMPT_TEMPLATES.map((t) => t.name));
    expect(reply.negativePrompt).toBeNull();
    expect(existsSync(file)).toBe(false);
  });

  test('a save reaches the saver as a reply, other panels as a push, and the file on disk', async () => {
    const a = await pairedPanel();
    const b = await pairedPanel();
    a.send({ type: 'templates.save', id: 's1', project: 'night', templates: [rainy] });
    const reply = await a.waitFor('templates', (m) => m.re === 's1');
    expect(reply.templates.at(-1)).toEqual(rainy);
    expect(reply.templates).toHaveLength(DEFAULT_PROMPT_TEMPLATES.length + 1);

    const pushed = await b.waitFor('templates', (m) => m.re === undefined);
    expect(pushed).toMatchObject({ project: 'night', templates: reply.templates });
    // The saver is not sent its own change twice.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(a.received.filter((m) => m.type === 'templates')).toHaveLength(1);

    const onDisk = TemplateFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(onDisk.projects.get('night')?.templates.at(-1)).toEqual(rainy);
    // Projects are separate: the default one still has only the defaults.
    b.send({ type: 'templates.list', id: 'l2' });
    expect((await b.waitFor('templates', (m) => m.re === 'l2')).templates).toHaveLength(3);
    // A new store on the same file (a restarted companion) sees the change.
    expect(TemplateStore.open(file).list('night').templates.at(-1)).toEqual(rainy);
  });

  test('saving a name again replaces that template; the negative prompt can be set and reset', async () => {
    const panel = await pairedPanel();
    panel.send({ type: 'templates.save', id: 's1', templates: [rainy], negativePrompt: 'blurry, text' });
    const first = await panel.waitFor('templates', (m) => m.re === 's1');
    expect(first.negativePrompt).toBe('blurry, text');
    panel.send({ type: 'templates.save', id: 's2', templates: [{ ...rainy, template: '{action}' }] });
    const second = await panel.waitFor('templates', (m) => m.re === 's2');
    expect(second.templates.filter((t) => t.name === rainy.name)).toEqual([
      { ...rainy, template: '{action}' },
    ]);
    expect(second.negativePrompt).toBe('blurry, text');
    panel.send({ type: 'templates.save', id: 's3', negativePrompt: null });
    expect((await panel.waitFor('templates', (m) => m.re === 's3')).negativePrompt).toBeNull();
  });

  test("a default style and a script's edited bible are kept with the project, shared and on disk", async () => {
    const a = await pairedPanel();
    const b = await pairedPanel();
    const kai = {
      name: 'KAI',
      description: 'a tall man in a blue coat',
      gender: 'male' as const,
      line: 10,
      changes: [],
    };
    a.send({
      type: 'templates.save',
      id: 'b1',
      project: 'night',
      defaultStyle: ' cinematic lighting, 35 mm film look ',
      bible: { script: 'night-drop.fountain', characters: [kai] },
    });
    const reply = await a.waitFor('templates', (m) => m.re === 'b1');
    expect(reply.defaultStyle).toBe('cinematic lighting, 35 mm film look');
    expect(reply.bibles).toEqual({ 'night-drop.fountain': { characters: [kai] } });
    expect(await b.waitFor('templates', (m) => m.re === undefined)).toMatchObject({ bibles: reply.bibles });
    const reopened = TemplateStore.open(file).list('night');
    expect(reopened).toMatchObject({ defaultStyle: reply.defaultStyle, bibles: reply.bibles });
    // Templates are untouched, and an empty character list clears that script's bible.
    expect(reopened.templates).toHaveLength(DEFAULT_PROMPT_TEMPLATES.length);
    a.send({
      type: 'templates.save',
      id: 'b2',
      project: 'night',
      bible: { script: 'night-drop.fountain', characters: [] },
    });
    expect((await a.waitFor('templates', (m) => m.re === 'b2')).bibles).toEqual({});
  });

  test('a file written before bibles existed still opens', () => {
    writeFileSync(
      file,
      JSON.stringify({ version: 1, projects: { old: { templates: [], negativePrompt: null } } }),
    );
    expect(TemplateStore.open(file).list('old')).toEqual({
      project: 'old',
      templates: [],
      negativePrompt: null,
      defaultStyle: null,
      bibles: {},
    });
  });

  test('delete removes by name and names a template that is not there', async () => {
    const panel = await pairedPanel();
    panel.send({ type: 'templates.delete', id: 'd1', names: ['action stunt'] });
    const reply = await panel.waitFor('templates', (m) => m.re === 'd1');
    expect(reply.templates.map((t) => t.name)).toEqual(['establishing shot', 'cyberpunk night exterior']);
    panel.send({ type: 'templates.delete', id: 'd2', names: ['action stunt'] });
    const error = await panel.waitFor('error', (m) => m.re === 'd2');
    expect(error.error).toEqual({
      code: 'TEMPLATE_NOT_FOUND',
      message: 'No template named "action stunt" in project "default".',
      params: { names: '"action stunt"', project: 'default' },
    });
  });

  test('a template with an unknown placeholder or an empty save is refused in plain words', async () => {
    const panel = await pairedPanel();
    panel.send({
      type: 'templates.save',
      id: 'bad1',
      templates: [{ name: 'x', description: '', template: '{colour} car' }],
    });
    const bad = await panel.waitFor('error', (m) => m.re === 'bad1');
    expect(bad.error.code).toBe('BAD_MESSAGE');
    expect(bad.error.message).toContain('unknown placeholder {colour}');
    panel.send({ type: 'templates.save', id: 'bad2' });
    const empty = await panel.waitFor('error', (m) => m.re === 'bad2');
    expect(empty.error).toEqual({
      code: 'TEMPLATE_INVALID',
      message: 'Nothing to save: send templates, a negativePrompt, a defaultStyle or a bible.',
      params: { case: 'nothingToSave' },
    });
    expect(existsSync(file)).toBe(false);
  });

  test('a take label and first take number travel with the jobs', async () => {
    const panel = await pairedPanel();
    panel.send({
      type: 'generate',
      id: 'g1',
      shots: [
        {
          shotId: 'S1-01',
          prompt: 'A man in a blue coat leaps.',
          duration: { seconds: 1 },
          fps: { num: 24, den: 1 },
          size: { width: 320, height: 180 },
          backend: 'slate',
          seed: 7,
          label: 'coat: blue · seed 7',
          firstTake: 3,
        },
      ],
    });
    const accepted = await panel.waitFor('accepted', (m) => m.re === 'g1');
    expect(accepted.jobs).toEqual([expect.objectContaining({ take: 3, label: 'coat: blue · seed 7' })]);
    panel.send({ type: 'jobs.list', id: 'j1' });
    const list = await panel.waitFor('jobs', (m) => m.re === 'j1');
    expect(list.jobs[0]).toMatchObject({ shotId: 'S1-01', take: 3, label: 'coat: blue · seed 7' });
    const done = await panel.waitFor('job.done');
    expect(done.provenance).toMatchObject({ take: 3, seed: 7 });
  });
});

describe('template file', () => {
  test('a file that does not parse is moved aside and the defaults come back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shotline-templates-'));
    try {
      const file = join(dir, 'templates.json');
      writeFileSync(file, '{"version": 1, "projects": {"p": {"templates": [{"name": ""}]}}}');
      const warnings: string[] = [];
      const store = TemplateStore.open(file, (message) => warnings.push(message));
      expect(store.list('p').templates).toHaveLength(DEFAULT_PROMPT_TEMPLATES.length);
      expect(warnings).toEqual([expect.stringMatching(/is not a valid template file; moved it to/)]);
      expect(readdirSync(dir).filter((name) => name.startsWith('templates.json.invalid-'))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
