// The ASS subtitle script the export burns in (ffmpeg's `ass` filter, libass): its header
// with one style per thing drawn, and the pieces every Dialogue line is made of. Text is
// set in Noto Sans CJK SC (Debian's fonts-noto-cjk), so the Chinese is drawn, not boxes.
// Pure.

/** The font every text of the export is set in (fc-list: "Noto Sans CJK SC"). */
export const CJK_FONT = 'Noto Sans CJK SC';

/** ASS time: H:MM:SS.cc */
export function assTime(s: number): string {
  const cs = Math.max(0, Math.round(s * 100));
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const sec = Math.floor((cs % 6000) / 100);
  const c = cs % 100;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${h}:${two(m)}:${two(sec)}.${two(c)}`;
}

/** #rrggbb as ASS's &HBBGGRR& */
export function assColor(hex: string): string {
  const [r, g, b] = [hex.slice(1, 3), hex.slice(3, 5), hex.slice(5, 7)];
  return `&H${b}${g}${r}&`.toUpperCase();
}

/**
 * Text as ASS draws it literally: braces would open an override block and a backslash a
 * tag, so they become their full-width forms; a line break ends the text's line.
 */
export function assText(text: string): string {
  return text
    .replace(/\\/g, '＼')
    .replace(/\{/g, '｛')
    .replace(/\}/g, '｝')
    .replace(/[\r\n]+/g, ' ');
}

/** A filled rectangle as an ASS drawing (position and colours come from the line's tags). */
export function rectPath(box: { x: number; y: number; w: number; h: number }): string {
  const [x0, y0, x1, y1] = [box.x, box.y, box.x + box.w, box.y + box.h].map((v) => v.toFixed(1));
  return `m ${x0} ${y0} l ${x1} ${y0} ${x1} ${y1} ${x0} ${y1}`;
}

export type AssStyle = 'Ink' | 'Timer' | 'Question';

/** One Dialogue line from `fromMs` to `toMs` of the export (ms since its start). */
export function dialogue(
  layer: number,
  fromMs: number,
  toMs: number,
  style: AssStyle,
  text: string,
): string {
  return `Dialogue: ${layer},${assTime(fromMs / 1000)},${assTime(toMs / 1000)},${style},,0,0,0,,${text}`;
}

const FORMAT =
  'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding';

export const ASS_HEADER = `[Script Info]
ScriptType: v4.00+
PlayResX: 1280
PlayResY: 720
WrapStyle: 2
ScaledBorderAndShadow: yes

[V4+ Styles]
${FORMAT}
Style: Ink,${CJK_FONT},20,&HFF000000,&HFF000000,&H00000000,&HFF000000,0,0,0,0,100,100,0,0,1,1,0,7,0,0,0,1
Style: Timer,${CJK_FONT},72,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,1,0,0,0,100,100,0,0,1,0,0,5,0,0,0,1
Style: Question,${CJK_FONT},24,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,0,7,0,0,0,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
`;

/** The script of these Dialogue lines; none when there is nothing to draw. */
export function assScript(lines: readonly string[]): string | undefined {
  return lines.length ? ASS_HEADER + lines.join('\n') + '\n' : undefined;
}
