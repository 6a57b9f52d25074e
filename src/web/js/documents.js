// Pieces shared by the document pages: kinds in words, the list of a year's signed documents
// (download links, and for the office the approver's "Ký phê duyệt" button), and a signature
// check (POST /verify) in plain Vietnamese. Nothing here computes: it prints what the API says.
import {h, table} from './dom.js';
import {post} from './api.js';
import {submit} from './forms.js';
import {formatDate, formatDateTime} from './format.js';
import {formatSize} from './evidence.js';

export const KIND_LABELS = {
    appraisal_sheet: 'Phiếu thẩm định',
    decision_draft: 'Quyết định công bố kết quả',
    annual_report: 'Báo cáo kết quả năm',
};

export function kindLabel(kind) {
    return KIND_LABELS[kind] || kind;
}

// "2023-02-02" -> "02/02/2023".
const dateText = ymd => (ymd ? formatDate(`${ymd}T00:00:00+07:00`) : '—');

// docs: GET /periods/{y}/documents's `documents` (newest first). onSign(doc): when given, each
// document that nobody has signed on top of yet gets a "Ký phê duyệt" button (office only).
export function documentTable(docs, {onSign, empty = 'Chưa có văn bản nào.'} = {}) {
    const signedOnTop = new Map(docs.filter(d => d.previous_id !== null).map(d => [d.previous_id, d.id]));
    return table([
        {label: 'Mã', cell: d => `#${d.id}`, class: 'num'},
        // One element per cell: on phones each cell is a two-column grid (label, content).
        {label: 'Văn bản', cell: d => h('div', {},
            h('strong', {}, kindLabel(d.kind)), d.unit ? ` — ${d.unit}` : '',
            d.draft ? h('span', {class: 'badge badge-draft'}, 'Dự thảo') : null,
            h('br'), h('span', {class: 'muted doc-title'}, d.title))},
        {label: 'Số', cell: d => (d.number === null ? 'để trống' : String(d.number).padStart(2, '0')), class: 'num'},
        {label: 'Ngày', cell: d => dateText(d.document_date)},
        {label: 'Chữ ký', cell: d => h('div', {},
            h('span', {class: 'sig-count'}, String(d.signatures)), ` · ${d.signed_by}`,
            d.previous_id !== null ? h('p', {class: 'hint'}, `Ký thêm lên văn bản #${d.previous_id}`) : null,
            signedOnTop.has(d.id) ? h('p', {class: 'hint'}, `Đã có bản ký phê duyệt: #${signedOnTop.get(d.id)}`) : null)},
        {label: 'Dung lượng', cell: d => formatSize(d.size), class: 'num'},
        {label: 'SHA-256', cell: d => h('code', {class: 'hash', title: d.sha256}, d.sha256.slice(0, 12))},
        {label: 'Lập lúc', cell: d => `${formatDateTime(d.created_at)}, ${d.created_by}`},
        {label: 'Tệp PDF', cell: d => h('div', {},
            h('a', {href: d.content_url, download: '', 'aria-label': `Tải PDF văn bản #${d.id}`}, 'Tải PDF'),
            ' · ',
            h('a', {href: `${d.content_url}?inline=1`, target: '_blank', rel: 'noopener', 'aria-label': `Xem trước văn bản #${d.id} (mở thẻ mới)`}, 'Xem trước'),
            onSign && d.signatures < 2 && !signedOnTop.has(d.id) ? signButton(d, onSign) : null)},
    ], docs, {empty});
}

function signButton(doc, onSign) {
    const label = `Ký phê duyệt văn bản #${doc.id}`;
    const f = h('form', {class: 'inline-form', 'aria-label': label},
        h('div', {class: 'buttons'}, h('button', {type: 'submit', class: 'small', 'aria-label': label}, 'Ký phê duyệt')));
    f.addEventListener('submit', async event => {
        event.preventDefault();
        const signed = await submit(f, () => post(`/documents/${doc.id}/signatures`));
        if (signed) onSign(doc, signed);
    });
    return f;
}

// The answer of POST /verify in words: a verdict, one card per signature, the evidence manifest
// and whether these bytes are a document the server stored.
export function verificationView(v, fileName) {
    const sigs = v.signatures;
    const verdict = !sigs.length
        ? alert('warn', 'Tệp không có chữ ký số nào.', 'Không kiểm tra được: văn bản chưa được ký, hoặc chữ ký đã bị gỡ.')
        : v.all_signatures_valid
            ? alert('ok', `Cả ${sigs.length} chữ ký đều hợp lệ.`, 'Phần nội dung mỗi chữ ký bảo vệ không bị thay đổi kể từ lúc ký.')
            : alert('error', 'Có chữ ký KHÔNG hợp lệ.', 'Nội dung đã bị sửa sau khi ký, hoặc chữ ký bị hỏng: không dùng bản này.');
    return h('div', {class: 'verification'},
        h('h2', {}, `Kết quả kiểm tra: ${fileName}`),
        verdict,
        sigs.map((s, i) => signatureCard(s, i, sigs.length)),
        manifestView(v.manifest),
        storedView(v.stored_document));
}

function alert(kind, title, text) {
    return h('div', {class: `alert ${kind}`, role: kind === 'error' ? 'alert' : 'status'},
        h('p', {class: 'alert-title'}, title), text ? h('p', {}, text) : null);
}

function signatureCard(s, i, count) {
    const last = i === count - 1;
    const coverage = s.covers_whole_document
        ? 'Có: chữ ký bảo vệ toàn bộ tệp.'
        : last
            ? 'Không: sau chữ ký này tệp có thêm nội dung không được ký.'
            : 'Không, và điều này bình thường: sau chữ ký này có chữ ký khác được thêm vào (ký phê duyệt). Chữ ký này vẫn bảo vệ bản trước đó.';
    return h('section', {class: `card signature ${s.valid ? 'sig-valid' : 'sig-invalid'}`, dataset: {field: s.field}},
        h('h3', {}, `Chữ ký ${i + 1}`, h('span', {class: `badge ${s.valid ? 'badge-ok' : 'badge-bad'}`}, s.valid ? 'Hợp lệ' : 'Không hợp lệ')),
        h('dl', {class: 'facts'},
            h('dt', {}, 'Nội dung được ký'), h('dd', {class: 'sig-integrity'}, s.valid
                ? 'Không bị thay đổi (mã băm khớp).'
                : `Đã bị thay đổi hoặc chữ ký hỏng${s.problem ? `: ${s.problem}` : '.'}`),
            h('dt', {}, 'Phủ toàn bộ văn bản'), h('dd', {class: 'sig-coverage'}, coverage),
            h('dt', {}, 'Người ký'), h('dd', {class: 'sig-signer'}, s.signer_name || '—',
                s.signer ? h('p', {class: 'hint'}, s.signer) : null),
            h('dt', {}, 'Thời điểm ký'), h('dd', {class: 'sig-time'}, s.signing_time ? `${formatDateTime(s.signing_time)} (giờ Việt Nam)` : 'Không ghi'),
            h('dt', {}, 'Chứng thư số'), h('dd', {}, 'Chưa đối chiếu với tổ chức cung cấp dịch vụ chứng thực: hãy kiểm tra đơn vị cấp chứng thư của người ký.'),
            h('dt', {}, 'Chuẩn chữ ký'), h('dd', {}, h('code', {}, s.sub_filter || '—'), ` (trường ${s.field})`)));
}

function manifestView(m) {
    const title = h('h3', {}, 'Danh mục tài liệu kiểm chứng kèm theo');
    if (!m) return h('section', {class: 'card manifest'}, title, h('p', {}, 'Tệp không kèm danh mục tài liệu kiểm chứng (manifest.json): không có gì để đối chiếu.'));
    if (m.matches) {
        return h('section', {class: 'card manifest'}, title,
            alert('ok', 'Khớp với tài liệu đang lưu.', `${m.files} tệp tài liệu kiểm chứng của ${m.units} đơn vị được trích dẫn vẫn đúng như lúc lập văn bản.`));
    }
    return h('section', {class: 'card manifest'}, title,
        alert('warn', `Không còn khớp: ${m.problems.length} tài liệu đã thay đổi từ lúc lập văn bản.`,
            `Văn bản trích dẫn ${m.files} tệp của ${m.units} đơn vị. Các tệp dưới đây nay đã khác (chữ ký vẫn có thể hợp lệ: văn bản không bị sửa, nhưng tài liệu gốc đã đổi).`),
        h('ul', {class: 'manifest-problems'}, m.problems.map(p => h('li', {},
            h('strong', {}, p.path.startsWith('MC') ? `Tài liệu ${p.path}` : p.path), `: ${p.message}`))));
}

function storedView(d) {
    const title = h('h3', {}, 'Bản lưu trên hệ thống');
    if (!d) {
        return h('section', {class: 'card stored-doc'}, title,
            h('p', {}, 'Tệp này không trùng với văn bản nào hệ thống đã lưu (đã bị sửa, đã được ký thêm ở nơi khác, hoặc do hệ thống khác lập).'));
    }
    return h('section', {class: 'card stored-doc'}, title,
        h('p', {}, `Đúng từng byte với văn bản #${d.id} hệ thống đã lưu: ${kindLabel(d.kind)}${d.unit ? ` ${d.unit}` : ''} năm ${d.year}, ngày ${dateText(d.document_date)}, ${d.signatures} chữ ký.`),
        h('p', {class: 'hint'}, d.title));
}
