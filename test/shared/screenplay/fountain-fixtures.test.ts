// Element-by-element parse of the shared Fountain fixtures (English and Chinese).
import { fixturePath } from '../../support/fixtures';
import * as fs from 'fs';
import * as path from 'path';
import { ParsedScriptSchema, parseScript, type ScriptElement } from '../../../shared/screenplay';

const fixturesDir = fixturePath('screenplays');
const readFixture = (name: string): string => fs.readFileSync(path.join(fixturesDir, name), 'utf8');

const summary = (elements: ScriptElement[]): [number, string, string][] =>
  elements.map((element) => [element.line, element.type, element.text]);

describe('night-drop.fountain', () => {
  const script = parseScript(readFixture('night-drop.fountain'));

  it('is sniffed as Fountain and matches the wire schema', () => {
    expect(script.format).toBe('fountain');
    expect(ParsedScriptSchema.parse(script)).toEqual(script);
  });

  it('reads the title page', () => {
    expect(script.titlePage).toEqual([
      { key: 'Title', value: 'Night Drop', line: 1 },
      { key: 'Credit', value: 'Previs draft', line: 2 },
      { key: 'Author', value: 'Shotline fixtures', line: 3 },
      { key: 'Draft date', value: '2026-11-24', line: 4 },
    ]);
  });

  it('yields every element in order with its line', () => {
    expect(summary(script.elements)).toEqual([
      [6, 'scene_heading', 'EXT. HARBOR CITY ROOFTOP - NIGHT'],
      [
        8,
        'action',
        'Rain hammers a flat concrete roof forty floors up. Neon from the street below paints the puddles pink and teal.',
      ],
      [10, 'action', 'KAI (40s), black trench coat torn at one shoulder, runs toward the edge.'],
      [12, 'note', 'SHOT 1A: wide, locked-off camera, low angle'],
      [14, 'action', 'Behind him a fuel tank EXPLODES. A wall of orange fire rolls across the roof.'],
      [
        16,
        'action',
        'Kai leaps from the edge, turns two full somersaults in the air and lands on the next roof in a crouch. Slow motion as he lands.',
      ],
      [18, 'character', 'MARA (V.O.)'],
      [19, 'parenthetical', '(over radio)'],
      [20, 'dialogue', "Tell me you didn't just do that."],
      [22, 'character', 'KAI'],
      [23, 'parenthetical', '(breathing hard)'],
      [24, 'dialogue', 'I did. Twice.'],
      [26, 'transition', 'CUT TO:'],
      [28, 'scene_heading', 'INT. CARGO SHIP BRIDGE - CONTINUOUS'],
      [
        30,
        'action',
        'Red warning lights strobe. The CAPTAIN (60s) grips the wheel as the deck tilts ten degrees to port.',
      ],
      [
        32,
        'action',
        'Through the bridge windows, a burning shuttle spirals down toward the sea, trailing black smoke.',
      ],
      [34, 'transition', 'FADE TO BLACK.'],
      [36, 'scene_heading', 'EXT. COASTAL ROAD - DAWN'],
      [
        38,
        'action',
        'Empty two-lane road between cliffs and a grey sea. A single motorbike headlight approaches from far away.',
      ],
      [40, 'scene_heading', "FLASHBACK - KAI'S APARTMENT - NIGHT"],
      [
        42,
        'action',
        'A middle-aged man in a damaged suit walks slowly down a wet street, head lowered against the rain. Street lamps glow yellow; puddles reflect neon signs. Distant, fixed wide shot. Cyberpunk colour palette.',
      ],
    ]);
  });

  it('keeps cue names, extensions and forcing', () => {
    const byLine = new Map(script.elements.map((element) => [element.line, element]));
    expect(byLine.get(18)).toMatchObject({
      type: 'character',
      name: 'MARA',
      extensions: ['V.O.'],
      forced: false,
    });
    expect(byLine.get(22)).toMatchObject({ type: 'character', name: 'KAI', extensions: [] });
    expect(byLine.get(26)).toMatchObject({ type: 'transition', forced: false });
    expect(byLine.get(34)).toMatchObject({ type: 'transition', forced: true });
    expect(byLine.get(6)).toMatchObject({ type: 'scene_heading', forced: false, sceneNumber: null });
    expect(byLine.get(40)).toMatchObject({ type: 'scene_heading', forced: true });
    expect(byLine.get(12)).toMatchObject({ type: 'note', inline: false });
  });
});

describe('yu-ye.fountain', () => {
  const script = parseScript(readFixture('yu-ye.fountain'));

  it('reads the title page', () => {
    expect(script.titlePage).toEqual([
      { key: 'Title', value: '雨夜', line: 1 },
      { key: 'Author', value: 'Shotline fixtures', line: 2 },
    ]);
  });

  it('yields every element in order with its line', () => {
    expect(summary(script.elements)).toEqual([
      [4, 'scene_heading', '外景 城市天台 - 夜'],
      [6, 'action', '暴雨倾盆。霓虹灯把积水染成粉色和青色。'],
      [
        8,
        'action',
        '一名身穿黑色风衣的男子从高楼跃下，空中翻转两周后稳稳落地，身后爆炸火光冲天，慢动作收尾。',
      ],
      [10, 'character', '林队长'],
      [11, 'parenthetical', '（对着对讲机）'],
      [12, 'dialogue', '所有人撤离！'],
      [14, 'scene_heading', '内景 飞船驾驶舱 - 连续'],
      [16, 'action', '警报红灯闪烁。飞船俯冲，侧翻，随后螺旋下坠。尾翼断裂后二次弹跳。'],
      [18, 'scene_heading', '外景 深夜街道 - 夜'],
      [
        20,
        'action',
        '中年男子，西装破损，缓慢行走，低头避雨。路灯昏黄，积水倒映霓虹。远景固定机位。赛博朋克色调。',
      ],
    ]);
  });

  it('treats the @ cue as forced and the headings as forced', () => {
    expect(script.elements[3]).toMatchObject({
      type: 'character',
      name: '林队长',
      forced: true,
      extensions: [],
    });
    expect(script.elements.filter((e) => e.type === 'scene_heading').every((e) => e.forced)).toBe(true);
  });
});
