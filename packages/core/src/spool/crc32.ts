// CRC-32 (IEEE, as zlib and gzip compute it) of spool records. node:zlib has
// crc32 from Node 20.15 / 22.2; older Node 20 releases use the table below,
// which gives the same value.
import zlib from "node:zlib";

type Crc32 = (data: Uint8Array | string) => number;

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table !== undefined) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** The table implementation; exported for the test that checks it against zlib's. */
export function crc32Table(data: Uint8Array | string): number {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const t = crcTable();
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (t[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const native = (zlib as { crc32?: Crc32 }).crc32;

/** CRC-32 of `data` (a string is read as UTF-8), an unsigned 32-bit number. */
export const crc32: Crc32 = typeof native === "function" ? (data) => native(data) >>> 0 : crc32Table;
