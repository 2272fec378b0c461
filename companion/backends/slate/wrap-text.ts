// Line wrapping that works for spaced scripts (English) and unspaced ones (Chinese, Japanese).
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Splits text into breakable pieces: each CJK character alone, other words with their trailing space. */
export function breakableTokens(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  for (const ch of text) {
    if (CJK.test(ch)) {
      if (word) tokens.push(word);
      word = '';
      tokens.push(ch);
    } else if (/\s/.test(ch)) {
      tokens.push(word + ' ');
      word = '';
    } else {
      word += ch;
    }
  }
  if (word) tokens.push(word);
  return tokens
    .filter((t) => t.trim() !== '' || t === ' ')
    .filter((t, i, all) => !(t === ' ' && all[i - 1]?.endsWith(' ')));
}

/** Greedy wrap to maxWidth; lines past maxLines are dropped and the last one ends with an ellipsis. */
export function wrapText(
  text: string,
  maxWidth: number,
  maxLines: number,
  measure: (s: string) => number,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of breakableTokens(text.replace(/\s+/g, ' ').trim())) {
    const candidate = line + token;
    if (line && measure(candidate.trimEnd()) > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line = candidate;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last && measure(last + '…') > maxWidth) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = last + '…';
  return kept;
}
