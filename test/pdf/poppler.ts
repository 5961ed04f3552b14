import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Thin wrappers over poppler's command-line tools: the PDFs are checked by a real PDF reader.
const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

export function pdfinfo(file: string): Record<string, string> {
  return Object.fromEntries(
    run('pdfinfo', [file])
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => {
        const i = l.indexOf(':');
        return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
      }),
  );
}

export function pdffonts(file: string): { name: string; type: string; embedded: boolean; unicode: boolean }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      const [emb, , uni] = cols.slice(-5, -2);
      return { name: cols[0]!, type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', unicode: uni === 'yes' };
    });
}

export function pdftext(file: string, page?: number): string {
  return run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']);
}

/** Bookmark titles, from pdftohtml's XML outline. */
export function outline(file: string): string[] {
  const xml = run('pdftohtml', ['-xml', '-stdout', '-i', '-q', file]);
  return [...xml.matchAll(/<item page="\d+">([^<]*)</g)].map((m) => m[1]!);
}

/**
 * Fraction of dark pixels in each page's body (margins with the running header and footer cut
 * off), from pdftoppm's greyscale rendering.
 */
export function inkPerPage(file: string): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'ets-pgm-'));
  try {
    execFileSync('pdftoppm', ['-r', '20', '-gray', file, join(dir, 'p')]);
    return readdirSync(dir)
      .sort()
      .map((f) => {
        const buf = readFileSync(join(dir, f));
        // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
        const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
        const [w, h] = [Number(header[1]), Number(header[2])];
        const pixels = buf.subarray(header[0].length);
        let dark = 0;
        const top = Math.floor(h * 0.1);
        const bottom = Math.floor(h * 0.9);
        for (let y = top; y < bottom; y++) for (let x = 0; x < w; x++) if (pixels[y * w + x]! < 160) dark++;
        return dark / (w * (bottom - top));
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
