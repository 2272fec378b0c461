// Which files a shot may be conditioned on: local files under the allowed media roots, nothing else.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { ShotlineError } from '../../shared/protocol';

/** Largest conditioning source accepted: a still or a video file the companion reads one frame of. */
export const MAX_MEDIA_BYTES = 64 * 1024 * 1024 * 1024;

/** UNC shares (\\server\share, //server/share) and URLs reach other machines: the network may not ask for those. */
const NETWORK_PATH = /^(\\\\|\/\/|[A-Za-z][A-Za-z0-9+.-]+:\/\/)/;

/** `reason` names the sentence for the panel (network, relative, outside); `roots` only for outside. */
function notAllowed(path: string, why: string, reason: string, roots = ''): ShotlineError {
  return new ShotlineError('IMAGE_NOT_ALLOWED', `The conditioning image ${path} is not allowed: ${why}.`, {
    params: { path, case: reason, ...(roots && { roots }) },
  });
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

export class MediaRoots {
  private readonly resolved: Promise<string[]>;

  /** `roots`: folders whose files a request may name (the project's media, the outputs). */
  constructor(readonly roots: readonly string[]) {
    this.resolved = Promise.all(roots.map((root) => realpath(root).catch(() => root)));
  }

  /**
   * The real path of `path` when it is a local regular file under one of the roots, links followed first so
   * a link inside a root cannot point outside it; IMAGE_NOT_ALLOWED otherwise.
   */
  async resolve(path: string, options: { folder?: boolean } = {}): Promise<string> {
    if (NETWORK_PATH.test(path)) throw notAllowed(path, 'network paths and URLs are never read', 'network');
    if (!isAbsolute(path)) throw notAllowed(path, 'give an absolute path', 'relative');
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      throw new ShotlineError('IMAGE_INVALID', `The conditioning image ${path} does not exist.`, {
        params: { path, case: 'missing' },
      });
    }
    const roots = await this.resolved;
    if (!roots.some((root) => inside(root, real)))
      throw notAllowed(
        path,
        `it is outside the media folders (${this.roots.join(', ')}); start the companion with --media-root FOLDER to allow it`,
        'outside',
        this.roots.join(', '),
      );
    const info = await stat(real);
    if (options.folder) {
      if (!info.isDirectory())
        throw new ShotlineError('IMAGE_INVALID', `${path} is not a folder.`, {
          params: { path, case: 'notFolder' },
        });
      return real;
    }
    if (!info.isFile())
      throw new ShotlineError('IMAGE_INVALID', `${path} is not a file.`, {
        params: { path, case: 'notFile' },
      });
    if (info.size > MAX_MEDIA_BYTES)
      throw new ShotlineError('IMAGE_INVALID', `${path} is larger than ${MAX_MEDIA_BYTES / 2 ** 30} GiB.`, {
        params: { path, gib: MAX_MEDIA_BYTES / 2 ** 30, case: 'tooBig' },
      });
    return real;
  }
}
