// The host adapter's failures reach the panel in its language: real failures of the simulated Premiere carry a
// code and the facts (track, bin, file), worded from the catalogue; the English sentence stays for the log.
import { hostFailure, HostError } from '../../../plugin/host/host-adapter';
import { createPremiereAdapter } from '../../../plugin/host/premiere/premiere-adapter';
import { SimulatedPremiere } from '../../../plugin/host/simulated';
import { i18n } from '../../../plugin/i18n/i18n';
import { placeFailureText, hostErrorText } from '../../../plugin/ui/host-text';
import { jobsReducer } from '../../../plugin/ui/jobs-state';
import { placementReport } from '../../../plugin/ui/placement-report';
import { FPS_25, setUp } from '../sim-fixture';

async function failureOf(promise: Promise<unknown>): Promise<HostError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HostError);
  return err as HostError;
}

async function failures(): Promise<[string, HostError][]> {
  const { sim, adapter, at, clip } = setUp(FPS_25);
  sim.addClip(1, { name: 'user', startTicks: at(0), endTicks: at(50) });
  const noSequence = createPremiereAdapter(new SimulatedPremiere().api, {
    retry: { attempts: 1, delayMs: 0 },
  });
  const noMedia = createPremiereAdapter(sim.api, { retry: { attempts: 1, delayMs: 0 } });
  return [
    [
      'TRACK_OCCUPIED',
      await failureOf(adapter.placeClip(clip('S2', 10, { track: { kind: 'index', index: 1 } }))),
    ],
    [
      'TRACK_NAME_UNKNOWN',
      await failureOf(adapter.placeClip(clip('S3', 10, { track: { kind: 'named', name: 'FX' } }))),
    ],
    ['IMPORT_FAILED', await failureOf(noMedia.placeClip(clip('S9-99', 10)))],
    ['NO_SEQUENCE', await failureOf(noSequence.placeClip(clip('S1', 10)))],
    ['TRACK_MISSING', await failureOf(adapter.findGaps(7))],
    [
      'OUT_BEFORE_IN',
      await failureOf(adapter.findGaps(0, { inTicks: at(20).toString(), outTicks: at(10).toString() })),
    ],
  ];
}

/** Names that read the same in both languages, and the facts the sentence carries (names, paths, tracks). */
const NAMES = ['Premiere', 'Shotline', 'Video 1', 'Video 2', 'Video 3'];
function englishLeft(text: string, err: HostError): string[] {
  let rest = text;
  for (const value of [...Object.values(err.params).map(String), ...NAMES])
    rest = rest.split(value).join(' ');
  return rest.match(/[A-Za-z]{3,}[ ,'][A-Za-z]{2,}/g) ?? [];
}

afterEach(() => void i18n.changeLanguage('en'));

test('each failure has its code; English is the adapter’s sentence, Chinese has no English left', async () => {
  for (const [code, err] of await failures()) {
    expect([code, err.code]).toEqual([code, code]);
    void i18n.changeLanguage('en');
    expect(hostErrorText(err)).toBe(err.message);
    void i18n.changeLanguage('zh-CN');
    const chinese = hostErrorText(err);
    expect(chinese).toMatch(/\p{Script=Han}/u);
    expect([code, englishLeft(chinese, err)]).toEqual([code, []]);
  }
});

test('a failed placement stays coded in the job row: the panel words it, the companion hears English', async () => {
  const { sim, adapter, at, clip } = setUp(FPS_25);
  sim.addClip(1, { name: 'user', startTicks: at(0), endTicks: at(50) });
  const err = await failureOf(adapter.placeClip(clip('S2', 10, { track: { kind: 'index', index: 1 } })));
  const action = { type: 'place-failed' as const, jobId: 'job_abcdefgh', ...hostFailure(err) };
  const [row] = jobsReducer([], action);
  if (row?.placement?.state !== 'failed') throw new Error('expected a failed placement');
  void i18n.changeLanguage('zh-CN');
  expect(placeFailureText(row.placement)).toBe('视频轨道 V2 在该范围内已有剪辑；请选择其他轨道或使用替换。');
  expect(placementReport(action)).toEqual({
    jobId: 'job_abcdefgh',
    placed: false,
    message: 'Video track 2 already has a clip over that range; pick another track or use replace.',
  });
});

test('what is not a HostError keeps its own text in both languages', () => {
  void i18n.changeLanguage('zh-CN');
  expect(hostErrorText(new Error('disk on fire'))).toBe('disk on fire');
});
