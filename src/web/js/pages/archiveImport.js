// A unit sends a whole folder of evidence as one archive (zip, 7z, rar, tar…): a dry run first,
// whose per-entry report says what would be imported, what is a duplicate, what matches no
// sub-criterion and what is refused (then nothing at all is stored); the real import only after
// a clean dry run of the same file. docs/evidence.md, "archive import".
import {h, replace, table} from '../dom.js';
import {get, upload, ApiError} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker} from '../data.js';
import {field, form, invalid, clearErrors, showStatus} from '../forms.js';
import {phaseLine} from '../assessment.js';
import {formatSize} from '../evidence.js';
import {itemHref} from './selfList.js';

const STATUS = {
    imported: ['Sẽ nhập', 'Đã nhập', 'badge-ok'],
    duplicate: ['Trùng, bỏ qua', 'Trùng, bỏ qua', 'badge-withdrawn'],
    unmatched: ['Không rõ tiêu chí, bỏ qua', 'Không rõ tiêu chí, bỏ qua', 'badge-warn'],
    rejected: ['Bị từ chối', 'Bị từ chối', 'badge-bad'],
};

export async function render(ctx) {
    const [[unit], periods] = await Promise.all([get('/units'), loadPeriods()]);
    if (!unit) return [pageTitle('Nộp tài liệu bằng tệp nén'), alertBox('warn', 'Tài khoản chưa gắn với đơn vị nào.')];
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Nộp tài liệu bằng tệp nén'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const a = await get(`/periods/${year}/units/${encodeURIComponent(unit.code)}/assessment`);
    return [
        pageTitle(`Nộp tài liệu bằng tệp nén năm ${year}`, `${unit.name} (${unit.code}). Nộp cả thư mục tài liệu kiểm chứng một lần: nén thư mục thành một tệp rồi tải lên.`),
        yearPicker(periods, year),
        h('div', {class: 'summary'}, phaseLine(a)),
        h('section', {class: 'card'},
            h('h2', {}, 'Đặt tên thế nào'),
            h('p', {}, 'Mỗi tệp được ghi vào tiêu chí thành phần có mã đứng đầu tên tệp, hoặc đầu tên thư mục chứa nó (xét từ tên tệp ra ngoài). Sau mã là dấu cách, "_", "-" hoặc ".".'),
            h('ul', {},
                h('li', {}, h('span', {class: 'file-path'}, '1.1.2 Kế hoạch/Kế hoạch 97.pdf'), ' → tiêu chí 1.1.2, lưu với tên "Kế hoạch 97.pdf"'),
                h('li', {}, h('span', {class: 'file-path'}, '1.1.3_Báo cáo quý.pdf'), ' → tiêu chí 1.1.3'),
                h('li', {}, h('span', {class: 'file-path'}, 'Quyết định/QĐ 12.pdf'), ' → không có mã: bỏ qua, báo lại để bạn đổi tên')),
            h('p', {class: 'hint'}, 'Chấp nhận .zip, .7z, .rar, .tar, .tar.gz, .tar.xz, .tar.bz2. Tệp trùng với tệp đã nộp cho cùng tiêu chí được bỏ qua. Nếu có mục không an toàn hoặc hỏng, cả tệp nén bị từ chối và không lưu gì. Số, ngày, cơ quan ban hành của từng văn bản thì nhập khi tải từng tệp ở trang ',
                h('a', {href: `#/tu-danh-gia?nam=${year}`}, 'Tự đánh giá'), '.')),
        h('section', {class: 'card'}, h('h2', {}, 'Tải tệp nén lên'), importForm(ctx, year, unit)),
    ];
}

function importForm(ctx, year, unit) {
    const path = `/periods/${year}/units/${encodeURIComponent(unit.code)}/evidence-archive`;
    const result = h('div', {class: 'import-result', 'aria-live': 'polite'});
    const progress = h('progress', {max: 100, value: 0, hidden: true, 'aria-label': 'Tiến độ tải lên'});
    let checked = null;  // the file of the last clean dry run with something to import
    const importButton = h('button', {type: 'submit', name: 'import', value: 'real', disabled: true}, 'Nhập chính thức');
    const f = form({
        label: 'Nhập tài liệu từ tệp nén',
        fields: [field({name: 'archive', label: 'Tệp nén', type: 'file', required: true,
            hint: 'Bấm "Kiểm tra (chạy thử)" trước: hệ thống đọc tệp, báo từng mục sẽ vào tiêu chí nào, chưa lưu gì.',
            attrs: {accept: '.zip,.7z,.rar,.tar,.tgz,.gz,.xz,.bz2'}}), progress],
        submitLabel: 'Kiểm tra (chạy thử)',
        extraButtons: [importButton],
        onSubmit: async (form, submitter) => {
            replace(result);
            const file = form.elements.archive.files[0];
            if (!file) invalid('Chưa chọn tệp', 'archive', 'Chọn tệp nén');
            const real = submitter && submitter.name === 'import';
            if (real && checked !== file)
                invalid('Cần chạy thử trước', 'archive', 'Bấm "Kiểm tra (chạy thử)" với tệp này trước khi nhập chính thức');
            checked = null;
            const data = new FormData();
            data.append('archive', file, file.name);
            progress.hidden = false;
            progress.value = 0;
            let report;
            try {
                report = await upload(`${path}?dry_run=${real ? 'false' : 'true'}`, data,
                    {onProgress: (loaded, total) => { progress.value = total ? Math.round((loaded / total) * 100) : 0; }});
            } catch (e) {
                if (!(e instanceof ApiError) || !e.body || !Array.isArray(e.body.entries)) throw e;
                const r = e.body;
                replace(result, reportView(r, year));
                throw new ApiError(e.status, e.code, e.message, [{path: 'archive',
                    message: r.counts.rejected
                        ? `${r.counts.rejected} mục bị từ chối (xem bảng bên dưới): chưa lưu tệp nào. Sửa hoặc bỏ các mục đó, nén lại rồi thử lại`
                        : 'Tệp nén bị từ chối: chưa lưu tệp nào'}]);
            } finally {
                progress.hidden = true;
            }
            replace(result, reportView(report, year));
            const c = report.counts;
            if (real) {
                showStatus(form, c.imported
                    ? `Đã nhập ${c.imported} tệp vào các tiêu chí thành phần. Xem lại ở trang Tự đánh giá.`
                    : 'Không có tệp mới nào để nhập.');
                return;
            }
            if (c.imported) {
                checked = file;
                showStatus(form, `Chạy thử xong: ${c.imported} tệp sẽ được nhập. Bấm "Nhập chính thức" để lưu.`);
            } else {
                showStatus(form, 'Chạy thử xong: không có tệp mới nào để nhập.');
            }
        },
        afterSubmit: () => { importButton.disabled = !checked; },
    });
    f.elements.archive.addEventListener('change', () => {
        checked = null;
        importButton.disabled = true;
        replace(result);
        clearErrors(f);
    });
    return [f, result];
}

function reportView(r, year) {
    const c = r.counts;
    const dry = r.dry_run || !r.stored;
    return h('div', {class: 'archive-report'},
        h('h3', {}, dry ? `Kết quả chạy thử: ${r.archive}` : `Đã nhập từ ${r.archive}`),
        h('p', {class: 'archive-counts'}, `${c.entries} mục: `,
            `${c.imported} ${dry ? 'sẽ nhập' : 'đã nhập'}, ${c.duplicate} trùng, ${c.unmatched} không rõ tiêu chí, ${c.rejected} bị từ chối.`,
            r.format ? h('span', {class: 'muted'}, ` Định dạng: ${r.format}.`) : null),
        table([
            {label: 'Mục trong tệp nén', cell: e => h('span', {class: 'file-path entry-path'}, e.path)},
            {label: 'Kết quả', cell: e => {
                const [dryText, doneText, cls] = STATUS[e.status] || [e.status, e.status, ''];
                return h('span', {class: `badge ${cls}`, dataset: {status: e.status}}, dry ? dryText : doneText);
            }},
            {label: 'Tiêu chí', cell: e => (e.sub_code ? h('a', {href: itemHref(year, e)}, e.sub_code) : '—')},
            {label: 'Lưu với tên', cell: e => e.file_name || '—'},
            {label: 'Dung lượng', cell: e => (e.size ? formatSize(e.size) : '—'), class: 'num'},
            {label: 'Lý do', cell: e => e.message || '—'},
        ], r.entries, {empty: 'Tệp nén không có mục nào.'}));
}
