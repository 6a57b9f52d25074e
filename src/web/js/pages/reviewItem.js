// Appraising one sub-criterion of one unit: on the left what the unit submitted (self-score,
// explanation, evidence by round with what is new since step 1, the request and its reply); on
// the right what the reviewer may do in the current phase (step 1 score and comment, supplement
// request, step 2 score). Keys "n" / "p" (outside text fields) move to the next / previous item.
import {h, section} from '../dom.js';
import {get, api, post} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {field, form, value, invalid} from '../forms.js';
import {loadPeriods, chosenYear, currentSetFor, subsOf, unitAssessedIn, notAssessedText} from '../data.js';
import {subFacts} from '../tree.js';
import {scoreForm} from '../scoreForm.js';
import {evidenceList} from '../evidence.js';
import {statusBadge, roundView, requestView, phaseLine} from '../assessment.js';
import {toLocalInput} from '../format.js';
import {reviewItemHref, unitHref} from './reviewQueue.js';
import {myItems} from './reviewUnit.js';

export async function render(ctx) {
    const {unit: code, sub: subCode} = ctx.params;
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    const base = `/periods/${year}/units/${encodeURIComponent(code)}`;
    const [assignments, a, files] = await Promise.all([get(`/periods/${year}/assignments`), get(`${base}/assessment`),
        get(`${base}/evidence`, {sub: subCode})]);
    const set = await currentSetFor(year, a.unit.unit_type);
    const item = a.items.find(i => i.sub_code === subCode);
    const found = set && subsOf(set.tree).find(s => s.sub.code === subCode);
    if (!item || !found) return [pageTitle('Không có tiêu chí thành phần này'), h('p', {}, h('a', {href: unitHref(year, code)}, '← Đơn vị'))];
    const {sub, criterion} = found;
    const areas = assignments.map(x => x.area_code);
    const mine = areas.includes(item.area);
    const newFiles = files.filter(f => f.new_since_step1 && !f.withdrawn);

    const left = [
        section('Đơn vị tự chấm', roundView(item.self, {textLabel: 'Giải trình', empty: 'Đơn vị chưa tự chấm.'})),
        section('Tài liệu kiểm chứng', evidenceList(files, {preview: true}),
            h('p', {class: 'hint'}, 'Bấm tên tệp để tải về; ảnh xem được ngay tại đây.')),
        item.request ? section('Yêu cầu bổ sung, giải trình', requestView(item.request)) : null,
        section('Cách chấm và tài liệu cần nộp', subFacts(sub)),
    ];
    const assessed = unitAssessedIn(a.unit, year);
    const right = !assessed ? [alertBox('info', notAssessedText(a.unit, year), h('p', {}, 'Chỉ xem.'))]
        : mine ? actions(ctx, base, item, sub, a) : [alertBox('info', `Lĩnh vực ${item.area} không được phân công cho bạn; chỉ xem.`)];
    return [
        pageTitle(`${sub.code} ${sub.name}`, `${a.unit.name} (${a.unit.code}) · ${criterion.code} ${criterion.name}`),
        navLinks(year, code, myItems(a, areas), subCode),
        h('div', {class: 'summary'}, phaseLine(a), h('p', {}, 'Trạng thái: ', statusBadge(item.status))),
        (item.request && item.request.reply) || newFiles.length ? alertBox('info', 'Mới sau bước 1',
            item.request && item.request.reply ? h('p', {}, 'Đơn vị đã giải trình (xem mục "Yêu cầu bổ sung, giải trình").') : null,
            newFiles.length ? h('p', {}, `${newFiles.length} tệp bổ sung: ${newFiles.map(f => f.file_name).join(', ')}.`) : null) : null,
        h('div', {class: 'side-by-side'}, h('div', {class: 'side-main'}, left), h('div', {class: 'side-actions'}, right)),
    ];
}

function navLinks(year, unit, items, code) {
    const i = items.findIndex(x => x.sub_code === code);
    const prev = i > 0 ? items[i - 1] : null;
    const next = i >= 0 ? items[i + 1] : null;
    return h('nav', {class: 'item-nav', 'aria-label': 'Chuyển tiêu chí thành phần'},
        h('a', {href: unitHref(year, unit)}, '↑ Cả đơn vị'),
        prev ? h('a', {href: reviewItemHref(year, unit, prev.sub_code), rel: 'prev', 'aria-keyshortcuts': 'p'}, `← ${prev.sub_code}`) : null,
        next ? h('a', {href: reviewItemHref(year, unit, next.sub_code), rel: 'next', 'aria-keyshortcuts': 'n'}, `${next.sub_code} →`) : null,
        h('span', {class: 'hint'}, 'Phím tắt: N — tiêu chí sau, P — tiêu chí trước.'));
}

function actions(ctx, base, item, sub, a) {
    const path = `${base}/assessment/${encodeURIComponent(item.sub_code)}`;
    const out = [];
    const step = (round, title, current) => section(title, scoreForm({
        sub, current, version: item.version, label: title, submitLabel: `Lưu điểm ${title.toLowerCase()}`,
        textName: 'comment', textLabel: 'Nhận xét', textHint: 'Nhận xét gửi đơn vị: căn cứ chấm, tài liệu còn thiếu.',
        onSave: async body => {
            const saved = await api('PUT', `${path}/${round}`, {body});
            ctx.reload(`Đã lưu điểm ${title.toLowerCase()} tiêu chí ${item.sub_code} của ${a.unit.code}.`);
            return saved;
        },
    }));
    if (a.phase === 'step1_appraisal') {
        out.push(step('step1', 'Thẩm định bước 1', item.step1));
        if (item.request) out.push(section('Yêu cầu bổ sung', h('p', {}, 'Đã gửi yêu cầu bổ sung cho tiêu chí này.')));
        else if (!item.survey) out.push(section('Yêu cầu bổ sung', requestForm(ctx, path, item, a)));
    } else {
        out.push(section('Thẩm định bước 1', roundView(item.step1, {textLabel: 'Nhận xét'})));
    }
    if (a.phase === 'step2_appraisal') out.push(step('step2', 'Thẩm định bước 2', item.step2));
    else if (item.step2) out.push(section('Thẩm định bước 2', roundView(item.step2, {textLabel: 'Nhận xét'})));
    if (!['step1_appraisal', 'step2_appraisal'].includes(a.phase)) {
        out.push(h('p', {class: 'hint'}, a.phase === 'supplement' ? 'Đơn vị đang bổ sung, giải trình; chấm bước 2 khi hết hạn bổ sung.'
            : 'Chỉ chấm được trong thời gian thẩm định bước 1 hoặc bước 2.'));
    }
    return out;
}

// The due date is typed as a day in Vietnam time and sent as the end of that day.
function requestForm(ctx, path, item, a) {
    const due = (toLocalInput(a.period.supplement_closes) || '').slice(0, 10);
    return form({
        label: 'Yêu cầu bổ sung',
        fields: [
            field({name: 'missing', label: 'Tài liệu còn thiếu', type: 'textarea', required: true}),
            field({name: 'reason', label: 'Lý do', type: 'textarea', required: true}),
            field({name: 'due_date', label: 'Hạn bổ sung', type: 'date', required: true, value: due,
                attrs: due ? {max: due} : {},
                hint: 'Mặc định và muộn nhất là hạn bổ sung của đơn vị (đã tính gia hạn).'}),
        ],
        submitLabel: 'Gửi yêu cầu bổ sung',
        onSubmit: async f => {
            const day = value(f, 'due_date');
            if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) invalid('Chưa có hạn bổ sung', 'due_date', 'Chọn ngày');
            const end = new Date(Date.parse(`${day}T23:59:59Z`) - 7 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
            await post(`${path}/supplement-request`, {missing: value(f, 'missing'), reason: value(f, 'reason'), due_date: end, version: item.version});
            ctx.reload(`Đã gửi yêu cầu bổ sung tiêu chí ${item.sub_code} cho ${a.unit.code}.`);
        },
    });
}

// "n" / "p" follow the page's next / previous links when the focus is not in a text field.
document.addEventListener('keydown', event => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const rel = event.key === 'n' || event.key === 'N' ? 'next' : event.key === 'p' || event.key === 'P' ? 'prev' : null;
    if (!rel) return;
    const link = document.querySelector(`main .item-nav a[rel="${rel}"]`);
    if (link) {
        event.preventDefault();
        link.click();
    }
});
