import { walkXmlChunks } from './xml-events.js';

export const WORDPROCESSING_NS = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];

/** An element of word/document.xml that matters for text and tables; everything else is dropped or see-through. */
export interface WordNode {
  name: string;
  attributes: Record<string, string>;
  children: WordNode[];
  text: string; // the text of a w:t
}

/** Elements kept in the tree. Anything else is see-through: its kept descendants hang on the nearest kept ancestor. */
const KEPT = new Set([
  'body', 'p', 'pPr', 'pStyle', 'outlineLvl', 'numPr', 'ilvl', 'numId', 'r', 't', 'tab', 'ptab', 'br', 'cr', 'noBreakHyphen',
  'tbl', 'tr', 'trPr', 'gridBefore', 'gridAfter', 'tc', 'tcPr', 'gridSpan', 'vMerge', 'hMerge', 'txbxContent',
]);

/**
 * Elements whose whole content is left out: properties and tracked-change history (old text, old properties),
 * content-control properties, field instructions and the fallback copy of alternate content (it repeats the choice).
 */
const SKIPPED = new Set([
  'rPr', 'pPrChange', 'rPrChange', 'tblPrChange', 'trPrChange', 'tcPrChange', 'sectPrChange', 'sdtPr', 'sdtEndPr',
  'del', 'moveFrom', 'delText', 'instrText', 'delInstrText', 'sectPr', 'tabs', 'mc:Fallback', 'tblGrid', 'tblPr',
]);

/** The pruned element tree of a WordprocessingML part (document.xml, a header, a footnote part), parsed as it inflates. */
export async function readWordTree(xml: AsyncIterable<Uint8Array>): Promise<WordNode> {
  const root: WordNode = { name: '#root', attributes: {}, children: [], text: '' };
  const stack: (WordNode | null)[] = []; // null: a see-through element
  let parent = root;
  let skipDepth = 0;
  const nearestKept = () => {
    for (let i = stack.length - 1; i >= 0; i -= 1) if (stack[i]) return stack[i]!;
    return root;
  };
  await walkXmlChunks(xml, WORDPROCESSING_NS, {
    open(name, attributes) {
      if (skipDepth > 0 || SKIPPED.has(name)) {
        skipDepth += 1;
        return;
      }
      if (!KEPT.has(name)) {
        stack.push(null);
        return;
      }
      const node: WordNode = { name, attributes, children: [], text: '' };
      parent.children.push(node);
      stack.push(node);
      parent = node;
    },
    close() {
      if (skipDepth > 0) {
        skipDepth -= 1;
        return;
      }
      stack.pop();
      parent = nearestKept();
    },
    text(text) {
      if (skipDepth === 0 && parent.name === 't') parent.text += text;
    },
  });
  return root;
}
