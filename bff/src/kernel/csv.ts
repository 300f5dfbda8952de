/**
 * CSV per RFC 4180: CRLF line ends, a field is quoted when it holds a comma, quote, CR or LF,
 * and quotes inside are doubled. Cells starting with `=`, `+`, `-`, `@`, tab or CR get a
 * leading `'` so a spreadsheet shows them as text instead of running them as formulas
 * (OWASP "CSV Injection").
 */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record (with its CRLF). */
export const csvRow = (values: unknown[]): string => `${values.map(csvField).join(",")}\r\n`;
