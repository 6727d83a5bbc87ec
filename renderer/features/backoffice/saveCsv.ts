/** Saves the core's CSV through a Blob link (no server round trip; allowed by the CSP). */
export function saveCsv(fileName: string, csv: string): void {
  // The byte-order mark lets spreadsheet apps read the UTF-8 of names with accents.
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
