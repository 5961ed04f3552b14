import { deflateSync } from 'node:zlib';

/**
 * Wraps an SFNT font (TrueType/OpenType) as WOFF 1.0, each table compressed with zlib.
 * The JavaScript encoder subset-font would otherwise use took half a second of a cold build;
 * Node's native zlib does the same work in a few milliseconds. Spec: https://www.w3.org/TR/WOFF/
 */
export function sfntToWoff(sfnt: Uint8Array): Buffer {
  const input = Buffer.from(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  if (input.length < 12) throw new Error('not an SFNT font: too short');
  const flavor = input.readUInt32BE(0);
  const numTables = input.readUInt16BE(4);
  if (input.length < 12 + 16 * numTables) throw new Error('not an SFNT font: table directory cut short');
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 12 + 16 * i;
    const tag = input.readUInt32BE(at);
    const checksum = input.readUInt32BE(at + 4);
    const offset = input.readUInt32BE(at + 8);
    const length = input.readUInt32BE(at + 12);
    if (offset + length > input.length) throw new Error('not an SFNT font: a table lies outside the file');
    const data = input.subarray(offset, offset + length);
    const packed = deflateSync(data);
    // A table that does not shrink is stored as it is (compLength = origLength says so).
    return { tag, checksum, length, stored: packed.length < length ? packed : data };
  }).sort((a, b) => a.tag - b.tag);

  const align = (n: number) => (n + 3) & ~3;
  const headerSize = 44 + 20 * numTables;
  let size = headerSize;
  for (const t of tables) size = align(size) + t.stored.length;
  const out = Buffer.alloc(align(size));
  out.writeUInt32BE(0x774f4646, 0); // 'wOFF'
  out.writeUInt32BE(flavor, 4);
  out.writeUInt32BE(out.length, 8);
  out.writeUInt16BE(numTables, 12);
  out.writeUInt32BE(12 + 16 * numTables + tables.reduce((s, t) => s + align(t.length), 0), 16); // totalSfntSize
  out.writeUInt16BE(1, 20); // majorVersion (of the font, informational)
  // minorVersion, metadata and private blocks: all zero.
  let offset = headerSize;
  tables.forEach((t, i) => {
    offset = align(offset);
    const entry = 44 + 20 * i;
    out.writeUInt32BE(t.tag, entry);
    out.writeUInt32BE(offset, entry + 4);
    out.writeUInt32BE(t.stored.length, entry + 8);
    out.writeUInt32BE(t.length, entry + 12);
    out.writeUInt32BE(t.checksum, entry + 16);
    t.stored.copy(out, offset);
    offset += t.stored.length;
  });
  return out;
}
