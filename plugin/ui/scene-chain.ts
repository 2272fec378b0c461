// A continuous scene generated as a chain: one shot at a time, each starting on the previous take's last frame.
//
// Pure state over the panel's job rows, so the order and the stop are testable without a companion: the hook
// (use-scene-chain.ts) sends what `followJobs` says and renders the links.
import type { ImageSource } from '../../shared/protocol';
import { t } from '../i18n/i18n';
import { wireErrorText } from '../i18n/wire-error';
import { lastFrameOfTake } from './continuity';
import type { JobRow } from './jobs-state';

export type LinkState = 'waiting' | 'sent' | 'running' | 'done' | 'failed' | 'skipped';

export interface ChainLink {
  shotId: string;
  state: LinkState;
  /** The take made for this link, once the companion accepted it. */
  jobId?: string;
  /** The `generate` request that sent it: a refusal (an `error` reply naming it) stops the chain here. */
  requestId?: string;
  /** 0..1 while it runs. */
  fraction?: number;
}

export interface SceneChain {
  scene: string;
  links: readonly ChainLink[];
  /** Jobs of the sent link's shot that existed before it was sent: the new take is the one not among them. */
  known: readonly string[];
  /** Why the chain stopped, and at which shot; the links after it are skipped. */
  stopped?: { shotId: string; reason: string };
}

/** What the hook does next. */
export type ChainStep =
  | { kind: 'wait' }
  | { kind: 'send'; index: number; startImage: ImageSource }
  | { kind: 'finished' }
  | { kind: 'stopped' };

export function startChain(scene: string, shotIds: readonly string[]): SceneChain {
  return { scene, links: shotIds.map((shotId) => ({ shotId, state: 'waiting' })), known: [] };
}

/** The link at `index` was sent (by request `requestId`); `jobs` are the rows the panel had at that moment. */
export function markSent(
  chain: SceneChain,
  index: number,
  jobs: readonly JobRow[],
  requestId?: string,
): SceneChain {
  const shotId = chain.links[index]!.shotId;
  return {
    ...chain,
    links: chain.links.map((link, i) =>
      i === index ? { ...link, state: 'sent', ...(requestId !== undefined && { requestId }) } : link,
    ),
    known: jobs.filter((job) => job.shotId === shotId).map((job) => job.jobId),
  };
}

/** Stops at the link at `index` with `reason`; nothing after it runs. */
export function stopChain(chain: SceneChain, index: number, reason: string): SceneChain {
  return {
    ...chain,
    links: chain.links.map((link, i) =>
      i === index ? { ...link, state: 'failed' } : i > index ? { ...link, state: 'skipped' } : link,
    ),
    stopped: { shotId: chain.links[index]!.shotId, reason },
  };
}

/**
 * The companion refused request `re` outright (an `error` reply: no job was ever made): when it is the sent
 * link's, the chain stops there with `reason` instead of waiting for a take that will not come.
 */
export function refuseRequest(chain: SceneChain, re: string, reason: string): SceneChain {
  if (chain.stopped) return chain;
  const index = chain.links.findIndex((link) => link.state === 'sent' && link.requestId === re);
  return index < 0 ? chain : stopChain(chain, index, reason);
}

const current = (chain: SceneChain) =>
  chain.links.findIndex((link) => link.state === 'sent' || link.state === 'running');

/** Moves the chain on with the latest job rows: the running link's progress, its end, and what comes next. */
export function followJobs(
  chain: SceneChain,
  jobs: readonly JobRow[],
): { chain: SceneChain; step: ChainStep } {
  if (chain.stopped) return { chain, step: { kind: 'stopped' } };
  const index = current(chain);
  if (index < 0) {
    const finished = chain.links.every((link) => link.state === 'done');
    return { chain, step: finished ? { kind: 'finished' } : { kind: 'wait' } };
  }
  const link = chain.links[index]!;
  const row = link.jobId
    ? jobs.find((job) => job.jobId === link.jobId)
    : jobs.find((job) => job.shotId === link.shotId && !chain.known.includes(job.jobId));
  if (!row) return { chain, step: { kind: 'wait' } };
  const replace = (next: ChainLink) => ({
    ...chain,
    links: chain.links.map((l, i) => (i === index ? next : l)),
  });
  if (row.status === 'failed' || row.status === 'cancelled') {
    const reason = row.error ? wireErrorText(row.error) : t('continuity.chain.cancelled');
    return { chain: stopChain(chain, index, reason), step: { kind: 'stopped' } };
  }
  if (row.status !== 'done' || !row.output) {
    const fraction = row.progress?.fraction ?? 0;
    return {
      chain: replace({ ...link, state: 'running', jobId: row.jobId, fraction }),
      step: { kind: 'wait' },
    };
  }
  const done = replace({ shotId: link.shotId, state: 'done', jobId: row.jobId, fraction: 1 });
  if (index + 1 >= chain.links.length) return { chain: done, step: { kind: 'finished' } };
  return { chain: done, step: { kind: 'send', index: index + 1, startImage: lastFrameOfTake(row.output) } };
}

/** The shots of one scene to chain: the selected ones of the first selected shot's scene, in script order. */
export function chainShots<T extends { shot: { shotId: string; sceneHeading?: string } }>(
  prepared: readonly T[],
): { ok: true; scene: string; shots: T[] } | { ok: false; message: string } {
  const [first] = prepared;
  if (!first) return { ok: false, message: t('continuity.chain.selectScene') };
  const scene = first.shot.sceneHeading;
  const shots = prepared.filter((p) => p.shot.sceneHeading === scene);
  if (shots.length < 2)
    return { ok: false, message: t('continuity.chain.needTwo', { scene: scene ?? first.shot.shotId }) };
  return { ok: true, scene: scene ?? '', shots };
}
