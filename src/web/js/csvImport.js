// Importing a CSV file the office prepared (survey points, SIPAS answers or aggregates): a dry
// run first, whose report is shown, or whose refused rows are listed each with its line of the
// file and the server's reason; the real import only after a clean dry run of the same file.
// The server stores nothing unless every row is valid (docs/results.md).
import {h, replace} from './dom.js';
import {api, ApiError} from './api.js';
import {field, form, value, invalid, clearErrors, showStatus} from './forms.js';
import {csvRowOf} from './messages.js';

// opts: {label (the form's name), path (API path), choices ([{value, label, path}]: a select
// "kind" choosing the path instead), hint, fileLabel, report(report, kind) -> {text, nodes}
// (what a clean dry run says), done(report, kind) -> the message after the real import}.
// Returns [form, result area].
export function csvImportForm(ctx, opts) {
    const result = h('div', {class: 'import-result', 'aria-live': 'polite'});
    let checked = null;  // {file, kind} of the last clean dry run
    const importButton = h('button', {type: 'submit', name: 'import', value: 'real', disabled: true}, 'Nhập chính thức');
    const f = form({
        label: opts.label,
        fields: [
            opts.hint ? h('p', {class: 'hint'}, opts.hint) : null,
            opts.choices ? field({name: 'kind', label: 'Loại dữ liệu', type: 'select', required: true,
                options: opts.choices.map(c => ({value: c.value, label: c.label}))}) : null,
            field({name: 'file', label: opts.fileLabel || 'Tệp CSV', type: 'file', required: true,
                hint: 'UTF-8 (có hoặc không có BOM), phân cách bằng dấu phẩy hoặc dấu chấm phẩy; chấp nhận dấu phẩy thập phân.',
                attrs: {accept: '.csv,text/csv'}}),
        ],
        submitLabel: 'Kiểm tra (chạy thử)',
        extraButtons: [importButton],
        onSubmit: async (form, submitter) => {
            replace(result);
            const kind = opts.choices ? value(form, 'kind') : '';
            const file = form.elements.file.files[0];
            if (!file) invalid('Chưa chọn tệp', 'file', 'Chọn tệp CSV');
            const real = submitter && submitter.name === 'import';
            if (real && !(checked && checked.file === file && checked.kind === kind))
                invalid('Cần chạy thử trước', 'file', 'Bấm "Kiểm tra (chạy thử)" với tệp này trước khi nhập chính thức');
            const path = opts.choices ? opts.choices.find(c => c.value === kind).path : opts.path;
            try {
                // Excel on Windows labels .csv files application/vnd.ms-excel: the bytes go as text/csv.
                const report = await api('POST', path, {body: new Blob([file], {type: 'text/csv'}),
                    query: {dry_run: real ? 'false' : 'true'}});
                if (real) {
                    ctx.reload(opts.done(report, kind));
                    return;
                }
                checked = {file, kind};
                const shown = opts.report(report, kind);
                showStatus(form, `${shown.text} Bấm "Nhập chính thức" để lưu.`);
                replace(result, shown.nodes);
            } catch (e) {
                checked = null;
                const rows = (e.details || []).filter(d => csvRowOf(d.path) !== null);
                if (!rows.length) throw e;
                replace(result, await rowProblems(rows, file));
                throw new ApiError(e.status, e.code, e.message, [
                    {path: 'file', message: `Tệp có ${rows.length} dòng lỗi, xem danh sách bên dưới; chưa nhập dòng nào`},
                    ...e.details.filter(d => !rows.includes(d))]);
            }
        },
        afterSubmit: () => { importButton.disabled = !checked; },
    });
    const reset = () => {
        checked = null;
        importButton.disabled = true;
        replace(result);
        clearErrors(f);
    };
    f.elements.file.addEventListener('change', reset);
    if (f.elements.kind) f.elements.kind.addEventListener('change', reset);
    return [f, result];
}

// Every refused row: its line number, the line as it is in the file, and the reason.
async function rowProblems(rows, file) {
    let lines = [];
    try {
        lines = (await file.text()).replace(/^\uFEFF/, '').split(/\r?\n/);
    } catch {
        lines = [];
    }
    return h('div', {class: 'problems'},
        h('h3', {}, `${rows.length} dòng lỗi`),
        h('p', {class: 'hint'}, 'Dòng 1 là dòng tiêu đề. Sửa các dòng dưới đây trong tệp rồi chạy thử lại; chưa có dòng nào được nhập.'),
        h('ol', {class: 'row-problems'}, rows.map(d => {
            const n = csvRowOf(d.path);
            const text = lines[n - 1];
            return h('li', {dataset: {row: String(n)}},
                h('p', {class: 'where'}, h('strong', {}, `Dòng ${n}`), text ? [' ', h('code', {}, text)] : null),
                h('p', {}, d.message));
        })));
}
