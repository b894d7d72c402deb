import type { Figure } from '../../model/index.js';
import type { FigureEntry } from '../understand/report-vocabulary.js';

/** "3.55 万元", "58.48%" */
export function valueText(figure: Pick<Figure, 'value' | 'unit'>): string {
  return figure.unit === '' ? figure.value : figure.unit === '%' ? `${figure.value}%` : `${figure.value} ${figure.unit}`;
}

/** What the figure is beside its clause's topic: "预算数" for 三公经费预算数, else the whole topic. */
export function aspectLabel(entry: FigureEntry): string {
  const rest = entry.topic.startsWith(entry.key) ? entry.topic.slice(entry.key.length) : '';
  return rest || entry.topic;
}

/** A report line quoted as evidence: "第 175 行：“…”" (the sentence, cut to a readable length). */
export function lineQuote(line: number, sentence: string, max = 90): string {
  let cut = Math.min(sentence.length, max);
  while (cut < sentence.length && cut > 0 && /[\d.%％]/u.test(sentence[cut] ?? '') ) cut += 1; // never cut inside a number
  const text = cut < sentence.length ? `${sentence.slice(0, cut)}…` : sentence;
  return `第 ${line} 行：“${text}”`;
}
