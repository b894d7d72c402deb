import type { TextPiece } from './pdf-lines.js';
import type { Ruling } from './pdf-rulings.js';

/**
 * Recognised words as the text pieces of a page (page space, points, y upwards), as a PDF's text layer would give
 * them: the words of one recognised line joined while they sit close together, split where a table ruling runs
 * through them; ASCII punctuation between Chinese characters given its full-width form.
 */

/** A recognised word in page pixels (image space, y downwards), with the line it belongs to. */
export interface PageWord {
  line: string;
  /** The line is one line of one table cell: its words are one piece, however far apart. */
  cell: boolean;
  left: number;
  top: number;
  width: number;
  height: number;
  text: string;
}

const LEADING_QUOTES = /^[“”"'‘’《》〈〉]+/u;
const TRAILING_QUOTES = /[“”"'‘’《》〈〉]+$/u;

/**
 * A recognised word that runs over a table ruling (two cells' text read as one word) split where the ruling is, by
 * the share of its width on each side (Chinese characters are of even width); a quote mark at a cut or right after a
 * ruling (the ruling's remains) is dropped, quotes elsewhere kept.
 */
function splitAtRulings(word: TextPiece, verticals: readonly Ruling[]): TextPiece[] {
  const middle = word.y + word.size / 2;
  const across = verticals.filter((v) => v.from <= middle && v.to >= middle);
  const cuts = across.filter((v) => v.at > word.x + 0.2 * word.size && v.at < word.x + word.width - 0.2 * word.size).map((v) => v.at).sort((a, b) => a - b);
  const startsAtRuling = across.some((v) => Math.abs(v.at - word.x) < 0.6 * word.size);
  const chars = [...word.text];
  const parts: TextPiece[] = [];
  let from = 0;
  let left = word.x;
  const ends = [...cuts, word.x + word.width];
  ends.forEach((at, k) => {
    const to = k === ends.length - 1 ? chars.length : Math.round(((at - word.x) / word.width) * chars.length);
    let text = chars.slice(from, to).join('');
    if (k > 0 || startsAtRuling) text = text.replace(LEADING_QUOTES, '');
    if (k < ends.length - 1) text = text.replace(TRAILING_QUOTES, '');
    if (text.trim() !== '') parts.push({ ...word, text: text.trim(), x: left, width: at - left });
    from = to;
    left = at;
  });
  return parts;
}

/** A number that picked up a stray quote mark or stop beside it (4.5“, “3, 5。) is the number alone. */
function bareNumber(text: string): string {
  return /^[“”"'‘’。.,，]*[-+]?\d+(?:\.\d+)?%?[“”"'‘’。,，]*$/u.test(text) ? text.replace(/^[“”"'‘’。.,，]+|[“”"'‘’。,，]+$/gu, '') : text;
}

const WIDE = /[\p{Script=Han}，。、；：！？（）【】“”‘’《》％]/u;
const HAN = '\\p{Script=Han}';
const PUNCTUATION = /[\p{P}]/u;
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

/**
 * Chinese punctuation as Chinese text writes it: an ASCII , ; : ! ? ( ) next to a Chinese character full-width (the
 * recogniser often answers the ASCII form), a straight quote curly (opening, or closing one that is open). A comma
 * between digits (1,234) stays.
 */
export function chinesePunctuation(text: string): string {
  const marks = new RegExp(`\\s*([,;:!?()])\\s*(?=${'[' + HAN + ']'})|(?<=[${HAN}])\\s*([,;:!?()])\\s*`, 'gu');
  const punctuated = text.replace(marks, (_all, before: string | undefined, after: string | undefined) => FULL[(before ?? after)!]!);
  let open = false;
  return [...punctuated].map((ch) => {
    if (ch === '“') open = true;
    else if (ch === '”') open = false;
    else if (ch === '"') {
      open = !open;
      return open ? '“' : '”';
    }
    return ch;
  }).join('');
}

/** Words (page pixels) as text pieces in page space: `scale` points per pixel, the page `pageHeight` points high. */
export function wordPieces(words: readonly PageWord[], pageHeight: number, rulings: readonly Ruling[], scale: number): TextPiece[] {
  const verticals = rulings.filter((r) => !r.horizontal);
  // a ruling between two words, or at the start of the second (its remains read as a quote mark there)
  const ruledBetween = (x0: number, x1: number, y: number, slack: number) => verticals.some((v) => v.at > x0 - slack && v.at < x1 + slack && v.from <= y && v.to >= y);
  const keyed: { key: string; cell: boolean; piece: TextPiece }[] = [];
  for (const w of words) {
    const raw = w.text.replace(/^[|_[\]【】\s]+|[|_[\]【】\s]+$/gu, '').trim();
    if (raw === '') continue;
    const word = { text: raw, x: w.left * scale, y: pageHeight - (w.top + w.height) * scale, width: w.width * scale, size: w.height * scale };
    // quote marks alone right beside a ruling: its remains
    if (/^[“”"'‘’《》〈〉|_]+$/u.test(raw) && ruledBetween(word.x - 0.6 * word.size, word.x + word.width + 0.6 * word.size, word.y + word.size / 2, 0)) continue;
    for (const part of splitAtRulings(word, verticals)) keyed.push({ key: w.line, cell: w.cell, piece: { ...part, text: bareNumber(part.text) } });
  }
  const pieces: (TextPiece & { right: number })[] = [];
  let key = '';
  let current: (TextPiece & { right: number }) | null = null;
  for (const { key: lineKey, cell, piece } of keyed) {
    const size = Math.max(current?.size ?? 0, piece.size);
    // a gap in a line outside tables: wider than a Chinese character (with the space a punctuation mark leaves) splits
    const near = current !== null && piece.x - current.right < (PUNCTUATION.test(current.text.slice(-1)) || PUNCTUATION.test(piece.text[0]!) ? 1.5 : 1) * size;
    if (current && key === lineKey && (cell || near) && !ruledBetween(current.right, piece.x, piece.y + piece.size / 2, 0.3 * piece.size)) {
      const spaced = !(WIDE.test(current.text.slice(-1)) || WIDE.test(piece.text[0]!));
      current.text += spaced ? ` ${piece.text}` : piece.text;
      current.right = piece.x + piece.width;
      current.width = current.right - current.x;
      current.size = Math.max(current.size, piece.size);
      current.y = Math.min(current.y, piece.y);
      continue;
    }
    current = { ...piece, right: piece.x + piece.width };
    key = lineKey;
    pieces.push(current);
  }
  return pieces.map(({ text, x, y, width, size }) => ({ text: bareNumber(chinesePunctuation(text)), x, y, width, size }));
}
