import { walkXml } from './xml-events.js';
import { WORDPROCESSING_NS } from './docx-tree.js';

interface ParagraphStyle {
  name: string;
  basedOn: string | null;
  outlineLevel: number | null; // 0-based as in the XML; 9 means body text
  numId: string | null; // the list the style numbers its paragraphs with ("0": none)
  ilvl: number | null;
}

/** Heading levels of paragraph styles: by name (heading 1…, 标题 1…) or by the style's outline level, through basedOn. */
export class HeadingStyles {
  constructor(private readonly styles: ReadonlyMap<string, ParagraphStyle>) {}

  static parse(xml: string | null): HeadingStyles {
    const styles = new Map<string, ParagraphStyle>();
    if (xml === null) return new HeadingStyles(styles);
    let current: (ParagraphStyle & { id: string }) | null = null;
    let pPrDepth = 0;
    walkXml(xml, WORDPROCESSING_NS, {
      open(name, attributes) {
        if (name === 'style') {
          current = attributes.type === 'paragraph' || attributes.type === undefined
            ? { id: attributes.styleId ?? '', name: '', basedOn: null, outlineLevel: null, numId: null, ilvl: null }
            : null;
        } else if (current && name === 'name') current.name = attributes.val ?? '';
        else if (current && name === 'basedOn') current.basedOn = attributes.val ?? null;
        else if (current && name === 'pPr') pPrDepth += 1;
        else if (current && pPrDepth > 0 && name === 'outlineLvl') current.outlineLevel = Number(attributes.val ?? 9);
        else if (current && pPrDepth > 0 && name === 'numId') current.numId = attributes.val ?? null;
        else if (current && pPrDepth > 0 && name === 'ilvl') current.ilvl = Number(attributes.val ?? 0);
      },
      close(name) {
        if (name === 'pPr' && pPrDepth > 0) pPrDepth -= 1;
        if (name === 'style' && current) {
          styles.set(current.id, current);
          current = null;
        }
      },
    });
    return new HeadingStyles(styles);
  }

  /** The list a paragraph style numbers with (its own or inherited through basedOn), or null. */
  numberingOf(styleId: string | null): { numId: string; ilvl: number | null } | null {
    let id = styleId;
    for (let hops = 0; id !== null && hops < 10; hops += 1) {
      const style = this.styles.get(id);
      if (style?.numId !== null && style?.numId !== undefined) return style.numId === '0' ? null : { numId: style.numId, ilvl: style.ilvl };
      id = style?.basedOn ?? null;
    }
    return null;
  }

  /** The 1-based heading level of a paragraph style id, or null for a body-text style. */
  levelOf(styleId: string | null): number | null {
    let id = styleId;
    for (let hops = 0; id !== null && hops < 10; hops += 1) {
      const style = this.styles.get(id);
      const byName = headingLevelFromName(style?.name ?? (hops === 0 ? id : ''));
      if (byName !== null) return byName;
      if (style?.outlineLevel !== null && style?.outlineLevel !== undefined) {
        return style.outlineLevel >= 0 && style.outlineLevel < 9 ? style.outlineLevel + 1 : null;
      }
      id = style?.basedOn ?? null;
    }
    return null;
  }
}

/** "heading 2", "Heading2", "标题 2", "標題2" → 2. */
export function headingLevelFromName(name: string): number | null {
  const match = /^\s*(?:heading|标题|標題)\s*([1-9])\s*$/iu.exec(name);
  return match ? Number(match[1]) : null;
}
