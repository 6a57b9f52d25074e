// Reviewer assignments. The office sees and changes every reviewer's areas for a year; a
// reviewer sees their own areas and the criteria of those areas for each unit type.
import {h, table, section, uniqueId} from '../dom.js';
import {get, post, del} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {form, value, invalid, submit} from '../forms.js';
import {loadPeriods, chosenYear, yearPicker, currentSets} from '../data.js';
import {criteriaTree} from '../tree.js';

export async function render(ctx) {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    const reviewer = ctx.user.role === 'reviewer';
    const title = reviewer ? 'Lĩnh vực được phân công' : 'Phân công thẩm định';
    if (!year) return [pageTitle(title), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const [assignments, sets] = await Promise.all([get(`/periods/${year}/assignments`), get(`/periods/${year}/criteria-sets`)]);
    const current = [...currentSets(sets).values()];
    const trees = await Promise.all(current.map(s => get(`/criteria-sets/${s.id}`)));
    const areaNames = new Map();
    for (const t of trees) for (const a of t.tree.areas) if (!areaNames.has(a.code)) areaNames.set(a.code, a.name);
    const head = [pageTitle(title, reviewer ? 'Các lĩnh vực bạn thẩm định và bộ tiêu chí của chúng.'
        : 'Mỗi thành viên Tổ thẩm định được giao một số lĩnh vực (theo mã lĩnh vực), áp dụng cho mọi loại đơn vị.'),
    yearPicker(periods, year)];
    if (reviewer) return [...head, ...reviewerView(assignments, trees, areaNames, year, await get('/unit-types'))];
    const users = await get('/users');
    const reviewers = users.filter(u => u.role === 'reviewer' && u.active);
    return [...head,
        section(`Phân công năm ${year}`, table([
            {label: 'Thành viên', cell: a => a.username},
            {label: 'Lĩnh vực', cell: a => a.area_code},
            {label: 'Tên lĩnh vực', cell: a => areaNames.get(a.area_code) || '—'},
            {label: 'Thao tác', cell: a => removeButton(ctx, a)},
        ], assignments, {empty: 'Chưa phân công ai.'})),
        section('Giao lĩnh vực', areaNames.size
            ? assignForm(ctx, year, reviewers, areaNames)
            : alertBox('info', 'Chưa có bộ tiêu chí nào năm này.', h('p', {}, h('a', {href: `#/bo-tieu-chi?nam=${year}`}, 'Nhập bộ tiêu chí'), ' trước, rồi mới phân công được.'))),
    ];
}

function reviewerView(assignments, trees, areaNames, year, types) {
    const mine = assignments.map(a => a.area_code);
    if (!mine.length) return [alertBox('info', `Bạn chưa được phân công lĩnh vực nào năm ${year}.`)];
    const out = [section('Lĩnh vực của bạn', h('ul', {class: 'plain'},
        mine.map(code => h('li', {}, h('strong', {}, `Lĩnh vực ${code}`), `: ${areaNames.get(code) || ''}`))))];
    if (!trees.length) out.push(alertBox('info', 'Chưa có bộ tiêu chí nào năm này.'));
    for (const t of trees) {
        const type = types.find(u => u.code === t.unit_type);
        out.push(section(`Bộ tiêu chí cho ${type ? type.name : t.unit_type} (phiên bản ${t.version})`,
            h('p', {class: 'hint'}, t.title),
            criteriaTree(t.tree, {areas: mine})));
    }
    return out;
}

function removeButton(ctx, a) {
    const f = h('form', {class: 'inline-form', 'aria-label': `Bỏ phân công ${a.username} lĩnh vực ${a.area_code}`},
        h('div', {class: 'buttons'}, h('button', {type: 'submit', class: 'danger small',
            'aria-label': `Bỏ phân công ${a.username}, lĩnh vực ${a.area_code}`}, 'Bỏ')));
    f.addEventListener('submit', async event => {
        event.preventDefault();
        const path = `/periods/${a.year}/assignments/${encodeURIComponent(a.username)}/${encodeURIComponent(a.area_code)}`;
        const ok = await submit(f, () => del(path).then(() => true));
        if (ok) ctx.reload(`Đã bỏ phân công lĩnh vực ${a.area_code} của ${a.username}.`);
    });
    return f;
}

function assignForm(ctx, year, reviewers, areaNames) {
    const selectId = uniqueId('f-username');
    const boxes = [...areaNames.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([code, name]) => {
        const id = uniqueId('area');
        return h('div', {class: 'field check'},
            h('input', {type: 'checkbox', id, name: 'area_codes', value: code}),
            h('label', {for: id}, `${code}. ${name}`));
    });
    return form({
        label: 'Giao lĩnh vực',
        fields: [
            h('div', {class: 'field', dataset: {field: 'username'}},
                h('label', {for: selectId}, 'Thành viên Tổ thẩm định'),
                h('select', {id: selectId, name: 'username', required: true, 'aria-describedby': `${selectId}-error`},
                    h('option', {value: ''}, '— Chọn —'),
                    reviewers.map(u => h('option', {value: u.username}, `${u.username} — ${u.display_name}`))),
                h('p', {class: 'field-error', id: `${selectId}-error`, hidden: true})),
            h('fieldset', {class: 'field', dataset: {field: 'area_codes'}},
                h('legend', {}, 'Lĩnh vực'),
                h('div', {class: 'checks'}, boxes),
                h('p', {class: 'field-error', hidden: true})),
        ],
        submitLabel: 'Giao lĩnh vực',
        onSubmit: async f => {
            const username = value(f, 'username');
            const codes = [...f.querySelectorAll('input[name="area_codes"]:checked')].map(c => c.value);
            if (!username) invalid('Chưa chọn thành viên', 'username', 'Chọn một thành viên Tổ thẩm định');
            const r = await post(`/periods/${year}/assignments`, {username, area_codes: codes});
            ctx.reload(`${username} được phân công lĩnh vực ${r.map(a => a.area_code).join(', ')} năm ${year}.`);
        },
    });
}
