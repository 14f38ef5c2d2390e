import { deflateRawSync } from "node:zlib";

export type TestZipEntry = { name: string; data: Uint8Array | string; declaredSize?: number; store?: boolean };

/** Builds a ZIP for tests, optionally lying about an entry's uncompressed size the way a bomb does. */
export function buildZip(entries: TestZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === "string" ? encoder.encode(entry.data) : entry.data;
    const data = entry.store ? Buffer.from(raw) : deflateRawSync(raw);
    const name = Buffer.from(entry.name, "utf8");
    const size = entry.declaredSize ?? raw.length;
    const method = entry.store ? 0 : 8;
    locals.push(
      record(30, [
        [0, 4, 0x04034b50],
        [4, 2, 20],
        [8, 2, method],
        [18, 4, data.length],
        [22, 4, size],
        [26, 2, name.length],
      ]),
      name,
      data,
    );
    centrals.push(
      record(46, [
        [0, 4, 0x02014b50],
        [4, 2, 20],
        [6, 2, 20],
        [10, 2, method],
        [20, 4, data.length],
        [24, 4, size],
        [28, 2, name.length],
        [42, 4, offset],
      ]),
      name,
    );
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = record(22, [
    [0, 4, 0x06054b50],
    [8, 2, entries.length],
    [10, 2, entries.length],
    [12, 4, directory.length],
    [16, 4, offset],
  ]);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A ZIP header as its format's tables give it: each field at its offset, two or four bytes wide, little-endian. */
function record(length: number, fields: [offset: number, width: 2 | 4, value: number][]): Buffer {
  const header = Buffer.alloc(length);
  for (const [offset, width, value] of fields) {
    if (width === 2) header.writeUInt16LE(value, offset);
    else header.writeUInt32LE(value, offset);
  }
  return header;
}

/** The three entries that make a ZIP read as XLSX; `sheet` replaces the worksheet. */
export function xlsxLikeEntries(sheet: Partial<TestZipEntry> = {}): TestZipEntry[] {
  return [
    {
      name: "[Content_Types].xml",
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    { name: "xl/workbook.xml", data: "<workbook/>" },
    { name: "xl/worksheets/sheet1.xml", data: "<worksheet/>", ...sheet },
  ];
}
