// Which Premiere version introduced what the panel touches, from Adobe's reference ("Since:" on each
// member) and changelog, https://developer.adobe.com/premiere-pro/uxp/ppro-reference/ and
// https://developer.adobe.com/premiere-pro/uxp/changelog/ . Kept here, not read from our adapter, so the
// simulated host can play any supported version and show the panel what that version lacks.
export const SIM_VERSIONS = ['25.6', '26.0', '26.2', '26.3'] as const;
export type SimVersion = (typeof SIM_VERSIONS)[number];
export const DEFAULT_SIM_VERSION: SimVersion = '26.3';

/** Members newer than 25.6 (the manifest's minVersion), by the version that added them. */
export const MEMBERS_SINCE: Readonly<Record<string, SimVersion>> = Object.freeze({
  'Transcript.hasTranscript': '26.3',
  'Transcript.querySupportedLanguages': '26.3',
  'Transcript.importFromJSON': '26.3',
  'ClipProjectItem.createSubClipAction': '26.3',
  'ClipProjectItem.getOriginatingProjectPath': '26.2',
  'Project.createSequenceWithPresetPath': '26.3',
  'VideoTrack.createSetNameAction': '26.3',
});

function atLeast(version: SimVersion, wanted: SimVersion): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = wanted.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

export function hasMember(version: SimVersion, member: string): boolean {
  const since = MEMBERS_SINCE[member];
  return since === undefined || atLeast(version, since);
}

/** 26.3's changelog: "Action instances … must now be created inside a project.lockedAccess()". */
export function locksEnforced(version: SimVersion): boolean {
  return atLeast(version, '26.3');
}

export function parseSimVersion(text: string): SimVersion | undefined {
  return SIM_VERSIONS.find((v) => v === text || text.startsWith(`${v}.`));
}
