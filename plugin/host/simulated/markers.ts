// Simulated Markers: sequence and clip markers as immutable records, added through lock-checked Actions.
import type { MarkerApi, MarkersApi, PremiereAction, TickTimeApi } from '../premiere/premiere-api';
import { SimAction } from './actions';
import { SimTickTime } from './tick-time';
import type { SimMarkerRecord } from './marker-record';
import type { SimWorld } from './world';

export type { SimMarkerRecord };

export const SIM_MARKER_TYPE_COMMENT = 'Comment';

class SimMarker implements MarkerApi {
  constructor(private readonly record: SimMarkerRecord) {}

  getName(): string {
    return this.record.name;
  }

  getComments(): string {
    return this.record.comments;
  }

  getStart(): TickTimeApi {
    return new SimTickTime(this.record.startTicks);
  }

  getDuration(): TickTimeApi {
    return new SimTickTime(this.record.durationTicks);
  }

  getColorIndex(): number {
    return this.record.colorIndex;
  }
}

/** What Markers.getMarkers(owner) returns: a live view of one owner's markers. */
export class SimMarkers implements MarkersApi {
  constructor(
    private readonly world: SimWorld,
    private readonly owner: object,
  ) {}

  getMarkers(filters?: string[]): MarkerApi[] {
    const records = this.world.markers.get(this.owner) ?? [];
    // Premiere lists markers in the order they were added; callers that need time order sort.
    return records
      .filter((record) => !filters || filters.length === 0 || filters.includes(record.type))
      .map((record) => new SimMarker(record));
  }

  createAddMarkerAction(
    name: string,
    markerType?: string,
    startTime?: TickTimeApi,
    duration?: TickTimeApi,
    comments?: string,
  ): PremiereAction {
    this.world.lock.assertHeld('Markers.createAddMarkerAction');
    const record: SimMarkerRecord = {
      name,
      comments: comments ?? '',
      type: markerType ?? SIM_MARKER_TYPE_COMMENT,
      startTicks: startTime ? SimTickTime.of(startTime) : 0n,
      durationTicks: duration ? SimTickTime.of(duration) : 0n,
      colorIndex: 0,
    };
    return new SimAction(`add marker ${name}`, () => addMarkerRecord(this.world, this.owner, record));
  }
}

export function addMarkerRecord(world: SimWorld, owner: object, record: SimMarkerRecord): void {
  world.markers.set(owner, [...(world.markers.get(owner) ?? []), record]);
}
