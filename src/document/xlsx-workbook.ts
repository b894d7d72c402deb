import { readRelationships, mainPartPath } from './ooxml-package.js';
import { walkXml } from './xml-events.js';
import { SPREADSHEET_NS, type WorkbookParts } from './xlsx-sheet.js';
import type { ZipEntries } from './zip-entries.js';

export interface SheetEntry {
  name: string;
  part: string;
}

export interface Workbook {
  sheets: SheetEntry[]; // worksheets in workbook order (chart and dialog sheets left out)
  parts: WorkbookParts;
}

function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  walkXml(xml, SPREADSHEET_NS, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inText = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(current ?? '');
        current = null;
      } else if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text(text) {
      if (current !== null && inText && !inPhonetic) current += text;
    },
  });
  return strings;
}

function readStyles(xml: string): Pick<WorkbookParts, 'cellFormats' | 'numberFormats'> {
  const numberFormats = new Map<number, string>();
  const cellFormats: number[] = [];
  let inCellXfs = false;
  walkXml(xml, SPREADSHEET_NS, {
    open(name, attributes) {
      if (name === 'numFmt' && attributes.numFmtId && attributes.formatCode !== undefined) {
        numberFormats.set(Number(attributes.numFmtId), attributes.formatCode);
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (inCellXfs && name === 'xf') cellFormats.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return { numberFormats, cellFormats };
}

/** The workbook's sheets (names, parts) and the shared strings and number formats their cells use. */
export async function readWorkbook(zip: ZipEntries): Promise<Workbook> {
  const workbookPart = await mainPartPath(zip, 'xl/workbook.xml');
  const xml = await zip.readText(workbookPart);
  if (xml === null) throw new Error('the package has no workbook part');
  const relationships = await readRelationships(zip, workbookPart);
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  walkXml(xml, SPREADSHEET_NS, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name !== 'sheet' || !attributes.id) return;
      const relationship = relationships.get(attributes.id);
      if (relationship?.type === 'worksheet' && !relationship.external) sheets.push({ name: attributes.name ?? '', part: relationship.target });
    },
  });
  const byType = (type: string) => [...relationships.values()].find((r) => r.type === type && !r.external)?.target;
  const sharedStringsPart = byType('sharedStrings');
  const stylesPart = byType('styles');
  const sharedXml = sharedStringsPart ? await zip.readText(sharedStringsPart) : null;
  const stylesXml = stylesPart ? await zip.readText(stylesPart) : null;
  return {
    sheets,
    parts: {
      sharedStrings: sharedXml ? readSharedStrings(sharedXml) : [],
      ...(stylesXml ? readStyles(stylesXml) : { cellFormats: [], numberFormats: new Map<number, string>() }),
      date1904,
    },
  };
}
