// A unit's own page: its details and, for the chosen year, the criteria set of its unit type
// with the evidence each sub-criterion expects.
import {h, section} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker, currentSets} from '../data.js';
import {criteriaTree} from '../tree.js';
import {formatPoints} from '../format.js';

export async function render() {
    const [[unit], types, periods] = await Promise.all([get('/units'), get('/unit-types'), loadPeriods()]);
    if (!unit) return [pageTitle('Đơn vị của tôi'), alertBox('warn', 'Tài khoản chưa gắn với đơn vị nào.')];
    const type = types.find(t => t.code === unit.unit_type);
    const out = [
        pageTitle(unit.name, `Mã đơn vị ${unit.code}.`),
        h('dl', {class: 'facts summary'},
            h('dt', {}, 'Loại đơn vị'), h('dd', {}, type ? `${type.name} (${type.code})` : unit.unit_type),
            h('dt', {}, 'Được đánh giá'), h('dd', {}, `từ năm ${unit.active_from_year}${unit.active_to_year ? ` đến năm ${unit.active_to_year}` : ''}`),
            unit.merged_into ? [h('dt', {}, 'Sáp nhập vào'), h('dd', {}, unit.merged_into)] : null),
    ];
    const year = chosenYear(periods);
    if (!year) return [...out, alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    out.push(yearPicker(periods, year));
    const set = currentSets(await get(`/periods/${year}/criteria-sets`)).get(unit.unit_type);
    if (!set) {
        out.push(alertBox('info', `Chưa có bộ tiêu chí năm ${year} cho loại đơn vị của bạn.`,
            h('p', {}, 'Văn phòng sẽ nhập bộ tiêu chí; khi đó bộ tiêu chí hiện ở đây.')));
        return out;
    }
    const full = await get(`/criteria-sets/${set.id}`);
    const subs = full.tree.areas.flatMap(a => a.criteria.flatMap(c => c.sub_criteria));
    const needEvidence = subs.filter(s => s.evidence_required).length;
    out.push(section(`Bộ tiêu chí năm ${year}`,
        h('p', {}, full.title),
        h('p', {}, `${full.tree.areas.length} lĩnh vực, ${subs.length} tiêu chí thành phần, tổng ${formatPoints(full.total_points)} điểm; `,
            h('strong', {}, `${needEvidence} tiêu chí thành phần bắt buộc có tài liệu kiểm chứng`), '.'),
        h('p', {class: 'hint'}, 'Mở từng lĩnh vực, tiêu chí để xem cách chấm và tài liệu kiểm chứng cần nộp. Tự chấm điểm và tải tài liệu lên ở trang ',
            h('a', {href: `#/tu-danh-gia?nam=${year}`}, 'Tự đánh giá'), '.'),
        criteriaTree(full.tree)));
    return out;
}
