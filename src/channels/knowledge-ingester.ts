/**
 * What the chat channels need from the knowledge base to let admins add a document from chat. The serve command
 * adapts the knowledge module's ingest function to this; a server without it tells admins that chat ingest is off.
 */
export type IngestResult = { ok: true; title: string; chunks: number } | { ok: false; message: string };

export interface KnowledgeIngester {
  /** Add one document to `scope`'s shared knowledge. Expected failures (unreadable file) are results. */
  ingest(input: { scope: string; name: string; bytes: Uint8Array; addedBy: string }): Promise<IngestResult>;
}
