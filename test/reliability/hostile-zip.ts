import { buildZip, deflateStreamed } from '../helpers/document-fixtures.ts';

/**
 * Hostile Office files for the reliability suite, generated chunk by chunk (the expanded content is never held in
 * memory): a .docx whose document.xml expands to `expandedMb` MB, and an .xlsx with `rows` rows. Written as a plain
 * zip (deflate, no zip64) by the fixtures' zip writer, so the sizes in the central directory are the true ones.
 */
export async function bombDocx(expandedMb: number): Promise<Uint8Array> {
  const paragraph = '<w:p><w:r><w:t>预算执行情况说明，数据详见附表。</w:t></w:r></w:p>';
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  const tail = '</w:body></w:document>';
  const target = expandedMb * 1024 * 1024;
  const block = paragraph.repeat(Math.ceil((256 * 1024) / Buffer.byteLength(paragraph)));
  async function* documentXml() {
    yield head;
    for (let written = 0; written < target; written += Buffer.byteLength(block)) yield block;
    yield tail;
  }
  return writeZip([
    ['[Content_Types].xml', text('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')],
    ['_rels/.rels', text('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')],
    ['word/document.xml', documentXml()],
  ]);
}

export async function hugeXlsx(rows: number): Promise<Uint8Array> {
  async function* sheetXml() {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    let chunk = '';
    for (let r = 1; r <= rows; r += 1) {
      chunk += `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>${(r * 7) % 1000}</v></c><c r="C${r}"><v>${r % 97}.5</v></c></row>`;
      if (chunk.length > 256 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}</sheetData></worksheet>`;
  }
  return writeZip([
    ['[Content_Types].xml', text('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')],
    ['_rels/.rels', text('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')],
    ['xl/workbook.xml', text('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="评分表" sheetId="1" r:id="rId1"/></sheets></workbook>')],
    ['xl/_rels/workbook.xml.rels', text('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')],
    ['xl/worksheets/sheet1.xml', sheetXml()],
  ]);
}

async function* text(value: string) {
  yield value;
}

async function writeZip(files: Array<[string, AsyncIterable<string>]>): Promise<Uint8Array> {
  const entries = [];
  for (const [name, content] of files) entries.push({ name, ...(await deflateStreamed(content, 6)) });
  return buildZip(entries);
}
