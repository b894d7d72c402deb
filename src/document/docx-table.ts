import type { WordNode } from './docx-tree.js';

export interface GridCell {
  text: string;
  merged: boolean;
}

function child(node: WordNode | undefined, name: string): WordNode | undefined {
  return node?.children.find((c) => c.name === name);
}

function intAttribute(node: WordNode | undefined, fallback: number): number {
  const value = Number(node?.attributes.val);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** "restart", "continue" or null (not vertically merged); `<w:vMerge/>` without a value continues. */
function mergeState(node: WordNode | undefined): 'restart' | 'continue' | null {
  if (!node) return null;
  return node.attributes.val === 'restart' ? 'restart' : 'continue';
}

/** Highest grid column a table may have: a forged gridSpan must not allocate millions of cells. */
const MAX_GRID_COLUMNS = 256;

/**
 * The grid of a w:tbl with gridSpan, gridBefore/gridAfter and vMerge/hMerge resolved: a cell covered by a merge
 * repeats its master's text with `merged: true`, and every row has the same number of cells.
 */
export function tableGrid(table: WordNode, cellText: (cell: WordNode) => string): GridCell[][] {
  const grid: GridCell[][] = [];
  for (const row of table.children.filter((c) => c.name === 'tr')) {
    const properties = child(row, 'trPr');
    const cells: GridCell[] = [];
    for (let i = 0; i < Math.min(intAttribute(child(properties, 'gridBefore'), 0), MAX_GRID_COLUMNS); i += 1) {
      cells.push({ text: '', merged: false });
    }
    const above = grid[grid.length - 1];
    for (const cell of row.children.filter((c) => c.name === 'tc')) {
      const cellProperties = child(cell, 'tcPr');
      const span = Math.min(intAttribute(child(cellProperties, 'gridSpan'), 1), MAX_GRID_COLUMNS);
      const vertical = mergeState(child(cellProperties, 'vMerge'));
      const horizontal = mergeState(child(cellProperties, 'hMerge'));
      for (let k = 0; k < span && cells.length < MAX_GRID_COLUMNS; k += 1) {
        const column = cells.length;
        if (vertical === 'continue' && above?.[column]) {
          cells.push({ text: above[column]!.text, merged: true });
        } else if (horizontal === 'continue' && k === 0 && column > 0) {
          cells.push({ text: cells[column - 1]!.text, merged: true });
        } else if (k > 0) {
          cells.push({ text: cells[column - 1]!.text, merged: true });
        } else {
          cells.push({ text: cellText(cell), merged: false });
        }
      }
    }
    grid.push(cells);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (const cells of grid) while (cells.length < width) cells.push({ text: '', merged: false });
  return grid;
}
