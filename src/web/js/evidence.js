// The evidence files of one sub-criterion: per round, with their metadata, a download link, the
// history of withdrawals and restores, what is new since step 1, an inline preview of images
// and PDFs,
// and (for the unit, while the file's round is open) withdraw / restore buttons.
import {h, section} from './dom.js';
import {post} from './api.js';
import {submit} from './forms.js';
import {formatDateTime, formatDate} from './format.js';
import {ROUND_LABELS} from './messages.js';
import {showPdf, closePdf} from './pdfPreview.js';

const ACTIONS = {upload: 'Nộp', withdraw: 'Rút', restore: 'Khôi phục'};

// "182344" -> "178 KB".
export function formatSize(bytes) {
    if (bytes < 1024) return `${bytes} byte`;
    if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
    return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', {maximumFractionDigits: 1})} MB`;
}

export function contentUrl(item) {
    return `/api/v1/evidence/${item.id}/content`;
}

// items: GET …/evidence?sub= (every item, withdrawn ones flagged). options: openRound (the round
// whose files the unit may withdraw or restore now, or null), onChanged(message) after a change,
// preview (show images and PDFs inline).
export function evidenceList(items, {openRound = null, onChanged, preview = false} = {}) {
    if (!items.length) return h('p', {class: 'empty'}, 'Chưa có tài liệu kiểm chứng nào.');
    const rounds = ['self', 'supplement'].filter(r => items.some(i => i.round === r));
    return h('div', {class: 'evidence-rounds'}, rounds.map(r => {
        const mine = items.filter(i => i.round === r);
        const standing = mine.filter(i => !i.withdrawn).length;
        return h('div', {class: 'evidence-round'},
            h('h3', {}, `Vòng ${ROUND_LABELS[r].toLowerCase()}: ${standing} tệp đang dùng${mine.length > standing ? `, ${mine.length - standing} tệp đã rút` : ''}`),
            h('ul', {class: 'evidence-list'}, mine.map(i => evidenceRow(i, {canChange: openRound === r, onChanged, preview}))));
    }));
}

function evidenceRow(item, {canChange, onChanged, preview}) {
    const meta = [
        item.doc_number ? ['Số, ký hiệu', item.doc_number] : null,
        item.issue_date ? ['Ngày ban hành', formatDate(`${item.issue_date}T00:00:00Z`)] : null,
        item.issuer ? ['Cơ quan ban hành', item.issuer] : null,
        item.page_ref ? ['Trang, mục', item.page_ref] : null,
        item.note ? ['Ghi chú', item.note] : null,
    ].filter(Boolean);
    const isImage = /^image\/(png|jpeg|gif|webp)$/.test(item.media_type);
    const isPdf = item.media_type === 'application/pdf';
    const li = h('li', {class: `evidence${item.withdrawn ? ' withdrawn' : ''}`, dataset: {evidenceId: item.id}},
        h('p', {class: 'evidence-head'},
            h('a', {href: contentUrl(item), download: item.file_name, class: 'file-name'}, item.file_name),
            ' ', h('span', {class: 'muted'}, `(${formatSize(item.size)})`),
            item.withdrawn ? h('span', {class: 'badge badge-withdrawn'}, 'Đã rút') : null,
            item.new_since_step1 ? h('span', {class: 'badge badge-new'}, 'Mới sau bước 1') : null),
        meta.length ? h('dl', {class: 'meta'}, meta.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null,
        h('p', {class: 'hint'}, `Nộp lúc ${formatDateTime(item.uploaded_at)} bởi ${item.uploaded_by}.`),
        item.history.length > 1 ? h('details', {class: 'history'}, h('summary', {}, 'Lịch sử'),
            h('ol', {}, item.history.map(e => h('li', {}, `${ACTIONS[e.action] || e.action}: ${formatDateTime(e.at)}, ${e.by}`)))) : null,
        preview && isImage ? imagePreview(item) : null,
        preview && isPdf ? pdfPreview(item) : null,
        canChange ? changeButton(item, onChanged) : null);
    return li;
}

// The image is fetched only when the reader opens the preview.
function imagePreview(item) {
    const img = h('img', {alt: `Ảnh ${item.file_name}`, class: 'preview'});
    return h('details', {class: 'preview-box', ontoggle: e => { if (e.target.open && !img.src) img.src = contentUrl(item); }},
        h('summary', {}, 'Xem ảnh'), img);
}

// The PDF's pages drawn by pdf.js (pdfPreview.js), not by the browser's viewer, which would run
// any script in the file; loaded when the reader opens the preview, released when it closes.
function pdfPreview(item) {
    const box = h('div', {class: 'pdf-preview'});
    const toggled = e => (e.target.open ? showPdf(box, contentUrl(item), item.file_name) : closePdf(box));
    return h('details', {class: 'preview-box', ontoggle: toggled}, h('summary', {}, 'Xem tệp PDF'), box);
}

function changeButton(item, onChanged) {
    const withdraw = !item.withdrawn;
    const label = withdraw ? `Rút tệp ${item.file_name}` : `Khôi phục tệp ${item.file_name}`;
    const f = h('form', {class: 'inline-form', 'aria-label': label},
        h('div', {class: 'buttons'}, h('button', {type: 'submit', class: `small${withdraw ? ' danger' : ''}`, 'aria-label': label},
            withdraw ? 'Rút tệp' : 'Khôi phục')));
    f.addEventListener('submit', async event => {
        event.preventDefault();
        const done = await submit(f, () => post(`/evidence/${item.id}/${withdraw ? 'withdraw' : 'restore'}`).then(() => true));
        if (done && onChanged) onChanged(withdraw ? `Đã rút tệp ${item.file_name}.` : `Đã khôi phục tệp ${item.file_name}.`);
    });
    return f;
}

// A section listing the evidence, for pages that only read it.
export function evidenceSection(title, items, options) {
    return section(title, evidenceList(items, options));
}
