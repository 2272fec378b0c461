// The workflows Shotline ships, by name: plain JSON, so the CLI can list them without loading the validator.
import a14b from './templates/wan22-t2v-a14b.json';
import a14bComfy from './templates/wan22-t2v-a14b-comfy.json';
import a14bDraft from './templates/wan22-t2v-a14b-draft.json';
import flf2vA14b from './templates/wan22-flf2v-a14b.json';
import i2vA14b from './templates/wan22-i2v-a14b.json';
import ti2v5b from './templates/wan22-ti2v-5b.json';

export const BUILT_IN_WORKFLOWS: Readonly<Record<string, unknown>> = Object.freeze({
  'wan22-t2v-a14b': a14b,
  'wan22-t2v-a14b-comfy': a14bComfy,
  'wan22-t2v-a14b-draft': a14bDraft,
  'wan22-ti2v-5b': ti2v5b,
  'wan22-i2v-a14b': i2vA14b,
  'wan22-flf2v-a14b': flf2vA14b,
});

/** The built-ins a shot that starts from images uses when the chosen workflow has no image placeholders. */
export const IMAGE_WORKFLOWS = Object.freeze({ i2v: 'wan22-i2v-a14b', flf2v: 'wan22-flf2v-a14b' } as const);
