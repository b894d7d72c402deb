/** First position in an ascending array whose value is ≥ `value`. */
export function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Items ordered by a line number, found by binary search: the items of a line range in their original order. Built once
 * from an array that does not change afterwards (a report's figures, paragraphs, leaves).
 */
export class LineIndex<T> {
  private readonly order: number[]; // positions into `items`, by line, then by position
  private readonly lines: number[];

  constructor(private readonly items: readonly T[], lineOf: (item: T) => number) {
    this.order = items.map((_, i) => i).sort((a, b) => lineOf(items[a]!) - lineOf(items[b]!) || a - b);
    this.lines = this.order.map((i) => lineOf(items[i]!));
  }

  /** Items whose line is in first..last, in the original array's order. */
  between(first: number, last: number): T[] {
    const positions: number[] = [];
    for (let i = lowerBound(this.lines, first); i < this.order.length && this.lines[i]! <= last; i++) positions.push(this.order[i]!);
    positions.sort((a, b) => a - b);
    return positions.map((i) => this.items[i]!);
  }

  /** The item with the greatest line ≤ `line` (the last in original order among equals), or undefined. */
  atOrBefore(line: number): T | undefined {
    const i = lowerBound(this.lines, line + 1) - 1;
    return i < 0 ? undefined : this.items[this.order[i]!];
  }
}
