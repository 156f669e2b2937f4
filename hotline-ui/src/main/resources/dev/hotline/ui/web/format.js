// Number and time formatting.

export function ms(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value >= 10000) return (value / 1000).toFixed(1) + ' s';
  if (value >= 100) return value.toFixed(0) + ' ms';
  if (value >= 10) return value.toFixed(1) + ' ms';
  return value.toFixed(2) + ' ms';
}

export function ns(value) {
  if (value === null || value === undefined || value < 0) return '–';
  if (value < 1000) return value + ' ns';
  if (value < 1e6) return (value / 1000).toFixed(value < 1e4 ? 2 : 1) + ' µs';
  return ms(value / 1e6);
}

export function pct(part, whole) {
  if (!whole) return '–';
  const p = (100 * part) / whole;
  return (p >= 10 ? p.toFixed(0) : p.toFixed(1)) + ' %';
}

export function count(n) {
  return n === null || n === undefined || n < 0 ? '–' : Number(n).toLocaleString('en-US');
}

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const pad = (x, n = 2) => String(x).padStart(n, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
