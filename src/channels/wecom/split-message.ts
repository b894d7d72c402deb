/**
 * Split text into pieces of at most `maxBytes` UTF-8 bytes (WeCom limits: text 2048, markdown 4096), at line breaks
 * where possible and never inside a character.
 */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let currentBytes = 0;
  const flush = () => {
    if (current.trim() !== '') pieces.push(current.replace(/\n+$/, ''));
    current = '';
    currentBytes = 0;
  };
  for (const line of text.split('\n')) {
    const withBreak = current === '' ? line : `\n${line}`;
    const bytes = Buffer.byteLength(withBreak);
    if (currentBytes + bytes <= maxBytes) {
      current += withBreak;
      currentBytes += bytes;
      continue;
    }
    flush();
    if (Buffer.byteLength(line) <= maxBytes) {
      current = line;
      currentBytes = Buffer.byteLength(line);
      continue;
    }
    for (const char of line) {
      const charBytes = Buffer.byteLength(char);
      if (currentBytes + charBytes > maxBytes) flush();
      current += char;
      currentBytes += charBytes;
    }
  }
  flush();
  return pieces;
}
