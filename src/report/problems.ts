// Moved to src/document/problems.ts (readers report these problems too); kept so report/ imports keep working.
export * from '../document/problems.js';
