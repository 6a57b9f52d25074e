// How one unit's result was formed (GET …/units/{code}/results): its total, index, rank and
// grade, each area, and every sub-criterion with its self, step 1, step 2 and survey values,
// the value used, where it came from and why; provisional (flagged) items highlighted; criteria
// subtotals. Staff open it from the results table; a unit sees its own ("Kết quả của đơn vị").
import {h, section, table, tableWrap} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker, currentSetFor} from '../data.js';
import {formatFixed, formatChange, formatPoints, decimalComma} from '../format.js';
import {sourceLabel} from '../messages.js';
import {gradeBadge, flagMark, resultsHref, outOf} from '../results.js';
import {signedPoints, kindPrefix} from '../adjustment.js';

export async function render(ctx) {
    return page(ctx, ctx.params.unit, false);
}

// The unit's own result (role unit).
export async function renderMine(ctx) {
    const [unit] = await get('/units');
    if (!unit) return [pageTitle('Kết quả của đơn vị'), alertBox('warn', 'Tài khoản chưa gắn với đơn vị nào.')];
    return page(ctx, unit.code, true);
}

async function page(ctx, code, mine) {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Kết quả'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const r = await get(`/periods/${year}/units/${encodeURIComponent(code)}/results`);
    const set = await currentSetFor(year, r.unit_type).catch(() => null);
    const areaName = c => (set ? (set.tree.areas.find(a => a.code === c) || {}).name : '') || '';
    const flagged = r.items.filter(i => i.flagged);
    return [
        pageTitle(`Kết quả: ${r.unit_name}`, `Mã ${r.unit_code} · năm ${year}. Tính từ điểm đã chấm và điểm điều tra xã hội học ngay lúc mở trang.`),
        mine ? yearPicker(periods, year) : h('p', {}, h('a', {href: resultsHref(year, r.unit_type)}, '← Bảng kết quả')),
        facts(r),
        flagged.length ? alertBox('warn', `${flagged.length} tiêu chí thành phần tạm tính`,
            h('p', {}, 'Kết quả chưa chính thức: các tiêu chí được tô màu chưa được thẩm định đủ hoặc chưa có điểm điều tra xã hội học. Xem cột "Cách tính".')) : null,
        section('Theo lĩnh vực', table([
            {label: 'Lĩnh vực', cell: a => `${a.code}. ${areaName(a.code)}`},
            // An area worth 0 (survey items left out by the settings) has no points or rank.
            {label: 'Điểm', cell: a => (Number(a.max) === 0 ? 'không tính' : outOf(a.points, a.max)), class: 'num'},
            {label: 'Hạng', cell: a => (Number(a.max) === 0 ? '—' : `${a.rank}/${r.units_ranked}`), class: 'num'},
            {label: 'Năm trước', cell: a => prevArea(r, a.code), class: 'num'},
        ], r.areas)),
        r.areas.map(a => section(`Lĩnh vực ${a.code}. ${areaName(a.code)} — ${outOf(a.points, a.max)}`, itemsTable(r, a.code))),
    ];
}

function facts(r) {
    const p = r.previous;
    return h('dl', {class: 'facts summary result-facts'},
        h('dt', {}, 'Tổng điểm'), h('dd', {}, h('strong', {}, outOf(r.total, r.max)), ' ', flagMark(r.flagged_items)),
        h('dt', {}, 'Chỉ số'), h('dd', {}, h('strong', {}, `${decimalComma(r.index_pct_text)}%`)),
        h('dt', {}, 'Xếp loại'), h('dd', {}, gradeBadge(r.grade, r.settings)),
        h('dt', {}, 'Xếp hạng'), h('dd', {}, `${r.rank}/${r.units_ranked} đơn vị cùng loại`),
        h('dt', {}, 'Điểm thẩm định'), h('dd', {}, formatFixed(r.appraised)),
        h('dt', {}, 'Điểm điều tra XHH'), h('dd', {}, formatFixed(r.survey)),
        h('dt', {}, 'Tổng tự chấm / bước 1 / bước 2'), h('dd', {}, `${formatFixed(r.self_total)} / ${formatFixed(r.step1_total)} / ${formatFixed(r.step2_total)}`),
        p ? [h('dt', {}, `Năm ${p.year}`), h('dd', {}, `chỉ số ${formatFixed(p.index_pct)}% (${formatChange(p.index_change)})`,
            p.basis.length !== 1 || p.basis[0] !== r.unit_code ? `, so với ${p.basis.join(', ')}` : '')] : null);
}

function prevArea(r, code) {
    const x = r.previous && r.previous.areas[code];
    if (!x) return '—';
    // A changed maximum (18 -> 17): points are not comparable, the share of the maximum is.
    if (x.change === null || x.change === undefined)
        return `${formatFixed(x.points)}/${formatFixed(x.max)} (thang điểm khác; tỉ lệ ${x.pct_change === null ? '—' : formatChange(x.pct_change)} điểm %)`;
    return `${formatFixed(x.points)} (${formatChange(x.change)})`;
}

const COLUMNS = ['Mã', 'Tiêu chí thành phần', 'Tối đa', 'Tự chấm', 'Bước 1', 'Bước 2', 'Điều tra', 'Điểm tính', 'Lấy từ, cách tính'];
const val = (v, adjustment) => (v === null || v === undefined ? '—' : adjustment ? signedPoints(v, adjustment) : formatFixed(v));

// One area's items, each criterion opened by a row with its subtotal.
function itemsTable(r, areaCode) {
    const criteria = r.criteria.filter(c => c.code.split('.')[0] === areaCode);
    const td = (label, content, cls) => h('td', {class: cls, dataset: {label}}, content);
    // One row group per criterion: its heading (scope "rowgroup") then belongs to its items only.
    const groups = criteria.map(c => h('tbody', {},
        h('tr', {class: 'group-row'}, h('th', {scope: 'rowgroup', colspan: COLUMNS.length},
            `Tiêu chí ${c.code}. ${c.name}: `, h('span', {class: 'subtotal'}, outOf(c.points, c.max)),
            c.capped ? ' (đã giới hạn trong khoảng 0 đến điểm tối đa)' : '')),
        ...r.items.filter(i => i.code.startsWith(`${c.code}.`)).map(i => h('tr', {class: i.flagged ? 'flagged' : null, dataset: {sub: i.code}},
            td('Mã', i.code),
            td('Tiêu chí thành phần', [kindPrefix(i.adjustment), i.name, i.flagged ? [' ', h('span', {class: 'badge flag'}, 'Tạm tính')] : null]),
            td('Tối đa', i.adjustment ? signedPoints(i.max, i.adjustment) : formatPoints(i.max), 'num'),
            td('Tự chấm', i.survey_item ? '' : val(i.self, i.adjustment), 'num'),
            td('Bước 1', i.survey_item ? '' : val(i.step1, i.adjustment), 'num'),
            td('Bước 2', i.survey_item ? '' : val(i.step2, i.adjustment), 'num'),
            td('Điều tra', i.survey_item ? [val(i.survey), i.survey_pct !== null ? ` (${formatFixed(i.survey_pct)}%)` : ''] : '', 'num'),
            td('Điểm tính', h('strong', {}, i.adjustment ? signedPoints(i.used, i.adjustment) : formatFixed(i.used)), 'num'),
            td('Lấy từ, cách tính', [h('strong', {class: 'source'}, sourceLabel(i.source)), ': ', i.why], 'why')))));
    return tableWrap(h('table', {class: 'data explain'},
        h('thead', {}, h('tr', {}, COLUMNS.map(c => h('th', {scope: 'col'}, c)))),
        groups));
}
