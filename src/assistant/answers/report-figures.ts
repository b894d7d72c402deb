import type { DocumentLocation, Figure, Report } from '../../model/index.js';
import type { FigureEntry } from '../understand/report-vocabulary.js';
import { placeText } from '../../checks/format/place.js';
import { queryOf } from '../../report/query/report-query.js';

/** Where a figure is, as a person finds it: its cell for a table figure ("自评表!E4", "表 1 第 3 行第 5 列"), else its line. */
export function figurePlace(report: Report, figure: Pick<Figure, 'line' | 'column' | 'table'>): string {
  if (!figure.table) return `第 ${figure.line} 行`;
  return replyPlace(queryOf(report).locate(figure.line, figure.column), figure.line);
}

/** A figure's line quoted as evidence; a table row's cells shown apart. */
export function figureQuote(_report: Pick<Report, 'lineLocations' | 'paragraphs'>, entry: Pick<FigureEntry, 'figure' | 'sentence'>): string {
  if (!entry.figure.table) return lineQuote(entry.figure.line, entry.sentence);
  const cells = entry.sentence.split('\t').map((c) => c.trim()).filter((c) => c !== '').join(' | ');
  return `${replyPlace(undefined, entry.figure.line)}：“${cutText(cells, 90)}”`;
}

/**
 * A place for reply text. A cell ("自评表!G7", "表 1 第 5 行第 7 列") or a paragraph is written as it is; a row or page
 * line is written as the report's "第 N 行", which the reply's last step turns into the file's own terms once (a place
 * written here already in those terms would be turned again).
 */
export function replyPlace(location: DocumentLocation | undefined, line: number): string {
  return inReply(placeText(location, line), line);
}

/** A place already written for a person, made safe for reply text the same way (see replyPlace). */
export function inReply(place: string, line: number): string {
  return /第\s*\d+\s*行(?!第)/u.test(place) ? `第 ${line} 行` : place;
}

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
  return `第 ${line} 行：“${cutText(sentence, max)}”`;
}

/** A text cut to about `max` characters with an ellipsis, never inside a number (a cut "14.6" would be a new figure). */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max;
  while (cut < text.length && /[\d.%％,]/u.test(text[cut] ?? '')) cut += 1;
  return cut < text.length ? `${text.slice(0, cut)}…` : text;
}
