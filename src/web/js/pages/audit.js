// The audit log: pages of entries with what changed, and the result of re-checking the hash
// chain.
import {h, table, section} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {formatDateTime} from '../format.js';
import {AUDIT_ACTIONS, AUDIT_ENTITIES} from '../messages.js';

const PAGE = 50;

// Pages are aligned to multiples of PAGE ids and addressed by ?sau=<after_id>, so that the
// browser's back button pages back. Without ?sau= the newest page is shown, with the chain
// re-checked (which reads the whole log, so older pages skip it); newest entries first.
export async function render() {
    const q = new URLSearchParams(location.hash.split('?')[1] || '');
    const asked = Number(q.get('sau'));
    const older = q.has('sau') && Number.isInteger(asked) && asked >= 0;
    const verify = older ? null : await get('/audit/verify');
    const total = verify ? verify.entries : null;
    const after = older ? asked : Math.max(0, Math.floor((total - 1) / PAGE) * PAGE);
    const entries = await get('/audit', {after_id: after, limit: PAGE});
    const range = entries.length ? `Bản ghi ${entries[0].id}–${entries[entries.length - 1].id}` : 'Không có bản ghi nào ở trang này';
    const pager = label => h('nav', {class: 'pager', 'aria-label': label},
        older && entries.length === PAGE ? h('a', {href: `#/nhat-ky?sau=${after + PAGE}`}, '← Mới hơn') : null,
        h('span', {}, verify ? `${range} / ${total}` : range),
        after > 0 ? h('a', {href: `#/nhat-ky?sau=${Math.max(0, after - PAGE)}`}, 'Cũ hơn →') : null,
        older ? h('a', {href: '#/nhat-ky'}, 'Mới nhất') : null);
    return [
        pageTitle('Nhật ký thay đổi', 'Mọi thay đổi được ghi lại: ai, lúc nào, làm gì, dữ liệu trước và sau. Mỗi bản ghi chứa mã băm của bản ghi trước, nên sửa, xóa hay chèn bản ghi đều bị phát hiện.'),
        verify ? verifyBox(verify) : h('p', {class: 'hint'}, 'Kết quả kiểm tra chuỗi mã băm hiện ở trang mới nhất.'),
        section('Bản ghi (mới nhất ở trên)', pager('Phân trang nhật ký'), table([
            {label: 'Số', cell: e => String(e.id)},
            {label: 'Lúc', cell: e => formatDateTime(e.at)},
            {label: 'Người làm', cell: e => e.actor},
            {label: 'Việc', cell: e => AUDIT_ACTIONS[e.action] || e.action},
            {label: 'Đối tượng', cell: e => `${AUDIT_ENTITIES[e.entity] || e.entity} ${e.entity_id}`},
            {label: 'Thay đổi', cell: changes},
        ], [...entries].reverse(), {empty: 'Không có bản ghi nào.'}), pager('Phân trang nhật ký (cuối trang)')),
    ];
}

function verifyBox(v) {
    if (v.intact) return alertBox('ok', `Nhật ký nguyên vẹn: đã kiểm tra lại ${v.entries} bản ghi.`);
    return alertBox('error', `Nhật ký bị can thiệp: ${v.problems.length} chỗ hỏng trong ${v.entries} bản ghi.`,
        h('ul', {}, v.problems.map(p => h('li', {}, h('code', {}, p.path), `: ${p.message}`))),
        h('p', {}, 'Báo ngay cho quản trị viên (xem hướng dẫn quản trị, mục kiểm tra nhật ký).'));
}

function parse(text) {
    if (!text) return null;
    try {
        return JSON.parse(text);
    } catch {
        return null;
    }
}

// Times as the rest of the interface shows them (Vietnam time), other values as they are.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
function show(v) {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'object') return JSON.stringify(v);
    return ISO_TIME.test(String(v)) ? formatDateTime(v) : String(v);
}

// Actions whose entry records a new record (the others without a "before" record an event).
const CREATES = /\.(create|upload|archive_import|generate|extend|request)$/;

// The fields that differ between before and after (or, for an entry without a before, what it
// records), then both in full on demand.
function changes(e) {
    const before = parse(e.before);
    const after = parse(e.after);
    const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])];
    const changed = before && after ? keys.filter(k => JSON.stringify(before[k]) !== JSON.stringify(after[k])) : [];
    const recorded = !before && after && typeof after === 'object' ? Object.keys(after) : [];
    return h('div', {class: 'changes'},
        changed.length ? h('ul', {}, changed.map(k => h('li', {}, h('code', {}, k), `: ${show(before[k])} → ${show(after[k])}`))) : null,
        before && after && !changed.length ? h('p', {}, 'Không có trường nào đổi') : null,
        !before && after ? h('p', {}, CREATES.test(e.action) ? 'Tạo mới' : 'Ghi nhận') : null,
        recorded.length && !CREATES.test(e.action)
            ? h('ul', {}, recorded.map(k => h('li', {}, h('code', {}, k), `: ${show(after[k])}`))) : null,
        before && !after ? h('p', {}, 'Xóa') : null,
        before || after ? h('details', {}, h('summary', {}, 'Chi tiết'),
            before ? [h('p', {class: 'hint'}, 'Trước:'), h('pre', {}, JSON.stringify(before, null, 1))] : null,
            after ? [h('p', {class: 'hint'}, 'Sau:'), h('pre', {}, JSON.stringify(after, null, 1))] : null) : null);
}
