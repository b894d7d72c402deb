// Moved to src/document/decode-text.ts; kept so report/ imports keep working.
export * from '../document/decode-text.js';
