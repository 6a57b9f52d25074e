// Unit types and units: lists, creating them, and recording a rename, a dissolution or a merge.
import {h, table, section, replace} from '../dom.js';
import {get, post, patch} from '../api.js';
import {pageTitle} from '../layout.js';
import {field, form, value, intValue, invalid} from '../forms.js';
import {fold} from '../format.js';

export async function render(ctx) {
    const [types, units] = await Promise.all([get('/unit-types'), get('/units')]);
    const typeName = code => (types.find(t => t.code === code) || {name: code}).name;
    const typeOptions = types.map(t => ({value: t.code, label: `${t.name} (${t.code})`}));
    const unitOptions = units.map(u => ({value: u.code, label: `${u.code} — ${u.name}`}));

    const listHolder = h('div', {});
    const search = h('input', {type: 'search', id: 'unit-search', placeholder: 'Gõ tên hoặc mã, không cần dấu',
        oninput: () => showUnits()});
    function showUnits() {
        const q = fold(search.value.trim());
        const rows = q ? units.filter(u => fold(`${u.code} ${u.name}`).includes(q)) : units;
        replace(listHolder, h('p', {class: 'count', role: 'status'}, `${rows.length} / ${units.length} đơn vị`),
            table([
                {label: 'Mã', cell: u => u.code},
                {label: 'Tên đơn vị', cell: u => [u.name, formerNames(u)]},
                {label: 'Loại', cell: u => typeName(u.unit_type)},
                {label: 'Từ năm', cell: u => String(u.active_from_year)},
                {label: 'Đến năm', cell: u => (u.active_to_year ? String(u.active_to_year) : '—')},
                {label: 'Sáp nhập vào', cell: u => u.merged_into || '—'},
            ], rows, {empty: 'Không có đơn vị nào khớp.'}));
    }
    showUnits();

    return [
        pageTitle('Đơn vị', 'Danh sách đơn vị được đánh giá, theo loại đơn vị. Đơn vị cũ không bị xóa: sáp nhập, giải thể được ghi lại để tra cứu các năm trước.'),
        section('Danh sách đơn vị',
            h('div', {class: 'field inline'}, h('label', {for: 'unit-search'}, 'Tìm đơn vị'), search),
            listHolder),
        section('Thêm đơn vị', createUnitForm(ctx, typeOptions, unitOptions)),
        section('Đổi tên, sáp nhập, giải thể', updateUnitForm(ctx, units, unitOptions)),
        section('Loại đơn vị',
            table([{label: 'Mã', cell: t => t.code}, {label: 'Tên loại đơn vị', cell: t => t.name}], types),
            h('h3', {}, 'Thêm loại đơn vị'),
            createTypeForm(ctx)),
    ];
}

function createUnitForm(ctx, typeOptions, unitOptions) {
    return form({
        label: 'Thêm đơn vị',
        fields: [
            h('div', {class: 'row'},
                field({name: 'code', label: 'Mã đơn vị', required: true, hint: 'Không dấu: chữ, số, . _ - (ví dụ XA18)',
                    attrs: {autocapitalize: 'characters', spellcheck: 'false'}}),
                field({name: 'name', label: 'Tên đơn vị', required: true})),
            h('div', {class: 'row'},
                field({name: 'unit_type', label: 'Loại đơn vị', type: 'select', required: true,
                    options: [{value: '', label: '— Chọn —'}, ...typeOptions]}),
                field({name: 'active_from_year', label: 'Đánh giá từ năm', type: 'number', required: true,
                    value: new Date().getFullYear(), attrs: {min: 2000, max: 2100}})),
            h('div', {class: 'row'},
                field({name: 'active_to_year', label: 'Đến năm (nếu đã giải thể, sáp nhập)', type: 'number', attrs: {min: 2000, max: 2100}}),
                field({name: 'merged_into', label: 'Sáp nhập vào (nếu có)', type: 'select',
                    options: [{value: '', label: '— Không —'}, ...unitOptions]})),
        ],
        submitLabel: 'Thêm đơn vị',
        onSubmit: async f => {
            const body = {code: value(f, 'code'), name: value(f, 'name'), unit_type: value(f, 'unit_type') || undefined,
                active_from_year: intValue(f, 'active_from_year'), active_to_year: intValue(f, 'active_to_year'),
                merged_into: value(f, 'merged_into') || undefined};
            const u = await post('/units', body);
            ctx.reload(`Đã thêm đơn vị ${u.code} — ${u.name}.`);
        },
    });
}

function updateUnitForm(ctx, units, unitOptions) {
    const f = form({
        label: 'Đổi tên, sáp nhập, giải thể',
        fields: [
            h('p', {class: 'hint'}, 'Sáp nhập: tạo đơn vị mới trước, rồi ghi năm cuối cùng được đánh giá và đơn vị tiếp nhận cho từng đơn vị cũ. Giải thể: chỉ ghi năm cuối cùng. Ghi nhầm thì đánh dấu "Hoạt động trở lại". Không sửa được những năm của kỳ đánh giá đã chốt.'),
            field({name: 'code', label: 'Đơn vị', type: 'select', required: true,
                options: [{value: '', label: '— Chọn đơn vị —'}, ...unitOptions]}),
            h('div', {class: 'row'},
                field({name: 'name', label: 'Tên mới (để trống nếu giữ nguyên)'}),
                field({name: 'name_from_year', label: 'Dùng tên mới từ năm', type: 'number',
                    hint: 'Để trống: năm của kỳ đánh giá mới nhất. Các năm trước giữ tên cũ; năm đã chốt không đổi tên được.',
                    attrs: {min: 2000, max: 2100}})),
            h('div', {class: 'row'},
                field({name: 'active_from_year', label: 'Năm bắt đầu được đánh giá (để trống nếu giữ nguyên)', type: 'number', attrs: {min: 2000, max: 2100}}),
                field({name: 'active_to_year', label: 'Năm cuối cùng được đánh giá', type: 'number', attrs: {min: 2000, max: 2100}}),
                field({name: 'merged_into', label: 'Sáp nhập vào', type: 'select',
                    options: [{value: '', label: '— Không —'}, ...unitOptions]})),
            field({name: 'reopen', label: 'Hoạt động trở lại: bỏ năm cuối cùng và việc sáp nhập', type: 'checkbox'}),
        ],
        submitLabel: 'Lưu',
        onSubmit: async form => {
            const code = value(form, 'code');
            if (!code) {
                invalid('Chưa chọn đơn vị', 'code', 'Chọn đơn vị cần sửa');
            }
            const reopen = form.elements.reopen.checked;
            const name = value(form, 'name') || undefined;
            const body = {name, name_from_year: name ? intValue(form, 'name_from_year') : undefined,
                active_from_year: intValue(form, 'active_from_year'),
                active_to_year: reopen ? null : intValue(form, 'active_to_year'),
                merged_into: reopen ? null : value(form, 'merged_into') || undefined};
            const u = await patch(`/units/${encodeURIComponent(code)}`, body);
            const to = u.active_to_year ? `, đánh giá đến năm ${u.active_to_year}` : '';
            const into = u.merged_into ? `, sáp nhập vào ${u.merged_into}` : '';
            ctx.reload(`Đã lưu ${u.code}: ${u.name}${to}${into}.`);
        },
    });
    return f;
}

// "(trước đây: UBND xã X đến 2022)" for a renamed unit; nothing for one never renamed.
function formerNames(u) {
    const names = u.names || [];
    if (names.length < 2) return null;
    const former = names.slice(0, -1).map((n, i) => `${n.name} đến ${names[i + 1].from_year - 1}`);
    return h('span', {class: 'hint'}, ` (trước đây: ${former.join('; ')})`);
}

function createTypeForm(ctx) {
    return form({
        label: 'Thêm loại đơn vị',
        fields: [h('div', {class: 'row'},
            field({name: 'code', label: 'Mã loại', required: true, hint: 'Không dấu, ví dụ phuong', attrs: {spellcheck: 'false'}}),
            field({name: 'name', label: 'Tên loại đơn vị', required: true}))],
        submitLabel: 'Thêm loại đơn vị',
        onSubmit: async f => {
            const t = await post('/unit-types', {code: value(f, 'code'), name: value(f, 'name')});
            ctx.reload(`Đã thêm loại đơn vị ${t.code} — ${t.name}.`);
        },
    });
}
