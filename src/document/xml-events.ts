import { SaxesParser } from 'saxes';

export interface XmlHandlers {
  /** `name` is the local name for elements of the main namespace, the qualified name (`a:t`) for any other. */
  open?(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Thrown by a handler to stop reading early (a cap was reached); walkXml lets it through unchanged. */
export class StopReading extends Error {
  readonly code = 'stop-reading';
}

function localAttributes(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(attributes)) out[name.slice(name.indexOf(':') + 1)] = value;
  return out;
}

/**
 * One SAX pass over an OOXML part. The prefix bound to one of `namespaces` on the root element (OOXML declares them
 * there) is the main one: its elements reach the handlers by local name. No DTD entities are expanded.
 */
function xmlWalker(namespaces: readonly string[], handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let mainPrefix: string | null = null;
  const nameOf = (qualified: string): string => {
    const colon = qualified.indexOf(':');
    const prefix = colon < 0 ? '' : qualified.slice(0, colon);
    return prefix === mainPrefix ? qualified.slice(colon + 1) : qualified;
  };
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (mainPrefix === null) {
      const declared = Object.entries(attributes).find(([name, uri]) => (name === 'xmlns' || name.startsWith('xmlns:')) && namespaces.includes(uri));
      const colon = tag.name.indexOf(':');
      mainPrefix = declared ? declared[0].slice(6) : colon < 0 ? '' : tag.name.slice(0, colon);
    }
    handlers.open?.(nameOf(tag.name), localAttributes(attributes), tag.isSelfClosing);
  });
  // saxes sends closetag for self-closing elements too
  parser.on('closetag', (tag) => handlers.close?.(nameOf(tag.name)));
  if (handlers.text) {
    const text = handlers.text.bind(handlers);
    parser.on('text', text);
    parser.on('cdata', text);
  }
  return parser;
}

export function walkXml(xml: string, namespaces: readonly string[], handlers: XmlHandlers): void {
  xmlWalker(namespaces, handlers).write(xml).close();
}

/**
 * The same pass over a part that arrives in chunks of UTF-8 (an entry being inflated): decoded and parsed piece by
 * piece, so a handler that throws StopReading ends it without the rest ever being inflated or decoded.
 */
export async function walkXmlChunks(chunks: AsyncIterable<Uint8Array>, namespaces: readonly string[], handlers: XmlHandlers): Promise<void> {
  const parser = xmlWalker(namespaces, handlers);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) parser.write(decoder.decode(chunk, { stream: true }));
  parser.write(decoder.decode()).close();
}
