// Candidate shots from the fixtures: ids, scene context, nearby characters and shot notes.
import { fixturePath } from '../../support/fixtures';
import * as fs from 'fs';
import * as path from 'path';
import { CandidateShotSchema, extractCandidateShots, parseScript } from '../../../shared/screenplay';

const fixturesDir = fixturePath('screenplays');
const shotsOf = (name: string) =>
  extractCandidateShots(parseScript(fs.readFileSync(path.join(fixturesDir, name), 'utf8')));

describe('candidate shots from night-drop.fountain', () => {
  const shots = shotsOf('night-drop.fountain');

  it('makes one shot per action paragraph with deterministic ids and lines', () => {
    expect(shots.map((shot) => [shot.id, shot.line])).toEqual([
      ['S1-01', 8],
      ['S1-02', 10],
      ['S1-03', 14],
      ['S1-04', 16],
      ['S2-01', 30],
      ['S2-02', 32],
      ['S3-01', 38],
      ['S4-01', 42],
    ]);
    for (const shot of shots) expect(CandidateShotSchema.parse(shot)).toEqual(shot);
  });

  it('carries the scene heading context', () => {
    expect(shots[0]!.scene).toEqual({
      heading: 'EXT. HARBOR CITY ROOFTOP - NIGHT',
      line: 6,
      sceneNumber: null,
      interiorExterior: 'exterior',
      location: 'HARBOR CITY ROOFTOP',
      timeOfDay: 'night',
      timeOfDayText: 'NIGHT',
      weatherText: null,
    });
    expect(
      shots.map((shot) => [shot.scene?.location, shot.scene?.interiorExterior, shot.scene?.timeOfDay]),
    ).toEqual([
      ['HARBOR CITY ROOFTOP', 'exterior', 'night'],
      ['HARBOR CITY ROOFTOP', 'exterior', 'night'],
      ['HARBOR CITY ROOFTOP', 'exterior', 'night'],
      ['HARBOR CITY ROOFTOP', 'exterior', 'night'],
      ['CARGO SHIP BRIDGE', 'interior', 'continuous'],
      ['CARGO SHIP BRIDGE', 'interior', 'continuous'],
      ['COASTAL ROAD', 'exterior', 'dawn'],
      ["FLASHBACK - KAI'S APARTMENT", null, 'night'],
    ]);
  });

  it('attaches the SHOT note to the shot after it, and only to that one', () => {
    expect(shots[2]!.shotNote).toEqual({ label: '1A', text: 'wide, locked-off camera, low angle', line: 12 });
    expect(shots[2]!.notes).toEqual([{ text: 'SHOT 1A: wide, locked-off camera, low angle', line: 12 }]);
    expect(shots.filter((shot) => shot.shotNote !== null)).toHaveLength(1);
  });

  it('knows the characters mentioned and speaking right after', () => {
    expect(shots[1]!.charactersMentioned).toEqual(['KAI']);
    expect(shots[3]!.charactersMentioned).toEqual(['KAI']);
    expect(shots[3]!.speakersAfter).toEqual([
      { name: 'MARA', extensions: ['V.O.'] },
      { name: 'KAI', extensions: [] },
    ]);
    expect(shots[2]!.speakersAfter).toEqual([]);
    expect(shots[4]!.charactersInScene).toEqual([]);
  });
});

describe('candidate shots from yu-ye.fountain', () => {
  const shots = shotsOf('yu-ye.fountain');

  it('makes four shots in three scenes', () => {
    expect(
      shots.map((shot) => [shot.id, shot.line, shot.scene?.location, shot.scene?.timeOfDayText]),
    ).toEqual([
      ['S1-01', 6, '城市天台', '夜'],
      ['S1-02', 8, '城市天台', '夜'],
      ['S2-01', 16, '飞船驾驶舱', '连续'],
      ['S3-01', 20, '深夜街道', '夜'],
    ]);
    expect(shots[1]!.speakersAfter).toEqual([{ name: '林队长', extensions: [] }]);
  });
});

describe('candidate shot context', () => {
  it('lists cues heard earlier in the scene and resets them at a new heading', () => {
    const shots = extractCandidateShots(
      parseScript('INT. A - DAY\n\nBOB\nHi.\n\nBob waves.\n\nINT. B - DAY\n\nRain.', { format: 'fountain' }),
    );
    expect(shots.map((shot) => [shot.id, shot.charactersInScene, shot.charactersMentioned])).toEqual([
      ['S1-01', ['BOB'], ['BOB']],
      ['S2-01', [], []],
    ]);
  });

  it('numbers plain-text shots in scene 0 and skips centered titles', () => {
    const text = extractCandidateShots(parseScript('One.\nTwo.', { format: 'text' }));
    expect(text.map((shot) => shot.id)).toEqual(['S0-01', 'S0-02']);
    const centered = extractCandidateShots(parseScript('> THE END <\n\nKai runs.', { format: 'fountain' }));
    expect(centered.map((shot) => shot.text)).toEqual(['Kai runs.']);
  });

  it('takes an inline shot note inside the paragraph', () => {
    const [shot] = extractCandidateShots(
      parseScript('INT. A - DAY\n\nKai runs. [[SHOT 2: close-up]]', { format: 'fountain' }),
    );
    expect(shot!.shotNote).toEqual({ label: '2', text: 'close-up', line: 3 });
  });
});
