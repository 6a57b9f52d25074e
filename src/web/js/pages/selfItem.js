// One sub-criterion of the unit's own assessment: what is expected, the self-score with its
// explanation, the evidence files (upload with progress, withdraw, restore), the supplement
// request and the reply (giải trình), and the appraisal results once they exist.
import {h, section, replace} from '../dom.js';
import {get, api, post} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {field, form} from '../forms.js';
import {loadPeriods, chosenYear, currentSetFor, subsOf} from '../data.js';
import {subFacts} from '../tree.js';
import {scoreForm} from '../scoreForm.js';
import {evidenceList} from '../evidence.js';
import {uploadPanel} from '../upload.js';
import {statusBadge, roundView, requestView, phaseLine} from '../assessment.js';
import {itemHref} from './selfList.js';
import {ROUND_LABELS} from '../messages.js';

export async function render(ctx) {
    const code = ctx.params.sub;
    const [[unit], periods] = await Promise.all([get('/units'), loadPeriods()]);
    if (!unit) return [pageTitle('Tự đánh giá'), alertBox('warn', 'Tài khoản chưa gắn với đơn vị nào.')];
    const year = chosenYear(periods);
    const base = `/periods/${year}/units/${encodeURIComponent(unit.code)}`;
    const [a, set] = await Promise.all([get(`${base}/assessment`), currentSetFor(year, unit.unit_type)]);
    const item = a.items.find(i => i.sub_code === code);
    const found = set && subsOf(set.tree).find(s => s.sub.code === code);
    if (!item || !found) return [pageTitle('Không có tiêu chí thành phần này'), h('p', {}, h('a', {href: `#/tu-danh-gia?nam=${year}`}, '← Tự đánh giá'))];
    const {sub, criterion} = found;
    const openRound = a.phase === 'self_assessment' ? 'self' : a.phase === 'supplement' ? 'supplement' : null;

    const evidenceHolder = h('div', {class: 'evidence-holder'});
    async function showEvidence() {
        const items = await get(`${base}/evidence`, {sub: code});
        replace(evidenceHolder, evidenceList(items, {openRound, onChanged: message => ctx.reload(message)}));
    }
    await showEvidence();

    const out = [
        pageTitle(`${sub.code} ${sub.name}`, `${criterion.code} ${criterion.name}`),
        navLinks(year, a.items.filter(i => !i.survey), code),
        h('div', {class: 'summary'}, phaseLine(a), h('p', {}, 'Trạng thái: ', statusBadge(item.status))),
    ];
    // An open request is what the unit must act on: it comes first.
    if (item.request) out.push(requestSection(ctx, base, item, a.phase));
    out.push(section('Cách chấm và tài liệu cần nộp', subFacts(sub)));
    out.push(section('Tự chấm điểm', selfPart(ctx, base, item, sub, a.phase)));
    out.push(section('Tài liệu kiểm chứng', evidenceHolder,
        openRound ? h('div', {class: 'upload-wrap'}, h('h3', {}, 'Tải tài liệu lên'),
            uploadPanel({path: `${base}/evidence/${encodeURIComponent(code)}`, roundLabel: ROUND_LABELS[openRound],
                onUploaded: (stored, message, someFailed) => (someFailed ? showEvidence() : ctx.reload(message))}))
            : h('p', {class: 'hint'}, 'Chỉ nộp, rút tài liệu được trong thời gian tự đánh giá hoặc thời gian bổ sung.')));
    if (item.step1 || item.step2) {
        out.push(section('Kết quả thẩm định',
            h('h3', {}, 'Bước 1'), roundView(item.step1, {textLabel: 'Nhận xét'}),
            h('h3', {}, 'Bước 2'), roundView(item.step2, {textLabel: 'Nhận xét'})));
    }
    return out;
}

function navLinks(year, items, code) {
    const i = items.findIndex(x => x.sub_code === code);
    const prev = items[i - 1];
    const next = items[i + 1];
    return h('nav', {class: 'item-nav', 'aria-label': 'Chuyển tiêu chí thành phần'},
        h('a', {href: `#/tu-danh-gia?nam=${year}`}, '↑ Danh sách'),
        prev ? h('a', {href: itemHref(year, prev), rel: 'prev'}, `← ${prev.sub_code}`) : null,
        next ? h('a', {href: itemHref(year, next), rel: 'next'}, `${next.sub_code} →`) : null);
}

function selfPart(ctx, base, item, sub, phase) {
    if (item.survey) return h('p', {}, 'Tiêu chí này chấm theo điều tra xã hội học; đơn vị không tự chấm.');
    if (!sub.self_scored) return h('p', {}, 'Tiêu chí này do Tổ thẩm định chấm; đơn vị không tự chấm, chỉ nộp tài liệu kiểm chứng nếu bộ tiêu chí yêu cầu.');
    if (phase !== 'self_assessment') {
        return [roundView(item.self, {textLabel: 'Giải trình', empty: 'Đơn vị chưa tự chấm.'}),
            h('p', {class: 'hint'}, phase === 'not_started' ? 'Chưa đến thời gian tự đánh giá.' : 'Đã hết thời gian tự chấm điểm.')];
    }
    return scoreForm({
        sub, current: item.self, version: item.version,
        label: 'Tự chấm điểm', submitLabel: 'Lưu điểm tự chấm',
        textName: 'explanation', textLabel: 'Giải trình, thuyết minh',
        textHint: sub.explanation_required_if_no_evidence ? 'Bắt buộc nếu không đủ tài liệu kiểm chứng: nêu lý do và căn cứ.' : 'Nêu căn cứ cho điểm tự chấm.',
        onSave: async body => {
            const saved = await api('PUT', `${base}/assessment/${encodeURIComponent(item.sub_code)}/self`, {body});
            ctx.reload(`Đã lưu điểm tự chấm tiêu chí ${item.sub_code}.`);
            return saved;
        },
    });
}

function requestSection(ctx, base, item, phase) {
    const r = item.request;
    const parts = [requestView(r)];
    if (!r.reply && phase === 'supplement') {
        parts.push(form({
            label: 'Giải trình',
            fields: [field({name: 'text', label: 'Nội dung giải trình', type: 'textarea', required: true,
                hint: 'Trả lời yêu cầu của Tổ thẩm định; tài liệu bổ sung tải lên ở mục "Tài liệu kiểm chứng" bên dưới.'})],
            submitLabel: 'Gửi giải trình',
            onSubmit: async f => {
                await post(`${base}/assessment/${encodeURIComponent(item.sub_code)}/reply`, {text: f.elements.text.value.trim(), version: item.version});
                ctx.reload(`Đã gửi giải trình tiêu chí ${item.sub_code}.`);
            },
        }));
    } else if (!r.reply) {
        parts.push(h('p', {class: 'hint'}, phase === 'step1_appraisal' ? 'Giải trình được khi đến thời gian bổ sung.' : 'Đã hết thời gian giải trình.'));
    }
    return section('Yêu cầu bổ sung, giải trình', parts);
}
