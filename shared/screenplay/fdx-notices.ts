// Counts what the Final Draft reader left out (or read as another type) and words it once per type.
import type { ScriptNotice, ScriptNoticeCode } from './script-notices';

export class FdxNotices {
  private readonly counts = new Map<
    string,
    { code: ScriptNoticeCode; type: string | null; via: string; count: number }
  >();

  skipped(type: string, reason: 'hidden' | 'unknown'): void {
    this.add(reason === 'hidden' ? 'FDX_HIDDEN_SKIPPED' : 'FDX_TYPE_SKIPPED', type, '', 1);
  }

  mapped(type: string, via: string): void {
    this.add('FDX_TYPE_MAPPED', type, via, 1);
  }

  beats(count: number): void {
    if (count > 0) this.add('FDX_BEATS_SKIPPED', null, '', count);
  }

  list(): ScriptNotice[] {
    return [...this.counts.values()].map(({ code, type, via, count }) => ({
      code,
      type,
      count,
      message: describe(code, type ?? '', via, count),
      params: { type: type ?? '', via, count },
    }));
  }

  private add(code: ScriptNoticeCode, type: string | null, via: string, count: number): void {
    const key = `${code}\u0000${type ?? ''}`;
    const entry = this.counts.get(key);
    if (entry) entry.count += count;
    else this.counts.set(key, { code, type, via, count });
  }
}

function describe(code: ScriptNoticeCode, type: string, via: string, count: number): string {
  const paragraphs =
    count === 1 ? `1 paragraph of type ${type} was` : `${count} paragraphs of type ${type} were`;
  switch (code) {
    case 'FDX_TYPE_SKIPPED':
      return `${paragraphs} not read as action: Final Draft has no such type and the file does not say how it is paginated.`;
    case 'FDX_HIDDEN_SKIPPED':
      return `${paragraphs} not read: the file shows that type as hidden text, which is never part of the script.`;
    case 'FDX_TYPE_MAPPED':
      return `${paragraphs} read as ${via}, the type the file paginates ${type} as.`;
    case 'FDX_BEATS_SKIPPED':
      return `${count === 1 ? '1 Beat Board or Story Map item was' : `${count} Beat Board and Story Map items were`} not read as shots: they are outline, not script.`;
  }
}
