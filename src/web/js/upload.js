// Uploading evidence files for one sub-criterion: drop files on the zone or choose them (many at
// once), give the document's number, date, issuer and page once for the batch, then send. Each
// file goes in its own request with its own progress bar, up to PARALLEL_UPLOADS requests at
// once; a file that fails keeps its row with the reason and a "Thử lại" button, and the others
// carry on. What the batch stored reaches onUploaded in the order the files were chosen.
import {h, replace, uniqueId} from './dom.js';
import {upload} from './api.js';
import {field, clearErrors, showErrors, showStatus} from './forms.js';
import {formatSize} from './evidence.js';

const META = ['doc_number', 'issue_date', 'issuer', 'page_ref', 'note'];

// Requests in flight at once. The server hashes, stores and flushes every file before it answers,
// so one request at a time leaves a core idle while it waits for the disk and the disk idle while
// it computes; with a few in flight they overlap (bench/README.md, "bench/upload": 1,000 files of
// 1 MiB 3 at a time reached 0.95–1.80x the write-and-fsync baseline, one at a time 0.32–0.84x).
// More would gain little on the server's 2 cores, and each request holds one of the browser's six
// connections to the server, which the page also needs.
const PARALLEL_UPLOADS = 3;

// path: the upload address (…/evidence/{sub}); roundLabel: the round the files go into;
// onUploaded(items, message) after a batch stored at least one file.
export function uploadPanel({path, roundLabel, onUploaded}) {
    const queue = [];  // {file, state: 'waiting'|'sending'|'done'|'failed', row, bar, status}
    const inputId = uniqueId('files');
    const input = h('input', {type: 'file', id: inputId, name: 'file', multiple: true, class: 'drop-input',
        onchange: () => { add(input.files); input.value = ''; }});
    const zone = h('div', {class: 'drop-zone', dataset: {field: 'file'}},
        h('p', {class: 'drop-title'}, 'Kéo thả tệp vào đây'),
        h('p', {}, 'hoặc ', h('label', {for: inputId, class: 'file-button'}, 'chọn tệp từ máy'), input),
        h('p', {class: 'hint'}, 'Chọn được nhiều tệp một lúc; mỗi tệp được tải lên riêng và có thanh tiến độ.'),
        h('p', {class: 'field-error', hidden: true}));
    for (const type of ['dragenter', 'dragover']) {
        zone.addEventListener(type, e => { e.preventDefault(); zone.classList.add('over'); });
    }
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', e => {
        e.preventDefault();
        zone.classList.remove('over');
        if (e.dataTransfer && e.dataTransfer.files) add(e.dataTransfer.files);
    });
    const list = h('ul', {class: 'upload-queue', 'aria-label': 'Tệp chờ tải lên'});
    const sendButton = h('button', {type: 'submit', class: 'primary'}, 'Tải lên');
    const f = h('form', {class: 'form upload-form', 'aria-label': 'Tải tài liệu kiểm chứng lên', novalidate: true},
        h('p', {class: 'hint'}, `Tệp sẽ được ghi vào vòng "${roundLabel}".`),
        zone, list,
        h('fieldset', {}, h('legend', {}, 'Thông tin văn bản (áp dụng cho các tệp tải lên lần này; không bắt buộc)'),
            h('div', {class: 'row'},
                field({name: 'doc_number', label: 'Số, ký hiệu', hint: 'Ví dụ 97/KH-UBND'}),
                field({name: 'issue_date', label: 'Ngày ban hành', type: 'date'})),
            h('div', {class: 'row'},
                field({name: 'issuer', label: 'Cơ quan ban hành'}),
                field({name: 'page_ref', label: 'Trang, mục chứng minh', hint: 'Ví dụ tr. 2, mục II.1'})),
            field({name: 'note', label: 'Ghi chú'})),
        h('div', {class: 'form-status', role: 'status', 'aria-live': 'polite'}),
        h('div', {class: 'buttons'}, sendButton));
    f.addEventListener('submit', e => {
        e.preventDefault();
        sendAll();
    });

    function add(files) {
        for (const file of files) {
            const entry = {file, state: 'waiting'};
            entry.bar = h('progress', {max: 100, value: 0, 'aria-label': `Tiến độ tải ${file.name}`});
            entry.status = h('span', {class: 'upload-status'}, 'Chờ tải lên');
            entry.actions = h('span', {class: 'upload-actions'});
            entry.row = h('li', {class: 'upload-item'},
                h('span', {class: 'file-name'}, file.name), ' ', h('span', {class: 'muted'}, `(${formatSize(file.size)})`),
                entry.bar, entry.status, entry.actions);
            replace(entry.actions, h('button', {type: 'button', class: 'small link-button', 'aria-label': `Bỏ tệp ${file.name}`,
                onclick: () => { queue.splice(queue.indexOf(entry), 1); entry.row.remove(); }}, 'Bỏ'));
            queue.push(entry);
            list.append(entry.row);
        }
    }

    function metadata() {
        const out = {};
        for (const name of META) {
            const v = String(f.elements[name].value || '').trim();
            if (v) out[name] = v;
        }
        return out;
    }

    async function sendOne(entry, meta) {
        entry.state = 'sending';
        entry.row.classList.remove('failed');
        replace(entry.actions);
        entry.status.textContent = 'Đang tải lên…';
        const data = new FormData();
        for (const [k, v] of Object.entries(meta)) data.append(k, v);
        data.append('file', entry.file, entry.file.name);
        try {
            const items = await upload(path, data, {onProgress: (loaded, total) => {
                if (total) entry.bar.value = Math.round((loaded / total) * 100);
            }});
            entry.state = 'done';
            entry.bar.value = 100;
            entry.status.textContent = 'Đã tải lên';
            entry.row.classList.add('done');
            return items || [];
        } catch (e) {
            entry.state = 'failed';
            entry.bar.value = 0;
            entry.row.classList.add('failed');
            entry.status.textContent = `Lỗi: ${e.message}`;
            entry.error = e;
            replace(entry.actions, h('button', {type: 'button', class: 'small', 'aria-label': `Thử lại ${entry.file.name}`,
                onclick: () => sendAll([entry])}, 'Thử lại'));
            return [];
        }
    }

    async function sendAll(only) {
        clearErrors(f);
        const todo = only || queue.filter(q => q.state === 'waiting' || q.state === 'failed');
        if (!todo.length) {
            const slot = zone.querySelector('.field-error');
            slot.textContent = 'Chưa chọn tệp nào';
            slot.hidden = false;
            zone.querySelector('input').focus();
            return;
        }
        sendButton.disabled = true;
        f.setAttribute('aria-busy', 'true');
        for (const entry of todo) replace(entry.actions);  // a file in the batch can no longer be taken out
        const meta = metadata();
        const stored = todo.map(() => []);  // by the entry's place in the batch, not by finishing order
        let next = 0;
        const worker = async () => {
            while (next < todo.length) {
                const i = next++;
                stored[i] = await sendOne(todo[i], meta);
            }
        };
        await Promise.all(Array.from({length: Math.min(PARALLEL_UPLOADS, todo.length)}, worker));
        sendButton.disabled = false;
        f.removeAttribute('aria-busy');
        const failed = todo.filter(q => q.state === 'failed');
        if (failed.length) {
            // The first failure's details (a bad date, an unknown field) go next to their fields.
            showErrors(f, failed[0].error);
            const alert = f.querySelector('.form-alert .alert-title');
            if (alert) alert.textContent = `${failed.length}/${todo.length} tệp chưa tải lên được: ${failed[0].error.message}`;
        }
        const items = stored.flat();
        if (items.length) {
            const message = `Đã tải lên ${items.length} tệp${failed.length ? `; ${failed.length} tệp lỗi, bấm "Thử lại" ở từng tệp` : ''}.`;
            showStatus(f, message);
            if (onUploaded) onUploaded(items, message, failed.length > 0);
        }
    }
    return f;
}
