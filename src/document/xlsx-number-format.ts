import { Decimal } from 'decimal.js';

/** Built-in number formats that matter for display (ECMA-376 18.8.30). */
const BUILT_IN: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00',
  14: 'yyyy-mm-dd', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'yyyy-mm-dd h:mm', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0',
  // Chinese locales map these ids to date formats (年/月/日)
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

export function formatCodeOf(numFmtId: number, custom: ReadonlyMap<number, string>): string {
  return custom.get(numFmtId) ?? BUILT_IN[numFmtId] ?? 'General';
}

/** The first section of a format code with quoted text, escapes and [colour]/[locale] tags removed. */
function bareSection(code: string): string {
  return (code.split(';')[0] ?? '').replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
}

function decimalsIn(section: string): number {
  const match = /\.([0#?]+)/.exec(section);
  return match ? match[1]!.length : 0;
}

function dateText(serial: Decimal, date1904: boolean, withTime: boolean): string {
  const days = serial.floor().toNumber();
  // Excel's 1900 system counts a fictitious 1900-02-29 (serial 60); serial 1 is 1900-01-01
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 31);
  const offset = !date1904 && days >= 60 ? days - 1 : days;
  const date = new Date(epoch + offset * 86_400_000);
  const day = date.toISOString().slice(0, 10);
  if (!withTime) return day;
  const seconds = serial.minus(serial.floor()).times(86_400).toDecimalPlaces(0).toNumber();
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  return `${day} ${hh}:${mm}`;
}

/** A number without binary-float noise: at most 15 significant digits, no trailing zeros ("0.30000000000000004" → "0.3"). */
export function plainNumber(value: Decimal): string {
  return new Decimal(value.toPrecision(15)).toFixed();
}

/**
 * A stored numeric cell value as a person sees it in the cell: percents as shown (0.5848 with 0.00% → "58.48%"),
 * fixed decimals kept ("4.50"), dates as YYYY-MM-DD; digit grouping is left out so figures stay parseable.
 */
export function displayNumber(raw: string, formatCode: string, date1904: boolean): string {
  let value: Decimal;
  try {
    value = new Decimal(raw.trim());
  } catch {
    return raw.trim();
  }
  const section = bareSection(formatCode);
  if (formatCode === 'General' || section.trim() === '' || /^general$/i.test(section.trim())) return plainNumber(value);
  if (section.includes('%')) return `${value.times(100).toFixed(decimalsIn(section), Decimal.ROUND_HALF_UP)}%`;
  if (/[yd]/i.test(section) || (/m/i.test(section) && !/[0#]/.test(section))) {
    return dateText(value, date1904, /[hs]/i.test(section));
  }
  if (/[hs]/i.test(section) && !/[0#]/.test(section)) return plainNumber(value);
  if (/E[+-]/i.test(section)) return plainNumber(value);
  if (/[0#]/.test(section)) return value.toFixed(decimalsIn(section), Decimal.ROUND_HALF_UP);
  return plainNumber(value);
}
