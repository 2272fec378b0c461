// The content-policy gateway: studio word lists and categories, warnings carried through, remote moderation.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { PolicyConfigSchema } from '../../companion/policy/policy-config';
import { PolicyGate } from '../../companion/policy/policy-gate';
import { ShotRequestSchema, type ShotRequestInput } from '../../shared/protocol';
import { startCompanion, type RunningCompanion } from '../support/companion-harness';
import { TestPanel } from '../support/test-panel';

const shot = (prompt: string, extra: Partial<ShotRequestInput> = {}): ShotRequestInput => ({
  shotId: 'P1',
  prompt,
  duration: { frames: 2 },
  fps: { num: 24, den: 1 },
  size: { width: 64, height: 64 },
  backend: 'slate',
  ...extra,
});

function moderationServer(answer: (text: string) => { status: number; body: unknown }): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const { status, body: reply } = answer(JSON.parse(body).text);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('content policy', () => {
  let running: RunningCompanion | undefined;
  let panel: TestPanel | undefined;
  afterEach(async () => {
    panel?.close();
    await running?.stop();
    running = undefined;
  });

  async function connect(policy: unknown) {
    running = await startCompanion({ policy: new PolicyGate(PolicyConfigSchema.parse(policy)) });
    panel = await TestPanel.connect(running.url);
    await panel.pair(running.token);
    return panel;
  }

  test('a studio block word refuses the request with the reason; other projects are not affected', async () => {
    const p = await connect({ projects: { kids: { blockWords: ['explosion', '爆炸'] } } });
    p.send({ type: 'generate', id: 'a', shots: [shot('A huge 爆炸 on the roof', { project: 'kids' })] });
    const error = await p.waitFor('error', (m) => m.re === 'a');
    expect(error.error).toEqual({
      code: 'POLICY_BLOCKED',
      message: 'Shot P1 was blocked by the content policy: it contains "爆炸".',
      params: { shotId: 'P1', terms: '"爆炸"', case: 'terms' },
    });
    p.send({ type: 'generate', id: 'b', shots: [shot('A huge 爆炸 on the roof', { project: 'feature' })] });
    await p.waitFor('accepted', (m) => m.re === 'b');
  });

  test('violence is allowed by default (film previs), a warned category reaches the panel and the sidecar', async () => {
    const p = await connect({ categories: { violence: 'warn' }, warnWords: ['logo'] });
    p.send({ type: 'generate', id: 'w', shots: [shot('Kai fights; the tank explodes near the Acme LOGO')] });
    const accepted = await p.waitFor('accepted');
    expect(accepted.jobs[0]!.warnings).toEqual(['violence: fights, explodes', 'listed words: logo']);
    const done = await p.waitFor('job.done');
    expect(done.provenance.policyWarnings).toEqual(['violence: fights, explodes', 'listed words: logo']);
    expect(JSON.parse(readFileSync(done.output.sidecarPath, 'utf8')).policyWarnings).toHaveLength(2);
    // "fightback" is not the word "fight".
    expect(
      new PolicyGate(PolicyConfigSchema.parse({ categories: { violence: 'block' } })).screen(
        PolicyGateShot('a fightback rally'),
      ),
    ).toEqual({ warnings: [] });
  });

  test('remote moderation flags a shot: the job fails with the service reason', async () => {
    const server = await moderationServer((text) =>
      text.includes('forbidden')
        ? { status: 200, body: { flagged: true, reason: 'real person likeness' } }
        : { status: 200, body: { flagged: false } },
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/moderate`;
    try {
      const p = await connect({ moderationUrl: url });
      p.send({
        type: 'generate',
        id: 'm',
        shots: [shot('a forbidden thing'), shot('a fine thing', { shotId: 'P2' })],
      });
      const failed = await p.waitFor('job.failed');
      expect(failed.error).toEqual({
        code: 'POLICY_BLOCKED',
        message: 'Shot P1 was blocked by the moderation service: real person likeness.',
        params: { shotId: 'P1', reason: 'real person likeness', case: 'moderation' },
      });
      expect((await p.waitFor('job.done')).shotId).toBe('P2');
    } finally {
      server.close();
    }
  });

  test('an unreachable moderation service holds shots back unless told to allow', async () => {
    const p = await connect({ moderationUrl: 'http://127.0.0.1:9/moderate', moderationTimeoutMs: 500 });
    p.send({ type: 'generate', id: 'u', shots: [shot('anything')] });
    const failed = await p.waitFor('job.failed');
    expect(failed.error.code).toBe('POLICY_BLOCKED');
    expect(failed.error.message).toMatch(/moderation service at 127\.0\.0\.1:9 could not be reached/);
  });

  test('a policy file with a mistake names the field', () => {
    expect(() => PolicyConfigSchema.parse({ categories: { violence: 'maybe' } })).toThrow(/violence/);
  });
});

function PolicyGateShot(prompt: string) {
  return { ...shot(prompt), takes: 1 } as Parameters<PolicyGate['screen']>[0];
}

describe('policy matching after normalisation', () => {
  const gate = new PolicyGate(
    PolicyConfigSchema.parse({ blockWords: ['voldemort', '爆炸'], warnWords: ['crash'] }),
  );
  const screen = (prompt: string, extra: Partial<ShotRequestInput> = {}) =>
    gate.screen(ShotRequestSchema.parse(shot(prompt, extra)));

  test.each([
    ['case', 'VoLdEmOrT walks in'],
    ['full-width letters', 'Ｖｏｌｄｅｍｏｒｔ walks in'],
    ['a zero-width space', 'vol\u200Bdemort walks in'],
    ['a soft hyphen', 'vol\u00ADdemort walks in'],
    ['a bidi control', 'vol\u202Edemort walks in'],
    ['letters spaced apart', 'v o l d e m o r t walks in'],
    ['dots between letters', 'v.o.l.d.e.m.o.r.t walks in'],
    ['hyphens inside', 'vol-de-mort walks in'],
    ['underscores', 'v_o_l_d_e_m_o_r_t walks in'],
    ['Cyrillic look-alikes', 'V\u043Eld\u0435m\u043Ert walks in'],
    ['Greek look-alikes', 'V\u03BFldem\u03BFrt walks in'],
    ['accents', 'Vóldémòrt walks in'],
    ['mathematical letters', '\u{1D415}oldemort walks in'],
    ['a spaced Han term', 'a huge 爆 炸'],
    ['full-width punctuation in Han', 'a huge 爆．炸'],
  ])('a blocked term respelled with %s is still blocked', (_how, prompt) => {
    expect(() => screen(prompt)).toThrow(expect.objectContaining({ code: 'POLICY_BLOCKED' }));
  });

  test.each([
    ['the label', { label: 'Ｖｏｌｄｅｍｏｒｔ' }],
    ['the source line', { sourceText: 'vol\u200Bdemort enters' }],
    ['the scene heading', { sceneHeading: 'INT. V\u043ELDEMORT MANOR' }],
    ['the negative prompt', { negativePrompt: 'voldemort' }],
  ])('a blocked term in %s is blocked too', (_where, extra) => {
    expect(() => screen('a quiet street', extra)).toThrow(
      expect.objectContaining({ code: 'POLICY_BLOCKED' }),
    );
  });

  test.each([
    ['two chunks', 'vol demort walks in'],
    ['two chunks, capitalised', 'Vol Demort walks in'],
    ['chunks cut elsewhere', 'vold emort walks in'],
    ['three chunks', 'vol de mort walks in'],
    ['spaced hyphens', 'vol - de - mort walks in'],
    ['dots and spaces', 'vol. de. mort walks in'],
    ['a run of spaces and a tab', 'vol    \tdemort walks in'],
    ['spaced letters then a chunk', 'v o l demort walks in'],
    ['chunks with Cyrillic look-alikes', 'V\u043El d\u0435m\u043Ert walks in'],
    ['full-width chunks and an ideographic space', 'Ｖｏｌ\u3000ｄｅｍｏｒｔ walks in'],
    ['chunks with a zero-width space', 'vol \u200Bde\u200B mort walks in'],
    ['chunks and an inflection', 'two vol demorts walk in'],
  ])('a blocked term in chunks, %s, is blocked and named as the term', (_how, prompt) => {
    expect(() => screen(prompt)).toThrow(
      expect.objectContaining({
        code: 'POLICY_BLOCKED',
        message: expect.stringMatching(/it contains "voldemorts?"\.$/),
      }),
    );
  });

  test.each([
    ['the term only across other letters', 'evolve demure'],
    ['a near miss', 'a vole demands more tea'],
    ['a letter too many', 'vol demorte walks in'],
    ['a gap too long', 'vol -- -- demort walks in'],
    ['two lines (two fields)', 'the last word is vol\ndemort'],
  ])('ordinary text is not matched: %s', (_how, prompt) => {
    expect(screen(prompt).warnings).toEqual([]);
  });

  test('built-in terms are not found in ordinary words next to each other', () => {
    const strict = new PolicyGate(
      PolicyConfigSchema.parse({
        categories: { violence: 'block', sexual: 'block', selfHarm: 'block', hate: 'block' },
      }),
    );
    const text =
      'In Essex a skilled gunsmith evolves; she stabilises the boat, the bloodhound sniffs, ' +
      'the sexton shoots a glance at the kilns, denuded hills; a nazi-era saluted fighter-pilot no.';
    expect(() => strict.screen(ShotRequestSchema.parse(shot(text)))).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/\(violence: shoots\)/) }),
    );
    expect(strict.screen(ShotRequestSchema.parse(shot(text.replace('shoots', 'casts')))).warnings).toEqual(
      [],
    );
    expect(
      new PolicyGate(PolicyConfigSchema.parse({ warnWords: ['cuts herself'] })).screen(
        ShotRequestSchema.parse(shot('she cut s herself, cutsherself')),
      ).warnings,
    ).toEqual(['selfHarm: cuts herself', 'listed words: cuts herself']);
  });

  test('ordinary text is left alone, and warned terms are found respelled', () => {
    expect(screen('a skilled driver; the crane moves slowly over 雨夜的街道').warnings).toEqual([]);
    expect(screen('the c r a s h of the cars').warnings).toEqual(['listed words: crash']);
  });
});
