// Score arithmetic as the server does it (src/domain/ScoreRules.cpp), in exact hundredths, so a
// form can show the points a metric gives before anything is sent. Pure: no DOM, no network
// (tested by tests/e2e/modules.test.mjs). The server stays the judge: it checks every score.

// "1,5", "1.5", 1.5, " 2 " -> 150, 150, 150, 200; null when blank, not a number, negative or
// with more than two decimals.
export function toHundredths(value) {
    if (value === null || value === undefined) return null;
    const text = String(value).trim().replace(',', '.');
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
    if (!m) return null;
    return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

// 150 -> "1,5"; 100 -> "1"; 1005 -> "10,05" (the decimal comma, no trailing zeros).
export function hundredthsText(n) {
    if (n === null || n === undefined) return '';
    const whole = Math.floor(n / 100);
    const frac = String(n % 100).padStart(2, '0').replace(/0+$/, '');
    return frac ? `${whole},${frac}` : String(whole);
}

// Integer division of a >= 0 by b > 0, rounded half away from zero.
function roundDiv(a, b) {
    return Math.floor((2 * a + b) / (2 * b));
}

// The points a metric gives for sub (a criteria-tree sub-criterion): {points} in hundredths, or
// {error} in Vietnamese, or {} when the scoring type computes nothing or no metric was given.
// metric: {metricPct: text|number, violations: text|number}.
export function suggest(sub, metric) {
    const sc = sub.scoring || {};
    const max = toHundredths(sub.max_points);
    if (sc.type === 'bands' || sc.type === 'proportional') {
        if (metric.metricPct === undefined || String(metric.metricPct).trim() === '') return {};
        const pct = toHundredths(metric.metricPct);
        if (pct === null || pct > 10000) return {error: 'Tỷ lệ phải là số từ 0 đến 100, tối đa hai chữ số thập phân'};
        if (sc.type === 'bands') {
            for (const b of sc.bands || []) {
                const lo = toHundredths(b.min_pct);
                const hi = b.max_pct_exclusive === null || b.max_pct_exclusive === undefined ? null : toHundredths(b.max_pct_exclusive);
                if (pct >= lo && (hi === null || pct < hi)) return {points: toHundredths(b.points)};
            }
            return {error: `Tỷ lệ ${hundredthsText(pct)}% không thuộc khoảng nào`};
        }
        const target = toHundredths(sc.target_pct);
        if (!target) return {};
        return {points: roundDiv(max * Math.min(pct, target), target)};
    }
    if (sc.type === 'deduction') {
        if (metric.violations === undefined || String(metric.violations).trim() === '') return {};
        const text = String(metric.violations).trim();
        if (!/^\d+$/.test(text)) return {error: 'Số vi phạm phải là số nguyên không âm'};
        const per = toHundredths(sc.per_violation);
        return {points: Math.max(0, max - per * Number(text))};
    }
    return {};
}

// The scores a sub-criterion allows, for a form: 'levels' (pick one of levels: [{label, points}]),
// 'metric' (a percentage gives the points), 'violations' (a count gives the points), 'survey'
// (never scored by hand) or 'free' (any score from 0 to the maximum).
export function entryKind(sub) {
    const type = (sub.scoring || {}).type;
    if (sub.assessed_by === 'survey' || type === 'survey') return 'survey';
    if (type === 'levels') return 'levels';
    if (type === 'bands' || type === 'proportional') return 'metric';
    if (type === 'deduction') return 'violations';
    return 'free';
}
