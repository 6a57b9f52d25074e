// Times and numbers as Vietnamese readers expect them. The server speaks UTC; people work in
// Vietnam time (UTC+7 all year, no daylight saving), whatever the browser's own time zone.

const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = n => String(n).padStart(2, '0');

function vnParts(iso) {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return null;
    const d = new Date(t + VN_OFFSET_MS);
    return {y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
        h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds()};
}

// "2022-12-31T16:59:59Z" -> "23:59 31/12/2022" ('' for null).
export function formatDateTime(iso) {
    const p = iso ? vnParts(iso) : null;
    if (!p) return '';
    return `${pad(p.h)}:${pad(p.mi)} ${pad(p.d)}/${pad(p.mo)}/${p.y}`;
}

// "2022-12-31T16:59:59Z" -> "31/12/2022".
export function formatDate(iso) {
    const p = iso ? vnParts(iso) : null;
    return p ? `${pad(p.d)}/${pad(p.mo)}/${p.y}` : '';
}

// UTC ISO -> the value of a datetime-local input in Vietnam time: "2022-12-31T23:59:59".
export function toLocalInput(iso) {
    const p = iso ? vnParts(iso) : null;
    if (!p) return '';
    return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

// A datetime-local value in Vietnam time -> UTC ISO "2022-12-31T16:59:59Z"; null when blank or
// malformed.
export function fromLocalInput(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value || '');
    if (!m) return null;
    const [, y, mo, d, h, mi, s] = m.map(Number);
    const t = Date.UTC(y, mo - 1, d, h, mi, s || 0) - VN_OFFSET_MS;
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Whole days from now until iso (negative when past), counted in Vietnam calendar days.
export function daysUntil(iso, now = new Date()) {
    const day = t => Math.floor((t + VN_OFFSET_MS) / 86400000);
    return day(Date.parse(iso)) - day(now.getTime());
}

// "còn 5 ngày", "hôm nay", "quá hạn 3 ngày".
export function relativeDays(iso, now = new Date()) {
    const n = daysUntil(iso, now);
    if (n === 0) return 'hôm nay';
    if (n === 1) return 'ngày mai';
    return n > 0 ? `còn ${n} ngày` : `đã qua ${-n} ngày`;
}

// 11.5 -> "11,5"; 100 -> "100".
export function formatPoints(n) {
    if (n === null || n === undefined) return '';
    return Number(n).toLocaleString('vi-VN', {maximumFractionDigits: 2});
}

// Fixed decimals with a decimal comma, as Vietnamese documents print results:
// 94.29 -> "94,29", 66.8 -> "66,80", 82.3 with digits 1 -> "82,3" ('' for null).
export function formatFixed(n, digits = 2) {
    if (n === null || n === undefined || n === '') return '';
    const x = Number(n);
    if (Number.isNaN(x)) return String(n);
    return (Object.is(x, -0) ? 0 : x).toFixed(digits).replace('.', ',');
}

// A number the server sent as text with a decimal point ("94.29") -> "94,29".
export function decimalComma(text) {
    return text === null || text === undefined ? '' : String(text).replace('.', ',');
}

// A change with its sign: 3.76 -> "+3,76", -1.2 -> "−1,20", 0 -> "0,00".
export function formatChange(n, digits = 2) {
    if (n === null || n === undefined) return '';
    const x = Number(n);
    const text = formatFixed(Math.abs(x), digits);
    return x > 0 ? `+${text}` : x < 0 ? `−${text}` : text;
}

// What a person typed as a number, with a decimal comma or point: "84,5" -> 84.5, "" -> null,
// anything else -> NaN.
export function parseDecimal(text) {
    const t = String(text ?? '').trim();
    if (t === '') return null;
    return /^-?\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : NaN;
}

// Lower case without diacritics, for search boxes: "Phúc Khánh" -> "phuc khanh".
export function fold(text) {
    return String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
