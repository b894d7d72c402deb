/**
 * Normalise one line of extracted report text without moving it to another line:
 * LaTeX debris from PDF conversion (`$\leq 100\%$`), full-width digits, mixed brackets, stray spaces
 * between Han characters and numbers/units, half-width punctuation next to Han characters.
 */
const HAN = '\\p{Script=Han}';
const CJK_PUNCT = '，。、；：？！“”‘’（）《》【】…—·％';

const FULLWIDTH_DIGITS = /[０-９]/g;

function replaceLatexDebris(s: string): string {
  return s
    .replace(/\$\s*\\leq?\s*/g, '≤')
    .replace(/\$\s*\\geq?\s*/g, '≥')
    .replace(/\\leq?\b/g, '≤')
    .replace(/\\geq?\b/g, '≥')
    .replace(/\\%/g, '%')
    .replace(/\\times\b/g, '×')
    .replace(/\$/g, '');
}

function toAsciiDigits(s: string): string {
  return s
    .replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/(?<=\d)．(?=\d)/g, '.')
    .replace(/％/g, '%');
}

/** "1,256.30" → "1256.30": thousands separators (groups of exactly three digits) would split one amount into two. */
function joinThousands(s: string): string {
  return s.replace(/(?<![\d.,])(\d{1,3})((?:,\d{3})+)(?![\d]|,\d)/g, (_m, head: string, groups: string) => head + groups.replace(/,/g, ''));
}

function unifyBrackets(s: string): string {
  return s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/［/g, '【').replace(/］/g, '】');
}

const SPACE_RUN = /[ \t\u3000\u00a0]+/g;
const ENDS_HAN_OR_PUNCT = new RegExp(`[${HAN}${CJK_PUNCT}≤≥]$`, 'u');
const STARTS_HAN_OR_PUNCT = new RegExp(`^[${HAN}${CJK_PUNCT}≤≥%]`, 'u');

/**
 * Drop a run of spaces after a Han character or CJK punctuation (or ≤ ≥), or before one (or before %). One pass
 * over the runs: the characters around a run are never spaces, so this equals removing the runs after, then before.
 * Two code units either side so that a Han character outside the BMP (a surrogate pair) is seen whole.
 */
function removeSpacesAroundHan(s: string): string {
  return s.replace(SPACE_RUN, (run: string, at: number) =>
    ENDS_HAN_OR_PUNCT.test(s.slice(Math.max(0, at - 2), at)) || STARTS_HAN_OR_PUNCT.test(s.slice(at + run.length, at + run.length + 2)) ? '' : run);
}

const HALF_PUNCT = new RegExp(`(?<=[${HAN}%）])([,;:?!])|([,;:?!])(?=[${HAN}（])`, 'gu');
const FULL_OF: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };

function widenPunctuation(s: string): string {
  return s.replace(HALF_PUNCT, (m) => FULL_OF[m] ?? m);
}

// Each step runs only when the line has a character it changes (most lines need few of them).
const LATEX_CHARS = /[$\\]/;
const WIDE_DIGIT_CHARS = /[０-９．％]/;
const BRACKET_CHARS = /[()［］]/;
const SPACE_CHARS = /[ \t\u3000\u00a0]/;
const HALF_PUNCT_CHARS = /[,;:?!]/;

export function normalizeLine(raw: string): string {
  let s = raw.replace(/\r$/, '').replace(/\uFEFF/g, '');
  if (LATEX_CHARS.test(s)) s = replaceLatexDebris(s);
  if (WIDE_DIGIT_CHARS.test(s)) s = toAsciiDigits(s);
  if (s.includes(',')) s = joinThousands(s);
  if (BRACKET_CHARS.test(s)) s = unifyBrackets(s);
  if (SPACE_CHARS.test(s)) s = removeSpacesAroundHan(s);
  if (HALF_PUNCT_CHARS.test(s)) s = widenPunctuation(s);
  return s.trim().replace(/[ \t]{2,}/g, ' ');
}
