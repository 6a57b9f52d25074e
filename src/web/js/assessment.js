// Pieces shared by the unit's, the reviewer's and the office's views of assessment items: the
// status badge, one round's score, the supplement request with its reply, the unit's summary.
import {h} from './dom.js';
import {formatDateTime, formatPoints, relativeDays} from './format.js';
import {statusLabel, phaseLabel} from './messages.js';
import {phaseDeadline} from './data.js';
import {extensionRunning} from './phase.js';

export function statusBadge(status) {
    return h('span', {class: `badge status-${status}`}, statusLabel(status));
}

// One round's value (RoundScore from the API) as a definition list, or a note when absent.
// textLabel: "Giải trình" (self) or "Nhận xét" (steps).
export function roundView(score, {textLabel, empty = 'Chưa chấm.'}) {
    if (!score) return h('p', {class: 'empty'}, empty);
    return h('dl', {class: 'facts round'},
        h('dt', {}, 'Điểm'), h('dd', {}, h('strong', {class: 'score'}, formatPoints(score.score))),
        score.metric_pct !== null ? [h('dt', {}, 'Tỷ lệ đạt được'), h('dd', {}, `${formatPoints(score.metric_pct)}%`)] : null,
        score.violations !== null ? [h('dt', {}, 'Số vi phạm'), h('dd', {}, String(score.violations))] : null,
        score.suggested !== null ? [h('dt', {}, 'Điểm tính được'), h('dd', {}, formatPoints(score.suggested))] : null,
        score.override_reason ? [h('dt', {}, 'Lý do chấm khác'), h('dd', {}, score.override_reason)] : null,
        h('dt', {}, textLabel), h('dd', {}, score.text || '—'),
        h('dt', {}, 'Người chấm'), h('dd', {}, `${score.by}, ${formatDateTime(score.at)}`));
}

// The supplement request of an item and the unit's reply (giải trình), or null.
export function requestView(request) {
    if (!request) return null;
    return h('div', {class: 'request-box'},
        h('dl', {class: 'facts'},
            h('dt', {}, 'Tài liệu còn thiếu'), h('dd', {}, request.missing),
            h('dt', {}, 'Lý do'), h('dd', {}, request.reason),
            h('dt', {}, 'Hạn bổ sung'), h('dd', {}, formatDateTime(request.due_date)),
            h('dt', {}, 'Người yêu cầu'), h('dd', {}, `${request.by}, ${formatDateTime(request.at)}`),
            h('dt', {}, 'Giải trình của đơn vị'),
            h('dd', {}, request.reply ? [h('p', {class: 'reply'}, request.reply), h('p', {class: 'hint'}, `${request.replied_by}, ${formatDateTime(request.replied_at)}`)]
                : h('span', {class: 'empty'}, 'Chưa giải trình.'))));
}

// The unit's phase and its deadline (the unit's own dates, extensions included).
export function phaseLine(assessment) {
    const due = phaseDeadline(assessment);
    return h('p', {class: 'phase-line'}, 'Giai đoạn: ', h('strong', {}, phaseLabel(assessment.phase)),
        due && due.iso ? [`. ${due.label}: `, h('strong', {}, formatDateTime(due.iso)), ` (${relativeDays(due.iso)})`] : null,
        extensionRunning(assessment) ? h('span', {class: 'badge badge-new'}, 'Được gia hạn') : null);
}

// Counts and totals of GET …/assessment's summary.
export function summaryLine(s) {
    return h('p', {class: 'summary-line'},
        `Đã xong ${s.done}/${s.total} tiêu chí thành phần (${formatPoints(s.done_pct)}%). `,
        `Tự chấm: ${formatPoints(Number(s.self_total_text))} điểm; bước 1: ${formatPoints(Number(s.step1_total_text))}; bước 2: ${formatPoints(Number(s.step2_total_text))}.`);
}

// A progress bar of done/total with its numbers as text.
export function progressBar(done, total) {
    const pct = total ? Math.round((done / total) * 100) : 0;
    return h('span', {class: 'progress-wrap'},
        h('progress', {max: total || 1, value: done, 'aria-label': `${done}/${total}`}), ` ${done}/${total} (${pct}%)`);
}
