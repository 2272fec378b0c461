// One simulated marker as the world stores it: a leaf module, so the world and the Markers API share it
// without importing each other.
export interface SimMarkerRecord {
  readonly name: string;
  readonly comments: string;
  readonly type: string;
  readonly startTicks: bigint;
  readonly durationTicks: bigint;
  readonly colorIndex: number;
}
