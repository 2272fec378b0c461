// The SMPTE 12M drop-frame rule as a counter, shared by the unit sweep and the 24-hour reference suite.
/**
 * The SMPTE rule stated as counting, not as arithmetic: advance the label one frame at a time; when a minute
 * that is not a multiple of ten begins, skip labels 00..(drop-1). Independent of the closed form under test.
 */
export function* odometer(fps: number, drop: number, count: number): Generator<string> {
  let h = 0,
    m = 0,
    s = 0,
    f = 0;
  const p = (n: number) => String(n).padStart(2, '0');
  const sep = drop ? ';' : ':';
  for (let i = 0; i < count; i++) {
    yield `${p(h)}:${p(m)}:${p(s)}${sep}${p(f)}`;
    if (++f < fps) continue;
    f = 0;
    if (++s < 60) continue;
    s = 0;
    if (++m === 60) {
      m = 0;
      h++;
    }
    if (drop && m % 10 !== 0) f = drop;
  }
}
