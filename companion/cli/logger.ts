// The companion's logger: pino, to stderr, so stdout stays clean for command output.
import pino, { type Logger } from 'pino';

export function createLogger(level = process.env.SHOTLINE_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
