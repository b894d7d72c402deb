import type { Cell, Worksheet } from 'exceljs';
import { dec } from '../../model/decimal.js';

/** A problem in a filled workbook, in Chinese, with the cell a person should look at ("收支!B9"). */
export interface WorkbookProblem {
  cell: string | null;
  message: string;
}

const DECIMAL = /^-?\d+(\.\d+)?$/u;
const UNIT_SUFFIX = /\s*(万元|元|分|名|人|个|%)$/u;

/** Reads typed values out of one sheet and collects the problems it meets, each named by sheet!cell. */
export class SheetReader {
  readonly problems: WorkbookProblem[] = [];

  constructor(readonly sheet: Worksheet) {}

  where(address: string): string {
    return `${this.sheet.name}!${address}`;
  }

  private cell(address: string): Cell {
    return this.sheet.getCell(address);
  }

  /** True when the cell holds a formula (a derived value the reader recomputes from the parts). */
  isFormula(address: string): boolean {
    const value = this.cell(address).value;
    return value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value);
  }

  /** Trimmed text of the cell; "" when empty. Formula cells give their cached result. */
  text(address: string): string {
    const value = this.cell(address).value;
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'object') {
      if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
      if ('text' in value && typeof value.text === 'string') return value.text.trim();
      if ('result' in value) return value.result === undefined || value.result === null ? '' : String(value.result).trim();
      if ('error' in value) return '';
      return '';
    }
    return String(value).trim();
  }

  /** A decimal, or null when empty; a problem ("收支!C7 应为数字") when the cell holds something else. */
  decimal(address: string, label?: string): string | null {
    const value = this.cell(address).value;
    if (value === null || value === undefined || value === '') return null;
    if (typeof value === 'number') return Number.isFinite(value) ? dec(String(value)).toFixed() : this.bad(address, label);
    if (typeof value === 'object' && 'error' in value) {
      this.problems.push({ cell: this.where(address), message: `${this.where(address)} 公式出错（${String(value.error)}）` });
      return null;
    }
    if (typeof value === 'object' && 'result' in value) {
      const result = value.result;
      return typeof result === 'number' && Number.isFinite(result) ? dec(String(result)).toFixed() : null;
    }
    const text = this.text(address).replace(/[,，\s]/gu, '').replace(UNIT_SUFFIX, '');
    if (text === '') return null;
    if (DECIMAL.test(text)) return dec(text).toFixed();
    return this.bad(address, label);
  }

  private bad(address: string, label?: string): null {
    this.problems.push({ cell: this.where(address), message: `${this.where(address)} 应为数字${label ? `（${label}）` : ''}` });
    return null;
  }

  /** Note an empty required cell (collected separately so that they can be listed together). */
  required(address: string, label: string, missing: WorkbookProblem[]): void {
    if (this.text(address) === '') missing.push({ cell: this.where(address), message: `${this.where(address)}（${label}）` });
  }
}
