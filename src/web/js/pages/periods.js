// Periods (kỳ đánh giá): the list, creating one, and editing a period's name, phase dates and
// finalised flag. Dates are typed in Vietnam time and sent as UTC.
import {h, table, section} from '../dom.js';
import {get, post, patch} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {field, form, showStatus, value, intValue, invalid} from '../forms.js';
import {PHASE_DATES} from '../phase.js';
import {formatDateTime, toLocalInput, fromLocalInput} from '../format.js';
import {loadPeriods} from '../data.js';

export async function renderList(ctx) {
    const periods = await loadPeriods();
    return [
        pageTitle('Kỳ đánh giá', 'Mỗi năm một kỳ đánh giá, với 5 mốc thời gian theo thứ tự.'),
        section('Các kỳ đánh giá', table([
            {label: 'Năm', cell: p => h('a', {href: `#/ky-danh-gia/${p.year}`}, String(p.year))},
            {label: 'Tên', cell: p => p.name},
            {label: 'Mở tự đánh giá', cell: p => formatDateTime(p.self_assessment_opens) || '—'},
            {label: 'Hạn thẩm định bước 2', cell: p => formatDateTime(p.step2_closes) || '—'},
            {label: 'Trạng thái', cell: p => (p.finalised ? 'Đã chốt' : 'Đang thực hiện')},
            {label: 'Thao tác', cell: p => h('a', {href: `#/ky-danh-gia/${p.year}`, 'aria-label': `Sửa mốc thời gian kỳ ${p.year}`}, 'Sửa mốc thời gian')},
        ], periods, {empty: 'Chưa có kỳ đánh giá nào.'})),
        section('Tạo kỳ đánh giá', createForm(ctx)),
    ];
}

function dateFields(period) {
    return PHASE_DATES.map(p => field({
        name: p.key, label: p.label, type: 'datetime-local', value: toLocalInput(period && period[p.key]),
        attrs: {step: 1},
    }));
}

function createForm(ctx) {
    const next = new Date().getFullYear();
    return form({
        label: 'Tạo kỳ đánh giá',
        fields: [
            h('div', {class: 'row'},
                field({name: 'year', label: 'Năm', type: 'number', required: true, value: next, attrs: {min: 2000, max: 2100}}),
                field({name: 'name', label: 'Tên kỳ đánh giá', required: true, value: `Xác định Chỉ số CCHC năm ${next}`})),
            h('fieldset', {}, h('legend', {}, 'Mốc thời gian (giờ Việt Nam; để trống nếu chưa biết)'),
                h('div', {class: 'grid-dates'}, dateFields(null))),
        ],
        submitLabel: 'Tạo kỳ đánh giá',
        onSubmit: async f => {
            const body = {year: intValue(f, 'year'), name: value(f, 'name')};
            for (const p of PHASE_DATES) {
                const iso = fromLocalInput(value(f, p.key));
                if (iso) body[p.key] = iso;
            }
            const created = await post('/periods', body);
            location.hash = `#/ky-danh-gia/${created.year}`;
        },
    });
}

export async function renderEdit(ctx) {
    const year = ctx.params.year;
    const period = await get(`/periods/${encodeURIComponent(year)}`);
    const f = form({
        label: `Sửa kỳ đánh giá ${period.year}`,
        fields: [
            field({name: 'name', label: 'Tên kỳ đánh giá', required: true, value: period.name}),
            h('fieldset', {}, h('legend', {}, 'Mốc thời gian (giờ Việt Nam)'),
                h('p', {class: 'hint'}, 'Mốc sau phải muộn hơn mốc trước. Mốc đã đặt có thể đổi sang ngày khác nhưng không xóa trống được.'),
                h('div', {class: 'grid-dates'}, dateFields(period))),
            field({name: 'finalised', label: 'Đã chốt kỳ đánh giá (khóa mọi thay đổi)', type: 'checkbox', value: period.finalised}),
        ],
        submitLabel: 'Lưu thay đổi',
        onSubmit: async form => {
            // Only what changed is sent, so that untouched dates keep their exact seconds.
            const body = {};
            if (value(form, 'name') !== period.name) body.name = value(form, 'name');
            for (const p of PHASE_DATES) {
                const typed = value(form, p.key);
                if (typed === toLocalInput(period[p.key])) continue;
                const iso = fromLocalInput(typed);
                if (!iso && period[p.key]) {
                    invalid('Không xóa trống được mốc đã đặt', p.key, 'Mốc đã đặt chỉ đổi được sang ngày khác');
                }
                if (iso) body[p.key] = iso;
            }
            const fin = form.elements.finalised.checked;
            if (fin !== period.finalised) body.finalised = fin;
            if (!Object.keys(body).length) {
                showStatus(form, 'Không có gì thay đổi.');
                return;
            }
            const updated = await patch(`/periods/${period.year}`, body);
            Object.assign(period, updated);
            showStatus(form, `Đã lưu kỳ đánh giá ${updated.year}.`);
        },
    });
    return [
        pageTitle(`Kỳ đánh giá ${period.year}`, period.name),
        period.finalised ? alertBox('warn', 'Kỳ đánh giá này đã chốt.', h('p', {}, 'Muốn sửa, bỏ chọn "Đã chốt" rồi lưu.')) : null,
        section('Tên và mốc thời gian', f),
        h('p', {}, h('a', {href: '#/ky-danh-gia'}, '← Các kỳ đánh giá')),
    ];
}
