// How one unit type's results are ranked and graded in a period (GET/PUT
// …/result-settings/{type}): the tie rule, whether survey points count or the appraised score
// is rescaled to 100, and the grades by index thresholds. The office edits; reviewers read.
import {h, section, uniqueId} from '../dom.js';
import {get, put} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {field, form, value, invalid} from '../forms.js';
import {loadPeriods, chosenYear, yearPicker, querySelect, typesWithSets} from '../data.js';
import {formatPoints, parseDecimal} from '../format.js';
import {TIE_RULE_LABELS, SURVEY_MODE_LABELS} from '../messages.js';
import {settingsFacts, resultsHref} from '../results.js';

export async function render(ctx) {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Cách xếp hạng, xếp loại'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const {types, type} = await typesWithSets(year);
    const head = [pageTitle(`Cách xếp hạng, xếp loại năm ${year}`, 'Mỗi loại đơn vị có cách xếp loại, xếp hạng riêng trong từng năm.'), yearPicker(periods, year)];
    if (!type) return [...head, alertBox('info', `Chưa có bộ tiêu chí nào năm ${year}.`)];
    const settings = await get(`/periods/${year}/result-settings/${encodeURIComponent(type.code)}`);
    const office = ctx.user.role === 'admin' || ctx.user.role === 'clerk';
    return [...head,
        h('div', {class: 'filters'}, querySelect('loai', 'Loại đơn vị', types.map(x => ({value: x.code, label: x.name})), type.code)),
        section(`Đang áp dụng: ${type.name}`, settingsFacts(settings),
            h('p', {}, h('a', {href: resultsHref(year, type.code)}, 'Xem bảng kết quả'))),
        office ? section('Sửa', settingsForm(ctx, year, type, settings)) : null,
    ];
}

function gradeRow(g, n) {
    const row = h('fieldset', {class: 'grade-row'},
        h('legend', {}, `Xếp loại ${n}`),
        h('div', {class: 'row row-3'},
            field({name: 'grade_name', label: 'Tên', value: g.grade, required: true}),
            field({name: 'grade_min', label: 'Chỉ số từ (%)', value: g.min_pct === null ? '' : formatPoints(g.min_pct), hint: 'Để trống: không có cận dưới', attrs: {inputmode: 'decimal'}}),
            field({name: 'grade_max', label: 'Đến dưới (%)', value: g.max_pct === null ? '' : formatPoints(g.max_pct), hint: 'Để trống: không có cận trên', attrs: {inputmode: 'decimal'}})),
        h('button', {type: 'button', class: 'small danger', onclick: () => row.remove()}, `Bỏ xếp loại ${n}`));
    return row;
}

function settingsForm(ctx, year, type, settings) {
    const list = h('div', {class: 'grade-list', dataset: {field: 'grades'}},
        h('p', {class: 'field-error', id: uniqueId('grades-error'), hidden: true}),
        settings.grades.map((g, i) => gradeRow(g, i + 1)));
    const options = labels => Object.entries(labels).map(([v, l]) => ({value: v, label: l}));
    return form({
        label: 'Cách xếp hạng, xếp loại',
        fields: [
            field({name: 'tie_rule', label: 'Khi bằng điểm', type: 'select', options: options(TIE_RULE_LABELS), value: settings.tie_rule}),
            field({name: 'survey_mode', label: 'Điểm điều tra xã hội học', type: 'select', options: options(SURVEY_MODE_LABELS), value: settings.survey_mode,
                hint: 'Quy đổi: các tiêu chí điều tra không tính; chỉ số = điểm thẩm định ÷ điểm tối đa phần thẩm định × 100.'}),
            h('h3', {}, 'Xếp loại theo chỉ số (%)'),
            h('p', {class: 'hint'}, 'Đơn vị nhận xếp loại đầu tiên có "từ" ≤ chỉ số < "đến dưới". Các khoảng không được chồng nhau và phải phủ kín từ 0% đến 100%.'),
            list,
        ],
        submitLabel: 'Lưu',
        extraButtons: [
            h('button', {type: 'button', onclick: () => {
                const row = gradeRow({grade: '', min_pct: null, max_pct: null}, list.querySelectorAll('.grade-row').length + 1);
                list.append(row);
                row.querySelector('input').focus();
            }}, 'Thêm xếp loại'),
            h('button', {type: 'submit', name: 'default'}, 'Dùng xếp loại mặc định'),
        ],
        onSubmit: async (f, submitter) => {
            const useDefault = submitter && submitter.name === 'default';
            const grades = useDefault ? [] : [...f.querySelectorAll('.grade-row')].map((r, i) => {
                const num = name => {
                    const v = parseDecimal(r.querySelector(`[name=${name}]`).value);
                    if (Number.isNaN(v)) invalid('Số không hợp lệ', 'grades', `Xếp loại ${i + 1}: chỉ số phải là số, ví dụ 84,5`);
                    return v;
                };
                return {grade: r.querySelector('[name=grade_name]').value.trim(), min_pct: num('grade_min'), max_pct: num('grade_max')};
            });
            try {
                await put(`/periods/${year}/result-settings/${encodeURIComponent(type.code)}`,
                    {tie_rule: value(f, 'tie_rule'), survey_mode: value(f, 'survey_mode'), grades});
                ctx.reload(`Đã lưu cách xếp hạng, xếp loại cho ${type.name} năm ${year}.`);
            } catch (e) {
                e.details = (e.details || []).map(d => {
                    const m = /^\$\.grades\[(\d+)\]/.exec(d.path || '');
                    return m ? {path: 'grades', message: `Xếp loại ${Number(m[1]) + 1}: ${d.message}`} : d;
                });
                throw e;
            }
        },
    });
}
