// The reviewer's work: the review queue (items of their areas that need a score now, oldest
// first, with what changed since they last opened the unit) and every unit with its progress.
import {h, section, table} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker} from '../data.js';
import {statusBadge, progressBar} from '../assessment.js';
import {phaseLabel} from '../messages.js';
import {formatDateTime} from '../format.js';

export function unitHref(year, code) {
    return `#/tham-dinh/${encodeURIComponent(code)}?nam=${year}`;
}

export function reviewItemHref(year, unit, sub) {
    return `#/tham-dinh/${encodeURIComponent(unit)}/${encodeURIComponent(sub)}?nam=${year}`;
}

export async function render() {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Thẩm định'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const [assignments, queue, matrix] = await Promise.all([get(`/periods/${year}/assignments`),
        get(`/periods/${year}/review-queue`), get(`/periods/${year}/completeness`)]);
    const head = [pageTitle(`Thẩm định năm ${year}`, 'Các tiêu chí thành phần cần chấm trong lĩnh vực được phân công, cũ nhất trước.'),
        yearPicker(periods, year)];
    if (!assignments.length) return [...head, alertBox('info', `Bạn chưa được phân công lĩnh vực nào năm ${year}.`)];
    const names = new Map(matrix.rows.map(r => [r.unit_code, r.unit_name]));
    const byUnit = new Map();
    for (const q of queue) {
        if (!byUnit.has(q.unit_code)) byUnit.set(q.unit_code, []);
        byUnit.get(q.unit_code).push(q);
    }
    return [...head,
        h('p', {}, `Lĩnh vực của bạn: ${assignments.map(a => a.area_code).join(', ')}.`),
        section(`Việc cần làm (${queue.length})`, queue.length
            ? [...byUnit.entries()].map(([code, rows]) => h('div', {class: 'queue-unit'},
                h('h3', {}, h('a', {href: unitHref(year, code)}, `${code} — ${names.get(code) || ''}`), ` (${rows.length})`),
                h('ul', {class: 'queue'}, rows.map(q => h('li', {},
                    h('a', {href: reviewItemHref(year, q.unit_code, q.sub_code)}, `Tiêu chí ${q.sub_code}`), ' ',
                    statusBadge(q.status),
                    q.new_reply ? h('span', {class: 'badge badge-new'}, 'Giải trình mới') : null,
                    q.new_files ? h('span', {class: 'badge badge-new'}, `${q.new_files} tệp bổ sung mới`) : null,
                    q.changed_since_seen && !q.new_reply && !q.new_files ? h('span', {class: 'badge badge-new'}, 'Có thay đổi') : null,
                    h('span', {class: 'hint'}, ` từ ${formatDateTime(q.since)}`))))))
            : h('p', {class: 'empty'}, 'Không có tiêu chí nào chờ chấm lúc này. Thẩm định bước 1 bắt đầu khi hết hạn tự đánh giá; bước 2 khi hết hạn bổ sung.')),
        section('Các đơn vị', table([
            {label: 'Mã', cell: r => r.unit_code},
            {label: 'Đơn vị', cell: r => h('a', {href: unitHref(year, r.unit_code)}, r.unit_name)},
            {label: 'Giai đoạn', cell: r => phaseLabel(r.phase)},
            {label: 'Hoàn thành (lĩnh vực của bạn)', cell: r => cellProgress(r)},
            {label: 'Ghi chú', cell: r => (r.nothing_submitted ? h('span', {class: 'badge status-not_started'}, 'Chưa nộp gì') : '')},
        ], matrix.rows, {empty: 'Không có đơn vị nào.'})),
    ];
}

// done/total over the cells the reviewer sees (their areas).
function cellProgress(row) {
    let done = 0;
    let total = 0;
    for (const [d, t] of Object.values(row.cells)) {
        done += d;
        total += t;
    }
    return progressBar(done, total);
}
