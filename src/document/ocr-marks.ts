/**
 * What follows a figure no OCR reading could confirm (document/read-scan.ts), so that whoever reads the text — selfeval
 * read, a quoted line, a check finding on that line — knows. Kept apart from the scan reader so that the checks can
 * look for it without loading the reader.
 */
export const UNCONFIRMED = '（OCR 未能确认此数字）';
