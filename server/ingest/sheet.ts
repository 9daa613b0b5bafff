/**
 * Read an uploaded ledger file into a grid of cells: `.xlsx` through exceljs (dates in the 1900 and
 * 1904 systems, merged cells repeated from their top-left cell, percent-formatted numbers as "85%"),
 * `.csv` with its encoding detected (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030). The content
 * decides the format, not the extension; a mismatch, an `.xls`, a non-workbook zip, a zip bomb or a
 * binary file is refused with a sentence in Chinese (`SheetError`).
 */
import zlib from 'node:zlib';
import chardet from 'chardet';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import type { Cell } from './normalize.ts';
import { parseCsv } from './csv.ts';

export interface Sheet {
  /** Rows of cells, row 0 = the file's first row (Excel row 1). Trailing empty cells may be absent. */
  rows: Cell[][];
  format: 'xlsx' | 'csv';
  /** Excel's 1904 date system (Mac files): serials count from 1904-01-01. */
  date1904: boolean;
  /** CSV: the detected encoding. */
  encoding?: string;
  /** xlsx: the name of the sheet read (the first visible one). */
  sheetName?: string;
}

export class SheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetError';
  }
}

export interface SheetLimits {
  /** Largest total uncompressed size of an .xlsx (bytes). */
  maxUncompressedBytes: number;
  /** Largest compression ratio of one zip entry bigger than 1 MB. */
  maxRatio: number;
  maxRows: number;
}
export const defaultSheetLimits: SheetLimits = { maxUncompressedBytes: 300 * 1024 * 1024, maxRatio: 200, maxRows: 200_000 };

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What the bytes are, whatever the file is called. */
export function sniff(bytes: Uint8Array): 'zip' | 'ole' | 'pdf' | 'image' | 'binary' | 'text' | 'empty' {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46]))
    return 'image';
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'text';
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) if (b === 0 || (b < 8 && b !== 0)) control++;
  return control > 0 ? 'binary' : 'text';
}

const kindNames = {
  zip: '压缩包',
  ole: '旧版 Excel（.xls）或 Word 文件',
  pdf: 'PDF 文件',
  image: '图片',
  binary: '二进制文件',
  text: '文本',
  empty: '空文件',
};

/** Read a file; `fileName` only decides what the user meant, the bytes decide what it is. */
export async function readSheet(bytes: Uint8Array, fileName: string, limits: SheetLimits = defaultSheetLimits): Promise<Sheet> {
  const ext = (fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '') as string;
  const kind = sniff(bytes);
  if (kind === 'empty') throw new SheetError('文件是空的（0 字节）。');
  if (ext === 'xls' || kind === 'ole') throw new SheetError('这是旧版 Excel（.xls）格式，无法读取：请在 Excel 中“另存为” .xlsx 后再导入。');
  if (ext === 'xlsx') {
    if (kind !== 'zip') throw new SheetError(`文件扩展名是 .xlsx，但内容是${kindNames[kind]}，不是 Excel 工作簿。请确认选择了正确的文件。`);
    return readXlsx(bytes, limits);
  }
  if (ext === 'csv' || ext === 'txt') {
    if (kind !== 'text')
      throw new SheetError(`文件扩展名是 .${ext}，但内容是${kindNames[kind]}，不是 CSV 文本。若是 Excel 文件，请改用 .xlsx 扩展名。`);
    return readCsv(bytes, limits);
  }
  throw new SheetError(`不支持的文件类型“.${ext || '（无扩展名）'}”：请上传 .xlsx 或 .csv 文件。`);
}

/**
 * Check a zip before anything inflates it: declared sizes and ratios, then each entry inflated with a
 * hard output cap, so a zip bomb whose headers lie is stopped at the cap too.
 */
async function guardZip(bytes: Uint8Array, limits: SheetLimits): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    throw new SheetError('文件扩展名是 .xlsx，但内容不是有效的 Excel 工作簿（压缩包已损坏）。');
  }
  if (!zip.file('xl/workbook.xml'))
    throw new SheetError('文件扩展名是 .xlsx，但压缩包里没有 Excel 工作簿（可能是 Word 或其他文件改了扩展名）。');
  let total = 0;
  const bomb = () =>
    new SheetError(
      `文件解压后过大（超过 ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB）或压缩比异常，疑似“压缩炸弹”，已拒绝。`,
    );
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const data = (
      entry as unknown as {
        _data: { compressedSize: number; uncompressedSize: number; compression: { magic: string }; compressedContent: Uint8Array };
      }
    )._data;
    if (!data) continue;
    total += data.uncompressedSize;
    if (total > limits.maxUncompressedBytes) throw bomb();
    if (data.uncompressedSize > 1024 * 1024 && data.uncompressedSize / Math.max(1, data.compressedSize) > limits.maxRatio) throw bomb();
    if (data.compression?.magic === '\x08\x00') {
      try {
        const out = zlib.inflateRawSync(data.compressedContent, { maxOutputLength: Math.max(1, data.uncompressedSize) + 1 });
        if (out.length > data.uncompressedSize) throw bomb();
      } catch (err) {
        if (err instanceof SheetError) throw err;
        throw (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
          ? bomb()
          : new SheetError('Excel 工作簿已损坏（压缩数据无法读取）。');
      }
    }
  }
}

function xlsxCell(cell: ExcelJS.Cell): Cell {
  let v = cell.value as unknown;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ('result' in o) v = o.result;
    else if ('richText' in o) v = (o.richText as { text: string }[]).map((r) => r.text).join('');
    else if ('text' in o) v = o.text;
    else if ('error' in o) v = null;
    else v = null;
    if (v && typeof v === 'object' && !(v instanceof Date)) v = null;
  }
  if (v === undefined) return null;
  if (typeof v === 'number' && /%/.test(cell.numFmt ?? '') && !/"[^"]*%[^"]*"/.test(cell.numFmt ?? '')) return `${+(v * 100).toFixed(6)}%`;
  if (v instanceof Date) {
    // exceljs builds dates from serials as UTC; a time of day is dropped (dates only here).
    return new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate()));
  }
  return v as Cell;
}

async function readXlsx(bytes: Uint8Array, limits: SheetLimits): Promise<Sheet> {
  await guardZip(bytes, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw new SheetError('Excel 工作簿无法读取（文件已损坏或不是 Excel 保存的 .xlsx）。');
  }
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden' && w.rowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw new SheetError('Excel 工作簿中没有工作表。');
  if (ws.rowCount > limits.maxRows + 50)
    throw new SheetError(`工作表有 ${ws.rowCount} 行，超过一次导入的上限 ${limits.maxRows} 行：请分批导入。`);
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = xlsxCell(cell);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  return { rows, format: 'xlsx', date1904, sheetName: ws.name };
}

/** Decode CSV bytes: a BOM decides; else valid UTF-8 is UTF-8; else the detector, GB18030 for the GB family. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8 (BOM)' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'UTF-16LE (BOM)' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'UTF-16BE (BOM)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // not UTF-8
  }
  const detected = chardet.detect(buf.subarray(0, 64 * 1024)) ?? '';
  if (/^(GB|Big5|EUC|Shift|ISO-2022)/i.test(detected) || !iconv.encodingExists(detected)) {
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'GB18030 (GBK)' };
  }
  return { text: iconv.decode(buf, detected), encoding: detected };
}

function readCsv(bytes: Uint8Array, limits: SheetLimits): Sheet {
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\ufffd') && /\ufffd.*\ufffd/s.test(text.slice(0, 4096))) {
    throw new SheetError(`CSV 文件的编码无法识别（按 ${encoding} 读取出现乱码）：请用 UTF-8 或 GBK 保存。`);
  }
  const rows = parseCsv(text);
  if (rows.length > limits.maxRows + 50)
    throw new SheetError(`文件有 ${rows.length} 行，超过一次导入的上限 ${limits.maxRows} 行：请分批导入。`);
  return { rows, format: 'csv', date1904: false, encoding };
}
