// One unit as a reviewer sees it: the sub-criteria of the reviewer's areas with the self-score,
// step 1 and step 2 side by side, the files (and those added since step 1), and the totals.
// Opening this page records the reviewer's "last seen" mark for the unit (server side).
import {h, section, table} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, unitAssessedIn, notAssessedText} from '../data.js';
import {statusBadge, phaseLine} from '../assessment.js';
import {formatPoints} from '../format.js';
import {reviewItemHref} from './reviewQueue.js';
import {maxCell, roundCell, kindPrefix, criterionRuleTotal} from '../adjustment.js';

// The items of a unit's assessment a reviewer appraises (their areas, no survey items).
export function myItems(assessment, areas) {
    return assessment.items.filter(i => !i.survey && areas.includes(i.area));
}

export async function render(ctx) {
    const code = ctx.params.unit;
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    const [assignments, a] = await Promise.all([get(`/periods/${year}/assignments`),
        get(`/periods/${year}/units/${encodeURIComponent(code)}/assessment`)]);
    const areas = assignments.map(x => x.area_code);
    const items = myItems(a, areas);
    // By the criterion rule: bonuses add, penalties subtract, each criterion within [0, max].
    const [self, step1, step2] = ['self', 'step1', 'step2'].map(round =>
        criterionRuleTotal(items, a.items, i => (i[round] ? i[round].score : null)));
    return [
        pageTitle(`Thẩm định: ${a.unit.name}`, `Mã ${a.unit.code}. Lĩnh vực của bạn: ${areas.join(', ') || 'chưa có'}.`),
        h('p', {}, h('a', {href: `#/tham-dinh?nam=${year}`}, '← Việc cần làm')),
        unitAssessedIn(a.unit, year) ? null : alertBox('info', notAssessedText(a.unit, year), h('p', {}, 'Không chấm, không gửi yêu cầu được; chỉ xem.')),
        h('div', {class: 'summary'}, phaseLine(a),
            h('p', {}, `Tổng điểm các lĩnh vực của bạn: tự chấm ${formatPoints(self / 100)}, bước 1 ${formatPoints(step1 / 100)}, bước 2 ${formatPoints(step2 / 100)}.`),
            h('p', {}, h('a', {href: `/api/v1/periods/${year}/evidence-export?unit=${encodeURIComponent(code)}`, download: ''},
                'Tải toàn bộ tài liệu kiểm chứng của đơn vị (tệp zip)'))),
        section('Các tiêu chí thành phần', table([
            {label: 'Mã', cell: i => h('a', {href: reviewItemHref(year, code, i.sub_code)}, i.sub_code)},
            {label: 'Tiêu chí thành phần', cell: i => [kindPrefix(i.adjustment), h('a', {href: reviewItemHref(year, code, i.sub_code), tabindex: '-1'}, i.name)]},
            {label: 'Tối đa', cell: i => maxCell(i, formatPoints), class: 'num'},
            {label: 'Tự chấm', cell: i => roundCell(i, 'self', formatPoints), class: 'num'},
            {label: 'Bước 1', cell: i => roundCell(i, 'step1', formatPoints), class: 'num'},
            {label: 'Bước 2', cell: i => roundCell(i, 'step2', formatPoints), class: 'num'},
            {label: 'Tài liệu', cell: i => (i.supplement_files ? `${i.evidence_files} (bổ sung ${i.supplement_files})` : String(i.evidence_files)), class: 'num'},
            {label: 'Trạng thái', cell: i => statusBadge(i.status)},
        ], items, {empty: 'Đơn vị này không có tiêu chí thành phần nào trong lĩnh vực của bạn.'})),
    ];
}
