/**
 * Splits a BibTeX file into its entries, each with the line it starts on, so that one broken
 * entry is reported by line and the others still import. Braces are counted the way BibTeX does;
 * an entry still open at the end of the file is reported as cut short.
 */

export interface BibtexChunk {
  line: number;
  type: string;
  text: string;
}

export interface BibtexSplit {
  chunks: BibtexChunk[];
  unclosed: { line: number; type: string }[];
}

const START = /@([A-Za-z]+)\s*([{(])/g;
const SKIPPED = new Set(['comment', 'preamble', 'string']);

function lineAt(text: string, index: number, from: { index: number; line: number }): number {
  for (let i = from.index; i < index; i++) if (text.charCodeAt(i) === 10) from.line++;
  from.index = index;
  return from.line;
}

export function splitBibtex(text: string): BibtexSplit {
  const chunks: BibtexChunk[] = [];
  const unclosed: BibtexSplit['unclosed'] = [];
  const cursor = { index: 0, line: 1 };
  START.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = START.exec(text))) {
    const type = match[1]!.toLowerCase();
    const line = lineAt(text, match.index, cursor);
    const close = match[2] === '{' ? '}' : ')';
    let depth = 1;
    let i = START.lastIndex;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (c === '{' || (close === ')' && c === '(')) depth++;
      else if (c === '}' || (close === ')' && c === ')')) depth--;
    }
    if (depth > 0) {
      if (!SKIPPED.has(type)) unclosed.push({ line, type });
      break;
    }
    if (!SKIPPED.has(type)) chunks.push({ line, type, text: text.slice(match.index, i) });
    START.lastIndex = i;
  }
  return { chunks, unclosed };
}
