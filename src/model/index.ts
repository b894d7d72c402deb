export * from './location.js';
export * from './figure.js';
export * from './indicator.js';
export * from './section.js';
export * from './report.js';
export * from './finding.js';
export * from './citation.js';
export * from './rubric.js';
