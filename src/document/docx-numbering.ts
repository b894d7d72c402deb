import { walkXml } from './xml-events.js';
import { WORDPROCESSING_NS } from './docx-tree.js';

interface Level {
  start: number;
  format: string; // w:numFmt: decimal, chineseCounting, …
  text: string; // w:lvlText: "%1、", "（%2）", "%1.%2"
  suffix: string; // w:suff: tab (default), space, nothing
  legal: boolean; // w:isLgl: every level shown as decimal
  styleId: string | null; // w:pStyle: the paragraph style this level is linked to
}

interface NumberingInstance {
  abstractId: string;
  startOverrides: Map<number, number>;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五. */
export function chineseCounting(n: number): string {
  if (n <= 0 || n >= 10_000) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : CHINESE_DIGITS[d]) + unit;
  });
  return out;
}

function letters(n: number, upper: boolean): string {
  const letter = String.fromCharCode((upper ? 65 : 97) + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = n;
  let out = '';
  for (const [value, symbol] of table) while (rest >= value) {
    out += symbol;
    rest -= value;
  }
  return out;
}

const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const ZODIAC = '子丑寅卯辰巳午未申酉戌亥';

/** A counter in a w:numFmt; null for bullets and "none" (no number text). */
export function formatCounter(n: number, format: string): string | null {
  switch (format) {
    case 'decimal': case 'decimalZero': return format === 'decimalZero' && n < 10 ? `0${n}` : String(n);
    case 'chineseCounting': case 'chineseCountingThousand': case 'chineseLegalSimplified': case 'ideographDigital':
    case 'taiwaneseCounting': case 'taiwaneseCountingThousand': case 'japaneseCounting':
      return chineseCounting(n);
    case 'ideographTraditional': return HEAVENLY_STEMS[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac': return ZODIAC[(n - 1) % 12] ?? String(n);
    case 'upperLetter': return letters(n, true);
    case 'lowerLetter': return letters(n, false);
    case 'upperRoman': return roman(n);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'decimalEnclosedCircle': case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth': return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'bullet': case 'none': return null;
    default: return String(n);
  }
}

/**
 * Word's automatic list numbers (numbering.xml), rendered the way Word shows them ("一、", "（二）", "1.2"), so a
 * heading numbered by its list style reads as it does on screen. Counters run in document order per abstract list.
 */
export class ListNumbering {
  private readonly counters = new Map<string, number[]>();
  private readonly started = new Set<string>();

  constructor(
    private readonly abstracts: ReadonlyMap<string, Map<number, Level>>,
    private readonly instances: ReadonlyMap<string, NumberingInstance>,
  ) {}

  static parse(xml: string | null): ListNumbering {
    const abstracts = new Map<string, Map<number, Level>>();
    const instances = new Map<string, NumberingInstance>();
    if (xml === null) return new ListNumbering(abstracts, instances);
    let abstract: Map<number, Level> | null = null;
    let level: Level | null = null;
    let instance: NumberingInstance | null = null;
    let overrideLevel: number | null = null;
    walkXml(xml, WORDPROCESSING_NS, {
      open(name, attributes) {
        if (name === 'abstractNum') {
          abstract = new Map();
          abstracts.set(attributes.abstractNumId ?? '', abstract);
        } else if (name === 'lvl' && abstract && !instance) {
          level = { start: 1, format: 'decimal', text: '', suffix: 'tab', legal: false, styleId: null };
          abstract.set(Number(attributes.ilvl ?? 0), level);
        } else if (level && name === 'start') level.start = Number(attributes.val ?? 1);
        else if (level && name === 'numFmt') level.format = attributes.val ?? 'decimal';
        else if (level && name === 'lvlText') level.text = attributes.val ?? '';
        else if (level && name === 'suff') level.suffix = attributes.val ?? 'tab';
        else if (level && name === 'pStyle') level.styleId = attributes.val ?? null;
        else if (level && name === 'isLgl') level.legal = attributes.val !== '0' && attributes.val !== 'false';
        else if (name === 'num') {
          instance = { abstractId: '', startOverrides: new Map() };
          instances.set(attributes.numId ?? '', instance);
        } else if (instance && name === 'abstractNumId') instance.abstractId = attributes.val ?? '';
        else if (instance && name === 'lvlOverride') overrideLevel = Number(attributes.ilvl ?? 0);
        else if (instance && overrideLevel !== null && name === 'startOverride') {
          instance.startOverrides.set(overrideLevel, Number(attributes.val ?? 1));
        }
      },
      close(name) {
        if (name === 'abstractNum') abstract = null;
        else if (name === 'lvl') level = null;
        else if (name === 'num') instance = null;
        else if (name === 'lvlOverride') overrideLevel = null;
      },
    });
    return new ListNumbering(abstracts, instances);
  }

  /** The level of list `numId` linked to paragraph style `styleId` (how heading styles get their list level). */
  levelOfStyle(numId: string, styleId: string): number | null {
    const instance = this.instances.get(numId);
    const levels = instance ? this.abstracts.get(instance.abstractId) : undefined;
    for (const [ilvl, level] of levels ?? []) if (level.styleId === styleId) return ilvl;
    return null;
  }

  /** The number text of the next paragraph of list `numId` at level `ilvl` ("一、"), or null (no list, or a bullet). */
  next(numId: string, ilvl: number): string | null {
    const instance = this.instances.get(numId);
    const levels = instance ? this.abstracts.get(instance.abstractId) : undefined;
    const level = levels?.get(ilvl);
    if (!instance || !levels || !level) return null;
    const key = instance.abstractId;
    let counters = this.counters.get(key);
    if (!counters || !this.started.has(numId) && instance.startOverrides.size > 0) {
      counters = [];
      this.counters.set(key, counters);
    }
    this.started.add(numId);
    const startOf = (l: number) => instance.startOverrides.get(l) ?? levels.get(l)?.start ?? 1;
    for (let l = 0; l < ilvl; l += 1) counters[l] ??= startOf(l);
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    counters.length = ilvl + 1; // deeper levels restart
    if (level.format === 'bullet' || level.format === 'none' || level.text === '') return null;
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const format = level.legal ? 'decimal' : levels.get(l)?.format ?? 'decimal';
      return formatCounter(counters![l] ?? startOf(l), format) ?? '';
    });
    const spaced = level.suffix !== 'nothing' && /[0-9A-Za-z.]$/.test(text);
    return spaced ? `${text} ` : text;
  }
}
