/** Local time in .NET round-trip form with offset and 7 fractional digits (`2025-12-05T16:21:54.7420000-07:00`). */
export function localTimestamp(date: Date = new Date()): string {
  const p = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}` +
    `.${p(date.getMilliseconds(), 3)}0000${sign}${p(offset / 60)}:${p(offset % 60)}`
  );
}
