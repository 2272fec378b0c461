// Timecode math: exact frame rates, Premiere ticks, timecode display.
export * from './frame-rate';
export * from './ticks';
export * from './timecode';
