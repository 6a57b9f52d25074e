// A unit's self-assessment: every sub-criterion of its criteria set with its status, self-score
// and files, grouped by area, with what needs doing first (requests to answer, items not done).
import {h, section, table, replace} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker, queryParam, currentSetFor, unitAssessedIn, notAssessedText} from '../data.js';
import {statusBadge, phaseLine, summaryLine, progressBar} from '../assessment.js';
import {formatPoints, formatDate} from '../format.js';
import {maxCell, roundCell, kindPrefix} from '../adjustment.js';

const OPEN_STATUSES = new Set(['not_started', 'missing_evidence', 'missing_explanation']);

const FILTERS = [
    {value: '', label: 'Tất cả', keep: () => true},
    {value: 'can-lam', label: 'Cần làm (chưa tự chấm, thiếu tài liệu hoặc giải trình)', keep: i => OPEN_STATUSES.has(i.status)},
    {value: 'bo-sung', label: 'Được yêu cầu bổ sung', keep: i => Boolean(i.request)},
];

export async function render() {
    const [[unit], periods] = await Promise.all([get('/units'), loadPeriods()]);
    if (!unit) return [pageTitle('Tự đánh giá'), alertBox('warn', 'Tài khoản chưa gắn với đơn vị nào.')];
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Tự đánh giá'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    if (!unitAssessedIn(unit, year))
        return [pageTitle(`Tự đánh giá năm ${year}`), yearPicker(periods, year), alertBox('info', notAssessedText(unit, year))];
    const [a, set] = await Promise.all([get(`/periods/${year}/units/${encodeURIComponent(unit.code)}/assessment`),
        currentSetFor(year, unit.unit_type)]);
    const areaNames = new Map((set ? set.tree.areas : []).map(x => [x.code, x.name]));
    const items = a.items.filter(i => !i.survey);
    const open = items.filter(i => i.request && !i.request.reply);
    const out = [
        pageTitle(`Tự đánh giá năm ${year}`, `${unit.name} (${unit.code}). Bấm vào từng tiêu chí thành phần để tự chấm điểm, tải tài liệu kiểm chứng lên và giải trình.`),
        yearPicker(periods, year),
        h('div', {class: 'summary'}, phaseLine(a), summaryLine(a.summary), progressBar(a.summary.done, a.summary.total)),
        h('p', {class: 'hint'}, 'Có sẵn cả thư mục tài liệu? ', h('a', {href: `#/nhap-tep-nen?nam=${year}`}, 'Nộp một lần bằng tệp nén'), '.'),
    ];
    if (open.length) {
        out.push(alertBox('warn', `Có ${open.length} tiêu chí thành phần được Tổ thẩm định yêu cầu bổ sung, giải trình.`,
            h('ul', {}, open.map(i => h('li', {}, h('a', {href: itemHref(year, i)}, `${i.sub_code} ${i.name}`),
                ` — hạn ${formatDate(i.request.due_date)}`)))));
    }
    const holder = h('div', {});
    const chosen = queryParam('loc');
    const select = h('select', {id: 'item-filter', onchange: () => show()},
        FILTERS.map(f => h('option', {value: f.value, selected: f.value === chosen}, f.label)));
    function show() {
        const filter = FILTERS.find(f => f.value === select.value) || FILTERS[0];
        const rows = items.filter(filter.keep);
        const areas = [...new Set(rows.map(i => i.area))];
        replace(holder, h('p', {class: 'count', role: 'status'}, `${rows.length} / ${items.length} tiêu chí thành phần`),
            areas.length ? areas.map(area => areaTable(year, area, areaNames.get(area), rows.filter(i => i.area === area)))
                : h('p', {class: 'empty'}, 'Không có tiêu chí thành phần nào khớp.'));
    }
    show();
    out.push(section('Các tiêu chí thành phần',
        h('div', {class: 'field inline'}, h('label', {for: 'item-filter'}, 'Hiển thị'), select),
        holder));
    return out;
}

export function itemHref(year, item) {
    return `#/tu-danh-gia/${encodeURIComponent(item.sub_code)}?nam=${year}`;
}

function areaTable(year, area, name, rows) {
    return h('div', {class: 'area-block'},
        h('h3', {}, `Lĩnh vực ${area}${name ? `. ${name}` : ''}`),
        table([
            {label: 'Mã', cell: i => i.sub_code},
            {label: 'Tiêu chí thành phần', cell: i => [kindPrefix(i.adjustment), h('a', {href: itemHref(year, i)}, i.name)]},
            {label: 'Tối đa', cell: i => maxCell(i, formatPoints), class: 'num'},
            {label: 'Tự chấm', cell: i => roundCell(i, 'self', formatPoints), class: 'num'},
            {label: 'Tài liệu', cell: i => (i.supplement_files ? `${i.evidence_files} (bổ sung ${i.supplement_files})` : String(i.evidence_files)), class: 'num'},
            {label: 'Trạng thái', cell: i => statusBadge(i.status)},
        ], rows));
}
