// One unit's progress, opened from the heat map: its items (optionally one criterion's), the
// extensions it was granted and, for the office, a form to extend its self-assessment or
// supplement deadline.
import {h, section, table} from '../dom.js';
import {get, post} from '../api.js';
import {pageTitle} from '../layout.js';
import {field, form, value, invalid} from '../forms.js';
import {loadPeriods, chosenYear, queryParam} from '../data.js';
import {statusBadge, phaseLine, summaryLine, progressBar} from '../assessment.js';
import {formatPoints, formatDateTime, toLocalInput, fromLocalInput} from '../format.js';
import {reviewItemHref} from './reviewQueue.js';
import {maxCell, roundCell, kindPrefix} from '../adjustment.js';

const EXT_PHASES = {self_assessment: 'Tự đánh giá, nộp tài liệu', supplement: 'Bổ sung, giải trình'};

export async function render(ctx) {
    const code = ctx.params.unit;
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    const a = await get(`/periods/${year}/units/${encodeURIComponent(code)}/assessment`);
    const criterion = queryParam('tc');
    const all = a.items.filter(i => !i.survey);
    const items = criterion ? all.filter(i => i.sub_code.startsWith(`${criterion}.`)) : all;
    const office = ctx.user.role === 'admin' || ctx.user.role === 'clerk';
    const name = i => (ctx.user.role === 'reviewer' ? h('a', {href: reviewItemHref(year, code, i.sub_code)}, i.name) : i.name);
    return [
        pageTitle(`Tiến độ: ${a.unit.name}`, `Mã ${a.unit.code} · năm ${year}.`),
        h('p', {}, h('a', {href: `#/tien-do?nam=${year}&loai=${encodeURIComponent(a.unit.unit_type)}`}, '← Bảng tiến độ')),
        h('div', {class: 'summary'}, phaseLine(a), summaryLine(a.summary), progressBar(a.summary.done, a.summary.total)),
        section(criterion ? `Tiêu chí ${criterion}` : 'Các tiêu chí thành phần',
            criterion ? h('p', {}, h('a', {href: `#/tien-do/${encodeURIComponent(code)}?nam=${year}`}, 'Xem mọi tiêu chí')) : null,
            table([
                {label: 'Mã', cell: i => i.sub_code},
                {label: 'Tiêu chí thành phần', cell: i => [kindPrefix(i.adjustment), name(i)]},
                {label: 'Tối đa', cell: i => maxCell(i, formatPoints), class: 'num'},
                {label: 'Tự chấm', cell: i => roundCell(i, 'self', formatPoints), class: 'num'},
                {label: 'Bước 1', cell: i => roundCell(i, 'step1', formatPoints), class: 'num'},
                {label: 'Bước 2', cell: i => roundCell(i, 'step2', formatPoints), class: 'num'},
                {label: 'Tài liệu', cell: i => (i.supplement_files ? `${i.evidence_files} (bổ sung ${i.supplement_files})` : String(i.evidence_files)), class: 'num'},
                {label: 'Yêu cầu bổ sung', cell: i => (i.request ? (i.request.reply ? 'Đã giải trình' : 'Chờ giải trình') : '—')},
                {label: 'Trạng thái', cell: i => statusBadge(i.status)},
            ], items, {empty: 'Không có tiêu chí thành phần nào.'})),
        section('Gia hạn', table([
            {label: 'Giai đoạn', cell: e => EXT_PHASES[e.phase] || e.phase},
            {label: 'Đến', cell: e => formatDateTime(e.until)},
            {label: 'Lý do', cell: e => e.reason},
            {label: 'Người gia hạn', cell: e => `${e.by}, ${formatDateTime(e.at)}`},
        ], a.extensions, {empty: 'Đơn vị chưa được gia hạn lần nào.'}),
        office ? [h('h3', {}, 'Gia hạn cho đơn vị này'), extensionForm(ctx, year, a)] : null),
    ];
}

function extensionForm(ctx, year, a) {
    // The period's own dates: an extension must fall after its phase's close and no later than
    // the close of the next phase.
    const p = a.period;
    return form({
        label: 'Gia hạn cho đơn vị',
        fields: [
            h('p', {class: 'hint'}, 'Gia hạn phải sau hạn chung của giai đoạn và không muộn hơn hạn của giai đoạn kế tiếp (tự đánh giá: hạn thẩm định bước 1; bổ sung: hạn thẩm định bước 2). Giờ Việt Nam.'),
            field({name: 'phase', label: 'Giai đoạn', type: 'select', required: true,
                options: Object.entries(EXT_PHASES).map(([v, l]) => ({value: v, label: l})),
                value: a.phase === 'supplement' || a.phase === 'step2_appraisal' ? 'supplement' : 'self_assessment'}),
            field({name: 'until', label: 'Gia hạn đến', type: 'datetime-local', required: true, attrs: {step: 1},
                value: toLocalInput(a.phase === 'supplement' || a.phase === 'step2_appraisal' ? p.step2_closes : p.step1_closes)}),
            field({name: 'reason', label: 'Lý do', type: 'textarea', required: true}),
        ],
        submitLabel: 'Gia hạn',
        onSubmit: async f => {
            const until = fromLocalInput(value(f, 'until'));
            if (!until) invalid('Chưa có ngày gia hạn', 'until', 'Chọn ngày và giờ');
            const e = await post(`/periods/${year}/units/${encodeURIComponent(a.unit.code)}/extensions`,
                {phase: value(f, 'phase'), until, reason: value(f, 'reason')});
            ctx.reload(`Đã gia hạn ${EXT_PHASES[e.phase].toLowerCase()} cho ${a.unit.code} đến ${formatDateTime(e.until)}.`);
        },
    });
}
