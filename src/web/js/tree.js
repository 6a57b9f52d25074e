// A criteria tree (area -> criterion -> sub-criterion) as nested disclosure widgets, with each
// sub-criterion's maximum, how it is scored and the evidence it expects.
import {h} from './dom.js';
import {formatPoints} from './format.js';
import {ADJUSTMENT_LABELS, signedPoints, kindPrefix} from './adjustment.js';

const pts = n => `${formatPoints(n)} điểm`;

// tree: the "tree" of GET /criteria-sets/{id}. options.areas: area codes to show (all when
// absent); options.open: open every area at first.
export function criteriaTree(tree, {areas = null, open = false} = {}) {
    const shown = (tree.areas || []).filter(a => !areas || areas.includes(a.code));
    if (!shown.length) return h('p', {class: 'empty'}, 'Không có lĩnh vực nào để hiển thị.');
    const list = h('ul', {class: 'tree'}, shown.map(area =>
        h('li', {}, h('details', {class: 'area', open: open || null},
            h('summary', {}, h('span', {class: 'code'}, area.code), ' ', h('span', {class: 'name'}, area.name),
                h('span', {class: 'points'}, pts(area.max_points))),
            h('ul', {}, (area.criteria || []).map(c => h('li', {}, h('details', {class: 'criterion'},
                h('summary', {}, h('span', {class: 'code'}, c.code), ' ', h('span', {class: 'name'}, c.name),
                    h('span', {class: 'points'}, pts(c.max_points))),
                h('ul', {class: 'subs'}, (c.sub_criteria || []).map(subCriterion))))))))));
    const toggleAll = openAll => list.querySelectorAll('details').forEach(d => { d.open = openAll; });
    return h('div', {class: 'tree-wrap'},
        h('div', {class: 'buttons'},
            h('button', {type: 'button', class: 'small', onclick: () => toggleAll(true)}, 'Mở tất cả'),
            h('button', {type: 'button', class: 'small', onclick: () => toggleAll(false)}, 'Thu gọn')),
        list);
}

function subCriterion(s) {
    return h('li', {class: 'sub'},
        h('p', {class: 'sub-head'}, h('span', {class: 'code'}, s.code), ' ', h('span', {class: 'name'}, kindPrefix(s.adjustment) + s.name),
            h('span', {class: 'points'}, s.adjustment ? `tối đa ${signedPoints(s.max_points, s.adjustment)} điểm` : pts(s.max_points))),
        subFacts(s));
}

// How sub-criterion s is scored and what evidence it expects, as a definition list.
export function subFacts(s) {
    const evidence = s.evidence_required
        ? `Bắt buộc có tài liệu kiểm chứng (ít nhất ${s.min_files} tệp)`
        : 'Không bắt buộc tài liệu kiểm chứng';
    return h('dl', {class: 'facts'},
        s.adjustment ? [h('dt', {}, 'Loại điểm'), h('dd', {}, adjustmentFact(s))] : null,
        h('dt', {}, 'Cách chấm'), h('dd', {}, scoring(s)),
        h('dt', {}, 'Tài liệu kiểm chứng'), h('dd', {}, evidence,
            s.evidence_documents && s.evidence_documents.length
                ? h('ul', {class: 'documents'}, s.evidence_documents.map(d => h('li', {}, d))) : null,
            s.explanation_required_if_no_evidence ? h('p', {class: 'hint'}, 'Thiếu tài liệu thì phải giải trình.') : null),
        s.note ? [h('dt', {}, 'Ghi chú'), h('dd', {}, s.note)] : null);
}

// What a bonus or penalty item does, in one sentence.
function adjustmentFact(s) {
    const criterion = s.code.split('.').slice(0, 2).join('.');
    const verb = s.adjustment === 'penalty' ? 'trừ vào' : 'cộng vào';
    return `${ADJUSTMENT_LABELS[s.adjustment]} (tối đa ${signedPoints(s.max_points, s.adjustment)} điểm): không bắt buộc, nhập độ lớn; ${verb} tiêu chí ${criterion}, điểm tiêu chí không dưới 0 và không quá điểm tối đa.`;
}

function scoring(s) {
    const sc = s.scoring || {};
    const who = s.assessed_by === 'survey' ? 'Điều tra xã hội học' : s.self_scored ? 'Đơn vị tự chấm, Tổ thẩm định thẩm định' : 'Tổ thẩm định chấm';
    let how;
    switch (sc.type) {
    case 'levels':
        how = h('ul', {class: 'levels'}, (sc.levels || []).map(l => h('li', {}, `${l.label}: ${pts(l.points)}`)));
        break;
    case 'bands':
        how = h('ul', {class: 'levels'}, (sc.bands || []).map(b => h('li', {},
            `Từ ${formatPoints(b.min_pct)}%${b.max_pct_exclusive !== null && b.max_pct_exclusive !== undefined ? ` đến dưới ${formatPoints(b.max_pct_exclusive)}%` : ' trở lên'}: ${pts(b.points)}`)));
        break;
    case 'proportional':
        how = `Theo tỷ lệ đạt được so với mục tiêu ${formatPoints(sc.target_pct)}%${sc.metric ? ` (${sc.metric})` : ''}.`;
        break;
    case 'deduction':
        how = `Trừ ${pts(sc.per_violation)} cho mỗi vi phạm${sc.violation ? ` (${sc.violation})` : ''}, không dưới 0.`;
        break;
    case 'survey':
        how = 'Điểm tối đa × tỷ lệ hài lòng.';
        break;
    default:
        how = sc.type || '';
    }
    return [h('p', {}, who), how];
}
