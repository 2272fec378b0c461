// Media paths compared the way hosts report them: forward slashes, case-blind on Windows drive paths.
export function normalizeMediaPath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  return /^[A-Za-z]:\//.test(slashed) ? slashed.toLowerCase() : slashed;
}

export function sameMediaPath(a: string, b: string): boolean {
  return normalizeMediaPath(a) === normalizeMediaPath(b);
}
