import { posix } from 'node:path';
import type { ParseProblem } from '../model/index.js';
import { problem } from './problems.js';
import { walkXml } from './xml-events.js';
import { ZipEntries, ZipEntryTooLargeError } from './zip-entries.js';
import { checkZipLimits } from './zip-limits.js';

const RELATIONSHIPS_NS = ['http://schemas.openxmlformats.org/package/2006/relationships'];

export interface Relationship {
  id: string;
  type: string; // the relationship type's last path segment: "officeDocument", "worksheet", "styles", …
  target: string; // part path inside the package, no leading slash
  external: boolean;
}

/** The path of `target` as seen from `part` (OPC: relative to the part's folder, or absolute from the root). */
export function resolvePartPath(part: string, target: string): string {
  if (target.startsWith('/')) return posix.normalize(target).replace(/^\/+/, '');
  return posix.normalize(posix.join(posix.dirname(part), target)).replace(/^\/+/, '');
}

function relationshipsPartOf(part: string): string {
  return part === '' ? '_rels/.rels' : posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

/** Relationships of a part (`''` for the package itself), by id. */
export async function readRelationships(zip: ZipEntries, part: string): Promise<Map<string, Relationship>> {
  const relationships = new Map<string, Relationship>();
  const xml = await zip.readText(relationshipsPartOf(part));
  if (xml === null) return relationships;
  walkXml(xml, RELATIONSHIPS_NS, {
    open(name, attributes) {
      if (name !== 'Relationship' || !attributes.Id || !attributes.Target) return;
      const external = attributes.TargetMode === 'External';
      relationships.set(attributes.Id, {
        id: attributes.Id,
        type: (attributes.Type ?? '').split('/').pop() ?? '',
        target: external ? attributes.Target : resolvePartPath(part, attributes.Target),
        external,
      });
    },
  });
  return relationships;
}

/** The main part (word/document.xml, xl/workbook.xml) as the package's relationships name it. */
export async function mainPartPath(zip: ZipEntries, fallback: string): Promise<string> {
  const relationships = await readRelationships(zip, '');
  const main = [...relationships.values()].find((r) => r.type === 'officeDocument' && !r.external);
  return main && zip.has(main.target) ? main.target : fallback;
}

/**
 * Open a .docx/.xlsx for reading after its central directory passed the zip limits; the problem otherwise
 * (`zip-bomb`, or `corrupt-file` naming `format`).
 */
export function openPackage(bytes: Uint8Array, format: string):
  { ok: true; zip: ZipEntries } | { ok: false; problem: ParseProblem } {
  const checked = checkZipLimits(bytes, format);
  if (!checked.ok) return checked;
  return { ok: true, zip: new ZipEntries(bytes, checked.entries) };
}

/** The problem for an error thrown while reading an opened package: a lying directory is a bomb, the rest corrupt. */
export function packageProblem(error: unknown, format: string): ParseProblem {
  if (error instanceof ZipEntryTooLargeError) return problem('zip-bomb', { size: error.limit });
  return problem('corrupt-file', { format });
}
