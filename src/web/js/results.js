// Pieces shared by the results pages: grade badges, the settings in words, the export links,
// the "provisional" marker. Numbers use the decimal comma (94,29).
import {h} from './dom.js';
import {formatFixed, formatPoints} from './format.js';
import {TIE_RULE_LABELS, SURVEY_MODE_LABELS} from './messages.js';

export const resultsHref = (year, type) => `#/ket-qua?nam=${year}${type ? `&loai=${encodeURIComponent(type)}` : ''}`;
export const unitResultHref = (year, unit) => `#/ket-qua/${encodeURIComponent(unit)}?nam=${year}`;
export const settingsHref = (year, type) => `#/cai-dat-ket-qua?nam=${year}&loai=${encodeURIComponent(type)}`;

// The grade as a badge coloured by its place in the grade list (0: the best).
export function gradeBadge(grade, settings) {
    const i = settings.grades.findIndex(g => g.grade === grade);
    return h('span', {class: `badge grade grade-${i < 0 ? 'x' : Math.min(i, 3)}`}, grade || '—');
}

// "Tốt: từ 85%; Khá: từ 70% đến dưới 85%; …"
export function gradeRange(g) {
    const min = g.min_pct === null ? null : `${formatPoints(g.min_pct)}%`;
    const max = g.max_pct === null ? null : `${formatPoints(g.max_pct)}%`;
    if (min && max) return `từ ${min} đến dưới ${max}`;
    if (min) return `từ ${min}`;
    if (max) return `dưới ${max}`;
    return 'mọi chỉ số';
}

export function settingsFacts(settings) {
    return h('dl', {class: 'facts'},
        h('dt', {}, 'Xếp loại'), h('dd', {}, settings.grades.map(g => `${g.grade}: ${gradeRange(g)}`).join('; '),
            settings.configured ? '' : ' (mặc định hoặc theo bộ tiêu chí)'),
        h('dt', {}, 'Đồng hạng'), h('dd', {}, TIE_RULE_LABELS[settings.tie_rule] || settings.tie_rule),
        h('dt', {}, 'Điểm điều tra'), h('dd', {}, SURVEY_MODE_LABELS[settings.survey_mode] || settings.survey_mode));
}

// The marker of a unit whose result is still provisional.
export function flagMark(count) {
    if (!count) return null;
    return h('span', {class: 'badge flag', title: `${count} tiêu chí chưa được thẩm định đủ hoặc chưa có điểm điều tra`}, `⚠ ${count} tạm tính`);
}

// Download links of the export: XLSX and CSV of one unit type (type) or of every type.
export function exportLinks(year, type) {
    const href = format => `/api/v1/periods/${year}/results/export?format=${format}${type ? `&unit_type=${encodeURIComponent(type)}` : ''}`;
    return h('p', {class: 'downloads'},
        h('a', {class: 'button-link', href: href('xlsx'), download: ''}, 'Tải bảng Excel (XLSX)'),
        h('a', {class: 'button-link', href: href('csv'), download: ''}, 'Tải tệp CSV'),
        type ? h('a', {href: `/api/v1/periods/${year}/results/export?format=xlsx`, download: ''}, 'Excel mọi loại đơn vị') : null);
}

// "94,29/100"
export const outOf = (points, max) => `${formatFixed(points)}/${formatPoints(max)}`;
