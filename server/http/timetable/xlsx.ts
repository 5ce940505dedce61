// XLSX in and out with exceljs: the first sheet's rows as cells, and blocks as sheets.
import ExcelJS from 'exceljs';
import type { CsvRow } from '../../timetable/csv';
import type { GridBlock } from '../../timetable/weekGrid';

export async function readXlsxRows(data: Buffer): Promise<CsvRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: CsvRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text ?? '');
    if (cells.some((c) => c.trim() !== '')) rows.push({ line, cells });
  });
  return rows;
}

export async function writeXlsx(
  sheets: readonly { name: string; rows: readonly (readonly string[])[] }[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const { name, rows } of sheets) {
    // Sheet names: at most 31 characters, none of []:*?/\, unique.
    let title = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
    for (let n = 2; used.has(title); n++) title = `${title.slice(0, 26)}(${n})`;
    used.add(title);
    const sheet = workbook.addWorksheet(title);
    for (const r of rows) sheet.addRow([...r]);
    sheet.columns.forEach((c, i) => {
      c.width = i === 0 ? 18 : 28;
      c.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const blocksToSheets = (blocks: readonly GridBlock[]) =>
  blocks.map((b) => ({ name: b.title, rows: b.rows }));
