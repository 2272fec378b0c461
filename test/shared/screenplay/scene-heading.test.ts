// Scene heading reading: interior/exterior, location and time of day in English and Chinese.
import { parseSceneHeading } from '../../../shared/screenplay';

describe('parseSceneHeading', () => {
  it.each([
    ['EXT. HARBOR CITY ROOFTOP - NIGHT', 'exterior', 'HARBOR CITY ROOFTOP', 'night', 'NIGHT'],
    ['INT. CARGO SHIP BRIDGE - CONTINUOUS', 'interior', 'CARGO SHIP BRIDGE', 'continuous', 'CONTINUOUS'],
    ['INT./EXT. CAR - MOVING - DAY', 'interior_exterior', 'CAR - MOVING', 'day', 'DAY'],
    ['I/E CAR - DUSK', 'interior_exterior', 'CAR', 'dusk', 'DUSK'],
    ['EST. CITY SKYLINE - MAGIC HOUR', 'exterior', 'CITY SKYLINE', 'dusk', 'MAGIC HOUR'],
    ['int. kitchen - moments later', 'interior', 'kitchen', 'later', 'moments later'],
    ["FLASHBACK - KAI'S APARTMENT - NIGHT", null, "FLASHBACK - KAI'S APARTMENT", 'night', 'NIGHT'],
    ['INT. HOUSE - KITCHEN', 'interior', 'HOUSE - KITCHEN', null, null],
    ['外景 城市天台 - 夜', 'exterior', '城市天台', 'night', '夜'],
    ['内景 飞船驾驶舱 - 连续', 'interior', '飞船驾驶舱', 'continuous', '连续'],
    ['外景 海边公路 黄昏', 'exterior', '海边公路', 'dusk', '黄昏'],
    ['内外景 汽车 — 日', 'interior_exterior', '汽车', 'day', '日'],
    ['.外景 深夜街道 - 夜', 'exterior', '深夜街道', 'night', '夜'],
  ])('%s', (heading, interiorExterior, location, timeOfDay, timeOfDayText) => {
    expect(parseSceneHeading(heading)).toEqual({
      interiorExterior,
      location,
      timeOfDay,
      timeOfDayText,
      weatherText: null,
    });
  });
});
