// The workflows Shotline ships, by name: plain JSON, so the CLI can list them without loading the validator.
import a14b from './templates/wan22-t2v-a14b.json';
import ti2v5b from './templates/wan22-ti2v-5b.json';

export const BUILT_IN_WORKFLOWS: Readonly<Record<string, unknown>> = Object.freeze({
  'wan22-t2v-a14b': a14b,
  'wan22-ti2v-5b': ti2v5b,
});
