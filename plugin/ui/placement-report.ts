// Which job actions the companion hears about: a placement outcome ends the job's timeline in its log. The
// outcomes of one "Place all" arrive in one tick; they go out as one message per tick (the companion limits
// messages per second), split only past the protocol's cap.
import { MAX_PLACEMENTS_PER_MESSAGE, type MessageOf } from '../../shared/protocol';
import type { JobsAction } from './jobs-state';

type Placement = MessageOf<'jobs.placed'>['placements'][number];

/** The protocol caps the reason at 500 characters. */
const MAX_MESSAGE = 500;

export function placementReport(action: JobsAction): Placement | undefined {
  if (action.type === 'placed') return { jobId: action.jobId, placed: true };
  if (action.type === 'place-failed')
    return { jobId: action.jobId, placed: false, message: action.message.slice(0, MAX_MESSAGE) };
  return undefined;
}

export class PlacementReports {
  private pending: Placement[] = [];

  constructor(private readonly send: (placements: Placement[]) => void) {}

  /** Notes the action's outcome, if it is one; what a tick gathered is sent together after it. */
  add(action: JobsAction): void {
    const report = placementReport(action);
    if (!report) return;
    if (this.pending.length === 0) queueMicrotask(() => this.flush());
    this.pending.push(report);
  }

  private flush(): void {
    const all = this.pending;
    this.pending = [];
    for (let i = 0; i < all.length; i += MAX_PLACEMENTS_PER_MESSAGE) {
      this.send(all.slice(i, i + MAX_PLACEMENTS_PER_MESSAGE));
    }
  }
}
