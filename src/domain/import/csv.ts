// A CSV reader over decoded text, after RFC 4180 ("Common Format and MIME Type for CSV Files"):
// fields separated by commas, records by CRLF (a bare LF or CR is accepted too, as spreadsheets
// on other systems write them); a field in double quotes may hold commas, line breaks and quotes
// written twice (§2 rules 5–7). A byte order mark at the start is dropped. Every row keeps the
// line number it starts on, so a problem can be reported where the user will look for it.
//
// Spreadsheet exports in China often use a tab or a semicolon instead of the comma; the
// separator is taken from the header line (whichever of comma, tab and semicolon occurs most
// outside quotes) unless one is given.

export interface CsvRow {
  /** Line of the file the row starts on, from 1. */
  lineNumber: number;
  cells: string[];
}

export interface CsvProblem {
  lineNumber: number;
  /** English, says what and where. */
  detail: string;
}

export interface CsvParseResult {
  /** Every non-blank row, the header included, in file order. */
  rows: CsvRow[];
  separator: string;
  problems: CsvProblem[];
}

export const CSV_SEPARATORS = [',', '\t', ';'] as const;

const BYTE_ORDER_MARK = '\uFEFF';

/** The separator of the first line, counted outside quotes; a comma when none occurs. */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>(CSV_SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  let best = ',';
  for (const separator of CSV_SEPARATORS) if ((counts.get(separator) ?? 0) > (counts.get(best) ?? 0)) best = separator;
  return best;
}

/**
 * Reads CSV text into rows of cells. Rows whose cells are all empty are skipped (spreadsheets
 * leave them at the end). Malformed quoting is reported with its line and read as leniently as
 * RFC 4180 allows: a quote inside an unquoted field is kept as a character, and text after a
 * closing quote is appended to the field.
 */
export function parseCsv(input: string, separator: string = detectSeparator(input.startsWith(BYTE_ORDER_MARK) ? input.slice(1) : input)): CsvParseResult {
  const text = input.startsWith(BYTE_ORDER_MARK) ? input.slice(1) : input;
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let rowStartLine = 1;
  let quoted = false;
  let quoteOpenedOnLine = 0;
  let fieldWasQuoted = false;

  const endField = (): void => {
    cells.push(field);
    field = '';
    fieldWasQuoted = false;
  };
  const endRow = (): void => {
    endField();
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ lineNumber: rowStartLine, cells });
    cells = [];
  };

  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (quoted) {
      if (character === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else {
        if (character === '\n' || (character === '\r' && text[index + 1] !== '\n')) line += 1;
        field += character;
      }
      continue;
    }
    if (character === '"') {
      // Spaces before an opening quote are a common slip (`a, "b, c"`); they are dropped.
      if (field.trim() === '' && !fieldWasQuoted) {
        field = '';
        quoted = true;
        fieldWasQuoted = true;
        quoteOpenedOnLine = line;
      } else {
        problems.push({ lineNumber: line, detail: `line ${line}: a double quote inside an unquoted field (write it as "" inside a quoted field); kept as a character` });
        field += character;
      }
      continue;
    }
    // Spaces after a closing quote are dropped too; anything else there is reported.
    if (fieldWasQuoted && (character === ' ' || character === '\t') && character !== separator) continue;
    if (fieldWasQuoted && character !== separator && character !== '\n' && character !== '\r') {
      problems.push({ lineNumber: line, detail: `line ${line}: text after the closing quote of a field; appended to the field` });
      fieldWasQuoted = false;
    }
    if (character === separator) {
      endField();
    } else if (character === '\r' || character === '\n') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
      rowStartLine = line;
    } else {
      field += character;
    }
  }
  if (quoted) {
    problems.push({ lineNumber: quoteOpenedOnLine, detail: `line ${quoteOpenedOnLine}: a quoted field is never closed (the file may be truncated); the rest of the file was read as that one field` });
  }
  if (field !== '' || cells.length > 0 || fieldWasQuoted) endRow();
  return { rows, separator, problems };
}
