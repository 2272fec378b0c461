// Text that goes into a timeline (names, prompts, markers): XML 1.0 forbids most control characters.

// C0 controls except tab, LF and CR; DEL and C1 controls; lone surrogates; the non-characters U+FFFE/U+FFFF.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point here
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A page break (form feed), vertical tab or escape from an exported script becomes a space, so words either side
 * stay apart; runs of spaces left by that collapse. Everything printable (emoji, CJK, `& < >`) is kept.
 */
export function editorText(text: string): string {
  // XML readers turn CR and CRLF into LF anyway; doing it here keeps the OTIO text the same as the XML's.
  return text.replace(/\r\n?/g, '\n').replace(FORBIDDEN, ' ').replace(/ {2,}/g, ' ').trim();
}
