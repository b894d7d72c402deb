import type { Section } from '../model/index.js';
import type { Heading } from './heading.js';

/** Build the section tree from headings in document order. `lastLine` is the input's last line. */
export function buildOutline(headings: readonly Heading[], lastLine: number): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  for (const heading of headings) {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) {
      stack.pop()!.endLine = heading.line - 1;
    }
    const parent = stack[stack.length - 1];
    const section: Section = {
      title: heading.title,
      marker: heading.marker,
      level: heading.level,
      path: [...(parent?.path ?? []), heading.title],
      line: heading.line,
      endLine: lastLine,
      children: [],
    };
    (parent ? parent.children : roots).push(section);
    stack.push(section);
  }
  for (const open of stack) open.endLine = Math.max(open.line, lastLine);
  return roots;
}
