// The script pane's reading of pasted text and imported files into candidate shots with pre-filled fields.
import { readScreenplay } from '../../support/fixtures';
import { groupByScene, readScriptShots } from '../../../plugin/ui/script-shots';
import { markersToSource, transcriptToSource } from '../../../plugin/ui/timeline-lines';

const fixture = readScreenplay;

describe('readScriptShots', () => {
  test('plain lines: one shot per line, numbered by source line (the e2e test relies on it)', () => {
    const read = readScriptShots({ text: 'Kai leaps from the edge.\n\n一名男子从高楼跃下，慢动作收尾。\n' });
    expect(read.format).toBe('text');
    expect(read.shots.map((s) => [s.lineNumber, s.shotId, s.text])).toEqual([
      [1, 'S0-01', 'Kai leaps from the edge.'],
      [3, 'S0-02', '一名男子从高楼跃下，慢动作收尾。'],
    ]);
    expect(read.shots[1]!.prefilled.style).toBe('慢动作');
  });

  test('a Fountain file: shots carry their scene heading, source lines and pre-filled camera', () => {
    const read = readScriptShots({ text: fixture('night-drop.fountain'), fileName: 'night-drop.fountain' });
    expect(read.format).toBe('fountain');
    const s103 = read.shots.find((s) => s.shotId === 'S1-03')!;
    expect(s103).toMatchObject({
      lineNumber: 14,
      endLine: 14,
      sceneHeading: 'EXT. HARBOR CITY ROOFTOP - NIGHT',
    });
    expect(s103.prefilled.camera).toEqual({
      shotSize: 'wide shot',
      angle: 'low angle',
      movement: 'locked-off camera',
      lens: '',
    });
    expect(groupByScene(read.shots).map((g) => [g.heading, g.shots.length])).toEqual([
      ['EXT. HARBOR CITY ROOFTOP - NIGHT', 4],
      ['INT. CARGO SHIP BRIDGE - CONTINUOUS', 2],
      ['EXT. COASTAL ROAD - DAWN', 1],
      ["FLASHBACK - KAI'S APARTMENT - NIGHT", 1],
    ]);
  });

  test('a Chinese Fountain script fills environment, time, subject and camera in Chinese', () => {
    const read = readScriptShots({ text: fixture('yu-ye.fountain') });
    const last = read.shots.at(-1)!;
    expect(last.sceneHeading).toBe('外景 深夜街道 - 夜');
    expect(last.prefilled).toMatchObject({
      subject: { who: '中年男子', wardrobe: '西装破损' },
      environment: '深夜街道，室外',
      timeOfDay: '夜',
      camera: { shotSize: '远景', movement: '固定机位' },
      style: '赛博朋克',
    });
  });

  test('empty text has no shots and no error; a broken Final Draft file says so in words', () => {
    expect(readScriptShots({ text: '  \n' })).toEqual({
      format: null,
      shots: [],
      bible: { characters: [] },
    });
    const fdx = readScriptShots({
      text: '<FinalDraft><Content><Paragraph Type="Action"><Text>Kai runs.</Text></Paragraph></Content></FinalDraft>',
      fileName: 'a.fdx',
    });
    expect(fdx.format).toBe('fdx');
    expect(fdx.shots.map((s) => s.text)).toEqual(['Kai runs.']);
  });
});

describe('lines from the timeline', () => {
  const second = 254016000000n;

  test('markers: name and comments are the line, start and length travel with the shot', () => {
    const source = markersToSource([
      {
        name: 'INT. LAB',
        comments: 'Kai opens the\ncase',
        startTicks: String(2n * second),
        durationTicks: String(3n * second),
      },
      { name: '', comments: '', startTicks: '0', durationTicks: '0' },
      { name: '爆炸', comments: '', startTicks: String(10n * second), durationTicks: '0' },
      { name: '', comments: 'A wide of the city', startTicks: String(12n * second), durationTicks: '0' },
      { name: '爆炸', comments: 'again', startTicks: String(14n * second), durationTicks: '0' },
    ]);
    const read = readScriptShots(source);
    // Shot ids (bin and clip names) come from the marker's name, or its place in the sequence.
    expect(read.shots.map((s) => s.shotId)).toEqual(['INT. LAB', '爆炸', 'Marker 4', '爆炸 (2)']);
    // Forced to plain text: a marker called "INT. LAB" is a line, not a scene heading.
    expect(read.shots.map((s) => [s.lineNumber, s.text, s.timing])).toEqual([
      [
        1,
        'INT. LAB: Kai opens the case',
        { startTicks: String(2n * second), durationTicks: String(3n * second) },
      ],
      [2, '爆炸', { startTicks: String(10n * second) }],
      [3, 'A wide of the city', { startTicks: String(12n * second) }],
      [4, '爆炸: again', { startTicks: String(14n * second) }],
    ]);
  });

  test('transcript segments: each a line at its time, as long as it is spoken', () => {
    const read = readScriptShots(
      transcriptToSource([
        {
          text: 'We go at dawn.',
          startTicks: String(second),
          endTicks: String(3n * second),
          speaker: 'Mara',
        },
        { text: '  ', startTicks: '0', endTicks: '1' },
      ]),
    );
    expect(read.shots).toHaveLength(1);
    expect(read.shots[0]).toMatchObject({
      text: 'We go at dawn.',
      timing: { startTicks: String(second), durationTicks: String(2n * second) },
    });
  });
});
