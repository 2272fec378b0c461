// Prefill rules on both fixtures: every field of every shot, exactly.
import { fixturePath } from '../../support/fixtures';
import * as fs from 'fs';
import * as path from 'path';
import { extractCandidateShots, parseScript } from '../../../shared/screenplay';
import {
  ShotDescriptionSchema,
  emptyShotDescription,
  prefillShot,
  prefillShots,
} from '../../../shared/shots';

const fixturesDir = fixturePath('screenplays');
const prefillFixture = (name: string) =>
  prefillShots(extractCandidateShots(parseScript(fs.readFileSync(path.join(fixturesDir, name), 'utf8'))));

const shot = (fields: Record<string, unknown>) => ShotDescriptionSchema.parse(fields);

describe('prefill from night-drop.fountain', () => {
  const descriptions = prefillFixture('night-drop.fountain');
  const rooftop = { environment: 'harbor city rooftop, outdoors', timeOfDay: 'night', weather: 'rain' };

  it('fills each shot from its line, scene and note', () => {
    expect(descriptions).toEqual([
      shot({
        ...rooftop,
        action:
          'Rain hammers a flat concrete roof forty floors up. Neon from the street below paints the puddles pink and teal.',
        lighting: 'neon light',
      }),
      shot({
        ...rooftop,
        subject: { who: 'Kai', wardrobe: 'black trench coat torn at one shoulder' },
        action: 'KAI (40s), black trench coat torn at one shoulder, runs toward the edge.',
      }),
      shot({
        ...rooftop,
        action: 'Behind him a fuel tank explodes. A wall of orange fire rolls across the roof.',
        camera: { shotSize: 'wide shot', angle: 'low angle', movement: 'locked-off camera' },
        lighting: 'firelight',
      }),
      shot({
        ...rooftop,
        subject: { who: 'Kai' },
        action:
          'Kai leaps from the edge, turns two full somersaults in the air and lands on the next roof in a crouch. Slow motion as he lands.',
        style: 'slow motion',
      }),
      shot({
        subject: { who: 'Captain' },
        action:
          'Red warning lights strobe. The CAPTAIN (60s) grips the wheel as the deck tilts ten degrees to port.',
        environment: 'cargo ship bridge, indoors',
        timeOfDay: 'night',
        lighting: 'strobing light',
      }),
      shot({
        action:
          'Through the bridge windows, a burning shuttle spirals down toward the sea, trailing black smoke.',
        environment: 'cargo ship bridge, indoors',
        timeOfDay: 'night',
      }),
      shot({
        action:
          'Empty two-lane road between cliffs and a grey sea. A single motorbike headlight approaches from far away.',
        environment: 'coastal road, outdoors',
        timeOfDay: 'dawn',
        lighting: 'headlight',
      }),
      shot({
        subject: { who: 'middle-aged man', wardrobe: 'damaged suit' },
        action:
          'A middle-aged man in a damaged suit walks slowly down a wet street, head lowered against the rain. Street lamps glow yellow; puddles reflect neon signs. Distant, fixed wide shot. Cyberpunk colour palette.',
        environment: "flashback - kai's apartment",
        timeOfDay: 'night',
        weather: 'rain',
        camera: { shotSize: 'wide shot', movement: 'locked-off camera' },
        lighting: 'street lamps, neon light',
        style: 'cyberpunk',
      }),
    ]);
  });
});

describe('prefill from yu-ye.fountain', () => {
  const descriptions = prefillFixture('yu-ye.fountain');

  it('fills Chinese shots with Chinese labels, keeping the text as written', () => {
    expect(descriptions).toEqual([
      shot({
        action: '暴雨倾盆。霓虹灯把积水染成粉色和青色。',
        environment: '城市天台，室外',
        timeOfDay: '夜',
        weather: '暴雨',
        lighting: '霓虹灯光',
      }),
      shot({
        subject: { who: '男子', wardrobe: '黑色风衣' },
        action: '一名身穿黑色风衣的男子从高楼跃下，空中翻转两周后稳稳落地，身后爆炸火光冲天，慢动作收尾。',
        environment: '城市天台，室外',
        timeOfDay: '夜',
        weather: '暴雨',
        lighting: '火光',
        style: '慢动作',
      }),
      shot({
        action: '警报红灯闪烁。飞船俯冲，侧翻，随后螺旋下坠。尾翼断裂后二次弹跳。',
        environment: '飞船驾驶舱，室内',
        timeOfDay: '夜',
        lighting: '频闪灯光',
      }),
      shot({
        subject: { who: '中年男子', wardrobe: '西装破损' },
        action:
          '中年男子，西装破损，缓慢行走，低头避雨。路灯昏黄，积水倒映霓虹。远景固定机位。赛博朋克色调。',
        environment: '深夜街道，室外',
        timeOfDay: '夜',
        weather: '雨',
        camera: { shotSize: '远景', movement: '固定机位' },
        lighting: '路灯，霓虹灯光',
        style: '赛博朋克',
      }),
    ]);
  });
});

describe('prefill rules', () => {
  const prefillText = (text: string) =>
    prefillShots(extractCandidateShots(parseScript(text, { format: 'fountain' })));

  it.each([
    ['Close-up on her hands. Handheld.', { shotSize: 'close-up', movement: 'handheld camera' }],
    [
      'Extreme wide shot from a high angle, 35mm.',
      { shotSize: 'extreme wide shot', angle: 'high angle', lens: '35mm lens' },
    ],
    [
      'Wide-angle lens, low angle, camera pans left.',
      { angle: 'low angle', movement: 'pan', lens: 'wide-angle lens' },
    ],
    ['特写，仰拍，推镜头。', { shotSize: '特写', angle: '低角度', movement: '推镜头' }],
    ['大特写，手持，长焦。', { shotSize: '大特写', movement: '手持摄影', lens: '长焦镜头' }],
  ])('reads camera words in %s', (text, camera) => {
    expect(prefillText(text)[0]!.camera).toEqual({
      shotSize: '',
      angle: '',
      movement: '',
      lens: '',
      ...camera,
    });
  });

  it('prefers the shot note to the line for camera fields', () => {
    const [description] = prefillText('[[SHOT 3: close-up]]\n\nA wide street.');
    expect(description!.camera.shotSize).toBe('close-up');
  });

  it('does not take a bare verb such as "tilts" or "fixed" as a camera move', () => {
    expect(prefillText('The deck tilts. He fixed the engine.')[0]!.camera.movement).toBe('');
  });

  it('takes an on-screen speaker as subject but not a voice-over', () => {
    const descriptions = prefillText('A door slams.\n\nMARA (V.O.)\nGo.\n\nSomething moves.\n\nBOB\nWho?');
    expect(descriptions.map((description) => description.subject.who)).toEqual(['', 'Bob']);
  });

  it('keeps weather within a scene only, and carries time of day into CONTINUOUS', () => {
    const text = 'EXT. A - NIGHT\n\nSnow falls.\n\nA car passes.\n\nINT. B - CONTINUOUS\n\nA lamp.';
    expect(prefillText(text).map((d) => [d.weather, d.timeOfDay])).toEqual([
      ['snow', 'night'],
      ['snow', 'night'],
      ['', 'night'],
    ]);
  });

  it('prefills a single shot without context', () => {
    const [candidate] = extractCandidateShots(
      parseScript('INT. GARAGE - CONTINUOUS\n\nA lamp.', { format: 'fountain' }),
    );
    expect(prefillShot(candidate!)).toEqual({
      ...emptyShotDescription(),
      action: 'A lamp.',
      environment: 'garage, indoors',
    });
  });
});
