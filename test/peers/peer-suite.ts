// A describe block that runs only when its peer is present: not run (one line printed) locally, failed in CI.
import { findPeer, mustRunPeers } from '../support/peers';

export function describeWithPeer(
  title: string,
  peer: { name: string; marker: string },
  body: (dir: string) => void,
): void {
  const lookup = findPeer(peer.name, peer.marker);
  if (lookup.found) {
    describe(title, () => body(lookup.dir));
    return;
  }
  process.stderr.write(`${lookup.line}\n`);
  if (mustRunPeers()) {
    describe(title, () => {
      test(`peer "${peer.name}" is present`, () => {
        throw new Error(lookup.line);
      });
    });
    return;
  }
  // Skipped on purpose, only outside CI and only when the peer is absent: jest reports the suite as not run and
  // the line above says what is missing. Under CI the branch above fails instead, so nothing is skipped there.
  describe.skip(title, () => body(''));
}
