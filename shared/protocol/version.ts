// The protocol version every message carries; bump it on any incompatible schema change.
export const PROTOCOL_VERSION = 1 as const;
