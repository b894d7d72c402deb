/** A condition on a measured value read from a clause of a 评分标准: "80%(含)-90%", "≥90%", "60%以下", "=0". */
export interface ValueCondition {
  min: number | null;
  max: number | null;
  minInclusive: boolean;
  maxInclusive: boolean;
  percent: boolean; // written with %
}

const N = String.raw`(-?\d+(?:\.\d+)?)(%?)`;
const INCLUDED = String.raw`(\((?:含|包含|包括)(?:本数|\d+(?:\.\d+)?%?)?\))?`;
const EXCLUDED = /\(不含(?:本数|\d+(?:\.\d+)?%?)?\)/u;

function condition(min: number | null, max: number | null, minInclusive: boolean, maxInclusive: boolean, percent: boolean): ValueCondition {
  return { min, max, minInclusive, maxInclusive, percent };
}

/** A range "a-b" with (含) marks; "100-80%(含80%)" (descending) is read the same as "80%(含)-100%". */
function rangeOf(text: string): ValueCondition | null {
  const m = new RegExp(`${N}${INCLUDED}-${N}${INCLUDED}`, 'u').exec(text);
  if (!m) return null;
  let [a, b] = [Number(m[1]), Number(m[4])];
  const percent = m[2] === '%' || m[5] === '%';
  const tail = text.slice(m.index + m[0].length);
  // "(含80%)" names the number it includes; "(含)" includes the number it follows.
  const marks = [m[3], m[6]].map((mark) => mark ?? '');
  const named = marks.map((mark) => /\d/u.exec(mark) ? Number(/-?\d+(?:\.\d+)?/u.exec(mark)![0]) : null);
  let aIn = marks[0] !== '' && (named[0] === null || named[0] === a);
  let bIn = marks[1] !== '' && (named[1] === null || named[1] === b);
  if (named[1] !== null && named[1] === a) [aIn, bIn] = [true, false];
  if (named[0] !== null && named[0] === b) [aIn, bIn] = [false, true];
  if (EXCLUDED.test(tail.slice(0, 8))) bIn = false;
  if (a > b) {
    [a, b] = [b, a];
    [aIn, bIn] = [bIn, aIn];
  }
  if (!aIn && !bIn && marks.every((mark) => mark === '')) aIn = true; // unmarked: lower bound included, upper not
  return condition(a, b, aIn, bIn, percent);
}

const WORDS: [RegExp, 'min' | 'max' | 'eq', boolean][] = [
  [/(?:≥|大于等于|大于或等于|不低于|不少于|不小于|达到|高于或等于)/u, 'min', true],
  [/(?:>|大于|高于|超过|超出)/u, 'min', false],
  [/(?:≤|小于等于|小于或等于|不高于|不超过|不大于|低于或等于)/u, 'max', true],
  [/(?:<|小于|低于|不足|未达到|未满)/u, 'max', false],
  [/(?:=|等于|为)/u, 'eq', true],
];

/** The value condition a clause states, or null when it states none. */
export function conditionOf(clause: string): ValueCondition | null {
  const between = new RegExp(`${N}(≤|<)[^\\d≤<]*?(≤|<)${N}`, 'u').exec(clause);
  if (between) {
    return condition(Number(between[1]), Number(between[5]), between[3] === '≤', between[4] === '≤', between[2] === '%' || between[6] === '%');
  }
  const range = rangeOf(clause);
  if (range) return range;
  const suffix = new RegExp(`${N}${INCLUDED}(以上|以下|以内)`, 'u').exec(clause);
  if (suffix) {
    const value = Number(suffix[1]);
    const percent = suffix[2] === '%';
    const excluded = EXCLUDED.test(clause);
    return suffix[4] === '以上' ? condition(value, null, !excluded, false, percent) : condition(null, value, false, !excluded, percent);
  }
  for (const [words, kind, inclusive] of WORDS) {
    const m = new RegExp(`${words.source}${N}`, 'u').exec(clause);
    if (!m) continue;
    const value = Number(m[1]);
    const percent = m[2] === '%';
    if (kind === 'eq') return condition(value, value, true, true, percent);
    return kind === 'min' ? condition(value, null, inclusive, false, percent) : condition(null, value, false, inclusive, percent);
  }
  const bare = new RegExp(`^[\\u4e00-\\u9fa5"“”]{0,10}${N}(?:的)?$`, 'u').exec(clause); // "100%得4分": exactly 100%
  if (bare) return condition(Number(bare[1]), Number(bare[1]), true, true, bare[2] === '%');
  return null;
}

/** Does the value lie in the condition? */
export function contains(c: Pick<ValueCondition, 'min' | 'max' | 'minInclusive' | 'maxInclusive'>, value: { gte(n: number): boolean; gt(n: number): boolean; lte(n: number): boolean; lt(n: number): boolean }): boolean {
  const aboveMin = c.min === null || (c.minInclusive ? value.gte(c.min) : value.gt(c.min));
  const belowMax = c.max === null || (c.maxInclusive ? value.lte(c.max) : value.lt(c.max));
  return aboveMin && belowMax;
}

/** "80% ≤ x < 90%", "≥ 90%", "= 0" for messages. */
export function conditionText(c: Pick<ValueCondition, 'min' | 'max' | 'minInclusive' | 'maxInclusive'>, unit: string): string {
  if (c.min !== null && c.max !== null && c.min === c.max) return `= ${c.min}${unit}`;
  const low = c.min === null ? '' : `${c.min}${unit} ${c.minInclusive ? '≤' : '<'} `;
  const high = c.max === null ? '' : ` ${c.maxInclusive ? '≤' : '<'} ${c.max}${unit}`;
  if (c.min === null) return `${c.maxInclusive ? '≤' : '<'} ${c.max}${unit}`;
  if (c.max === null) return `${c.minInclusive ? '≥' : '>'} ${c.min}${unit}`;
  return `${low}x${high}`;
}
