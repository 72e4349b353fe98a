// Reading CSV back in tests: what the API serves must be valid RFC 4180 and add up.

/**
 * A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. A leading
 * byte-order mark is skipped, as spreadsheets do (the API writes one by default).
 */
export function parseCsv(document: string): string[][] {
  const text = document.startsWith('\uFEFF') ? document.slice(1) : document;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] === '"' && field === '') {
      index++;
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field');
        if (text[index] === '"' && text[index + 1] !== '"') break;
        field += text[index];
        index += text[index] === '"' ? 2 : 1;
      }
      index++;
      if (index < text.length && text[index] !== ',' && text[index] !== '\r')
        throw new Error(`junk after quote at ${index}`);
    } else if (text[index] === ',') {
      record.push(field);
      field = '';
      index++;
    } else if (text[index] === '\r') {
      if (text[index + 1] !== '\n') throw new Error(`bare CR at ${index}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 2;
    } else if (text[index] === '\n' || text[index] === '"') {
      throw new Error(`bare ${JSON.stringify(text[index])} at ${index}`);
    } else {
      field += text[index++];
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}
