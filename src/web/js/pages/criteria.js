// Criteria sets: the sets of a year, importing a JSON file (a dry run first, which lists every
// problem with its place in the file; the real import only after a clean dry run of the same
// file), copying the previous year's set, and one set's tree (downloadable as a JSON file).
import {h, table, section, replace} from '../dom.js';
import {get, api, ApiError} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {field, form, value, invalid, clearErrors, showStatus} from '../forms.js';
import {loadPeriods, chosenYear, yearPicker, currentSets} from '../data.js';
import {criteriaTree} from '../tree.js';
import {formatDateTime, formatPoints} from '../format.js';
import {describeCriteriaPath} from '../messages.js';

export async function renderList(ctx) {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Bộ tiêu chí'), alertBox('info', 'Chưa có kỳ đánh giá nào.', h('p', {}, h('a', {href: '#/ky-danh-gia'}, 'Tạo kỳ đánh giá')))];
    const previous = periods.find(p => p.year < year);  // periods are newest first
    const [sets, types, previousSets] = await Promise.all([get(`/periods/${year}/criteria-sets`), get('/unit-types'),
        previous ? get(`/periods/${previous.year}/criteria-sets`) : []]);
    const current = currentSets(sets);
    return [
        pageTitle('Bộ tiêu chí', 'Mỗi năm, mỗi loại đơn vị có một bộ tiêu chí. Nhập lại thì thành phiên bản mới; phiên bản lớn nhất là bộ đang dùng.'),
        yearPicker(periods, year),
        section(`Các bộ tiêu chí năm ${year}`, table([
            {label: 'Loại đơn vị', cell: s => s.unit_type},
            {label: 'Phiên bản', cell: s => (current.get(s.unit_type) === s ? `${s.version} (đang dùng)` : String(s.version))},
            {label: 'Tên', cell: s => h('a', {href: `#/bo-tieu-chi/${s.id}`}, s.title)},
            {label: 'Tổng điểm', cell: s => formatPoints(s.total_points)},
            {label: 'Nhập lúc', cell: s => `${formatDateTime(s.created_at)} (${s.created_by})`},
        ], sets, {empty: 'Chưa có bộ tiêu chí nào năm này.'})),
        section('Nhập bộ tiêu chí từ tệp JSON', importForm(ctx, year, types)),
        previousSets.length ? section(`Sao chép bộ tiêu chí năm ${previous.year}`,
            copyForm(ctx, year, previous.year, [...currentSets(previousSets).values()], current)) : null,
    ];
}

// Copies an earlier year's current set of a unit type into year, when the criteria did not change.
function copyForm(ctx, year, fromYear, fromSets, current) {
    return form({
        label: `Sao chép bộ tiêu chí năm ${fromYear}`,
        fields: [
            h('p', {class: 'hint'}, `Khi bộ tiêu chí năm ${year} giống năm ${fromYear}: lấy nguyên bộ đang dùng năm ${fromYear} của loại đơn vị đã chọn, đổi năm trong tên bộ thành ${year}. Bộ tiêu chí thay đổi thì nhập tệp mới như trên.`),
            field({name: 'unit_type', label: 'Loại đơn vị', type: 'select', required: true,
                options: [{value: '', label: '— Chọn —'}, ...fromSets.map(s => ({value: s.unit_type,
                    label: `${s.unit_type}: ${s.title}${current.has(s.unit_type) ? ` (năm ${year} đã có bộ tiêu chí: bản sao sẽ thành phiên bản mới)` : ''}`}))]}),
        ],
        submitLabel: 'Sao chép',
        onSubmit: async f => {
            const unitType = value(f, 'unit_type');
            if (!unitType) invalid('Chưa chọn loại đơn vị', 'unit_type', 'Chọn loại đơn vị cần sao chép bộ tiêu chí');
            const info = await api('POST', `/periods/${year}/criteria-sets/copy`, {query: {from_year: String(fromYear), unit_type: unitType}});
            ctx.reload(`Đã sao chép bộ tiêu chí năm ${fromYear} cho loại đơn vị ${info.unit_type}: "${info.title}", phiên bản ${info.version}.`);
        },
    });
}

function importForm(ctx, year, types) {
    const result = h('div', {class: 'import-result', 'aria-live': 'polite'});
    let checked = null;  // {file, unitType} of the last clean dry run
    const importButton = h('button', {type: 'submit', name: 'import', value: 'real', disabled: true}, 'Nhập chính thức');
    const f = form({
        label: 'Nhập bộ tiêu chí',
        fields: [
            h('p', {class: 'hint'}, 'Bước 1: chọn loại đơn vị và tệp, bấm "Kiểm tra (chạy thử)": máy chủ kiểm tra toàn bộ tệp, không lưu gì. Bước 2: khi tệp hợp lệ, bấm "Nhập chính thức". Định dạng tệp: xem docs/criteria-format.md.'),
            h('div', {class: 'row'},
                field({name: 'unit_type', label: 'Loại đơn vị', type: 'select', required: true,
                    options: [{value: '', label: '— Chọn —'}, ...types.map(t => ({value: t.code, label: `${t.name} (${t.code})`}))]}),
                field({name: 'file', label: 'Tệp bộ tiêu chí (.json)', type: 'file', required: true,
                    attrs: {accept: '.json,application/json'}})),
        ],
        submitLabel: 'Kiểm tra (chạy thử)',
        extraButtons: [importButton],
        onSubmit: async (form, submitter) => {
            replace(result);
            const unitType = value(form, 'unit_type');
            const file = form.elements.file.files[0];
            if (!unitType) invalid('Chưa chọn loại đơn vị', 'unit_type', 'Chọn loại đơn vị của bộ tiêu chí');
            if (!file) invalid('Chưa chọn tệp', 'file', 'Chọn tệp JSON của bộ tiêu chí');
            const real = submitter && submitter.name === 'import';
            if (real && !(checked && checked.file === file && checked.unitType === unitType))
                invalid('Cần chạy thử trước', 'file', 'Bấm "Kiểm tra (chạy thử)" với tệp này trước khi nhập chính thức');
            try {
                const info = await api('POST', `/periods/${year}/criteria-sets`,
                    {body: file, query: {unit_type: unitType, dry_run: real ? 'false' : 'true'}});
                if (real) {
                    ctx.reload(`Đã nhập bộ tiêu chí cho loại đơn vị ${info.unit_type}, phiên bản ${info.version} (tổng ${formatPoints(info.total_points)} điểm).`);
                    return;
                }
                checked = {file, unitType};
                importButton.disabled = false;
                showStatus(form, `Tệp hợp lệ: "${info.title}", tổng ${formatPoints(info.total_points)} điểm; sẽ lưu thành phiên bản ${info.version} cho loại đơn vị ${info.unit_type}. Bấm "Nhập chính thức" để lưu.`);
            } catch (e) {
                checked = null;
                const problems = (e.details || []).filter(d => d.path === '$' || d.path.startsWith('$.'));
                if (!problems.length) throw e;
                // The document's problems are listed below the form; the file field says so.
                replace(result, await problemList(problems, file));
                throw new ApiError(e.status, e.code, e.message, [
                    {path: 'file', message: `Tệp có ${problems.length} lỗi, xem danh sách bên dưới`},
                    ...e.details.filter(d => !problems.includes(d))]);
            }
        },
        // The real import stays off until a clean dry run of the chosen file.
        afterSubmit: () => { importButton.disabled = !checked; },
    });
    const reset = () => {
        checked = null;
        importButton.disabled = true;
        replace(result);
        clearErrors(f);
    };
    f.elements.unit_type.addEventListener('change', reset);
    f.elements.file.addEventListener('change', reset);
    return [f, result];
}

// Every problem of a refused document, each with its path in words (codes read from the file
// when it parses) and the raw path.
async function problemList(problems, file) {
    let doc = null;
    try {
        doc = JSON.parse(await file.text());
    } catch {
        doc = null;
    }
    return h('div', {class: 'problems'},
        h('h3', {}, `Tệp có ${problems.length} lỗi`),
        h('p', {class: 'hint'}, 'Sửa lỗi đầu tiên rồi chạy thử lại: một lỗi có thể kéo theo nhiều thông báo. Vị trí "$.areas[0]" là lĩnh vực thứ nhất (đếm từ 0).'),
        h('ol', {}, problems.map(d => h('li', {},
            h('p', {class: 'where'}, h('strong', {}, describeCriteriaPath(d.path, doc)), ' ', h('code', {}, d.path)),
            h('p', {}, d.message)))));
}

export async function renderSet(ctx) {
    const set = await get(`/criteria-sets/${encodeURIComponent(ctx.params.id)}`);
    const office = ctx.user.role === 'admin' || ctx.user.role === 'clerk';
    return [
        pageTitle(set.title, `Năm ${set.year}, loại đơn vị ${set.unit_type}, phiên bản ${set.version}.`),
        h('dl', {class: 'facts summary'},
            h('dt', {}, 'Tổng điểm'), h('dd', {}, `${formatPoints(set.total_points)} (thẩm định ${formatPoints(set.appraisal_points)}, điều tra xã hội học ${formatPoints(set.survey_points)})`),
            h('dt', {}, 'Nhập lúc'), h('dd', {}, `${formatDateTime(set.created_at)} bởi ${set.created_by}`),
            h('dt', {}, 'Mã băm tệp gốc (SHA-256)'), h('dd', {class: 'hash'}, set.source_sha256)),
        section('Cây tiêu chí', criteriaTree(set.tree)),
        office ? h('p', {}, h('a', {href: URL.createObjectURL(new Blob([JSON.stringify(set.tree, null, 2)], {type: 'application/json'})),
            download: `bo-tieu-chi-${set.year}-${set.unit_type}-v${set.version}.json`}, 'Tải tệp JSON của bộ tiêu chí này'),
        ' (để sửa rồi nhập cho năm sau: đổi "year" và nội dung cần đổi).') : null,
        office ? h('p', {}, h('a', {href: `#/bo-tieu-chi?nam=${set.year}`}, '← Các bộ tiêu chí năm ' + set.year)) : null,
    ];
}
