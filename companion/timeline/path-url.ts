// Media paths as file URLs the way each program writes them, for POSIX, drive-letter and UNC paths alike.
import { TimelineError } from './timeline-error';

interface SplitPath {
  /** UNC server ("server" of \\server\share), or empty for a local path. */
  host: string;
  /** Drive letter with its colon ("C:"), or empty. */
  drive: string;
  segments: string[];
}

/**
 * Reads a path as the machine that wrote it would: `C:\…` and `\\server\share\…` are Windows paths even when
 * this runs on Linux (the clips may live on a facility share the editor's Windows box mounts).
 */
export function splitPath(path: string): SplitPath {
  // `s`: a name may hold U+2028/U+2029, which `.` alone would not match.
  const unc = /^[\\/]{2}([^\\/]+)[\\/](.*)$/s.exec(path);
  if (unc) return { host: unc[1] as string, drive: '', segments: (unc[2] as string).split(/[\\/]+/) };
  const drive = /^([A-Za-z]:)[\\/]+(.*)$/s.exec(path);
  if (drive)
    return {
      host: '',
      drive: (drive[1] as string).toUpperCase(),
      segments: (drive[2] as string).split(/[\\/]+/),
    };
  if (!path.startsWith('/')) {
    throw new TimelineError(
      'TIMELINE_PATH_INVALID',
      `"${path}" is not an absolute path, so a timeline cannot link it.`,
    );
  }
  return { host: '', drive: '', segments: path.slice(1).split('/') };
}

/** Percent-encodes one path segment as UTF-8 with lowercase hex, as Premiere does (`D%3a`, `%e6%97%a5`). */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
    .replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/**
 * FCP 7 XML `pathurl` as Premiere exports it: `file://localhost/Volumes/…`, `file://localhost/D%3a/media/…`,
 * and for a share `file://server/share/…` (the host part of the URL is the server).
 */
export function premierePathUrl(path: string): string {
  const { host, drive, segments } = splitPath(path);
  const parts = [...(drive ? [encodeSegment(drive)] : []), ...segments.map(encodeSegment)];
  return `file://${host || 'localhost'}/${parts.join('/')}`;
}

/** OTIO `target_url` as its own url_utils write it: `file:///C:/media/…`, `file://server/share/…`, `file:///Users/…`. */
export function otioTargetUrl(path: string): string {
  const { host, drive, segments } = splitPath(path);
  const parts = [...(drive ? [drive] : []), ...segments.map(encodeSegment)];
  return `file://${host}/${parts.join('/')}`;
}

/** The file name an editor sees in the bin, whichever separator the path uses. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
