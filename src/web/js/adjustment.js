// Bonus (điểm thưởng) and penalty (điểm trừ) sub-criteria: how they are labelled, and how they
// count (docs/results.md): within a criterion, ordinary points and bonuses add, penalties
// subtract, and the sum is clamped to [0, the criterion's maximum]. Items carry
// `adjustment: 'bonus' | 'penalty'` (absent for an ordinary item); their values are magnitudes.
// No imports: tested in tests/e2e/modules.test.mjs.

export const ADJUSTMENT_LABELS = {bonus: 'Điểm thưởng', penalty: 'Điểm trừ'};

const comma = (n, digits) => (Object.is(n, -0) ? 0 : n).toFixed(digits).replace('.', ',');

// A magnitude with the sign of its kind: (0.5, 'penalty') -> "−0,50", (1, 'bonus') -> "+1,00";
// an ordinary item's value as "0,50". '' for null.
export function signedPoints(n, adjustment) {
    if (n === null || n === undefined || n === '') return '';
    const text = comma(Number(n), 2);
    if (adjustment === 'bonus') return `+${text}`;
    if (adjustment === 'penalty') return `\u2212${text}`;
    return text;
}

// Helpers for the tables that list sub-criteria: the maximum and a round's value of item
// (an assessment item: {max_points, adjustment, self|step1|step2: {score}}), '—' when none.
// (The column is headed "Tối đa", so a cap shows as "+1,00" / "−2,00" alone.)
export function maxCell(item, formatPoints) {
    return item.adjustment ? signedPoints(item.max_points, item.adjustment) : formatPoints(item.max_points);
}
export function roundCell(item, round, formatPoints) {
    const r = item[round];
    if (!r) return '—';
    return item.adjustment ? signedPoints(r.score, item.adjustment) : formatPoints(r.score);
}
// "Điểm thưởng: " / "Điểm trừ: " before an adjustment item's name; '' for an ordinary one.
export function kindPrefix(adjustment) {
    return adjustment ? `${ADJUSTMENT_LABELS[adjustment]}: ` : '';
}

// The criterion code of a sub-criterion code: "1.2.3" -> "1.2".
const criterionOf = code => code.split('.').slice(0, 2).join('.');

// Round totals in hundredths over `items` (each {sub_code, max_points, adjustment, ...}) by the
// criterion rule; valueOf(item) gives the item's value in that round or null. `all` holds every
// item of the set, so each criterion's maximum is the sum of its ordinary items' maxima.
export function criterionRuleTotal(items, all, valueOf) {
    const max = new Map();
    for (const i of all) {
        if (i.adjustment) continue;
        const c = criterionOf(i.sub_code);
        max.set(c, (max.get(c) || 0) + Math.round(i.max_points * 100));
    }
    const sums = new Map();
    for (const i of items) {
        const v = valueOf(i);
        if (v === null || v === undefined) continue;
        const c = criterionOf(i.sub_code);
        const h = Math.round(v * 100) * (i.adjustment === 'penalty' ? -1 : 1);
        sums.set(c, (sums.get(c) || 0) + h);
    }
    let total = 0;
    for (const [c, sum] of sums) total += Math.min(Math.max(sum, 0), max.get(c) ?? sum);
    return total;
}
