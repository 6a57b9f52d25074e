// The home page of each role: where the current period stands, what to do next and by when,
// and (for the office) what is still missing before units can start.
import {h} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, currentSets, unitAssessedIn, notAssessedText, lastAssessedPeriod} from '../data.js';
import {PHASE_DATES, STAGE_LABELS, currentPeriod, extensionRunning, nextStep, periodStage} from '../phase.js';
import {formatDateTime, relativeDays} from '../format.js';
import {roleLabel} from '../messages.js';

export async function render(ctx) {
    const {user} = ctx;
    const periods = await loadPeriods();
    const period = currentPeriod(periods);
    const nodes = [pageTitle(`Xin chào, ${user.username}`, `Vai trò: ${roleLabel(user.role)}.`)];
    const office = user.role === 'admin' || user.role === 'clerk';
    if (!period) {
        nodes.push(alertBox('info', 'Chưa có kỳ đánh giá nào.',
            office ? h('p', {}, h('a', {href: '#/ky-danh-gia'}, 'Tạo kỳ đánh giá')) : h('p', {}, 'Văn phòng sẽ tạo kỳ đánh giá.')));
        return nodes;
    }
    const unit = user.role === 'unit' ? (await get('/units'))[0] : null;
    if (unit && !unitAssessedIn(unit, period.year)) {
        // A merged, dissolved or not yet formed unit has nothing to do this period: no to-dos,
        // only the way to its own past years.
        nodes.push(alertBox('info', notAssessedText(unit, period.year),
            h('p', {}, 'Đơn vị không có việc cần làm trong kỳ đánh giá này; vẫn xem được dữ liệu các năm đã đánh giá.')));
        const past = lastAssessedPeriod(unit, periods);
        if (past) nodes.push(await unitSummary(unit, past));
        return nodes;
    }
    const shown = unit ? await unitDates(period, unit) : {period, extended: false};
    nodes.push(nextStepCard(user.role, shown.period, shown.extended), timeline(shown.period));
    if (office) nodes.push(await officeChecklist(period));
    if (user.role === 'reviewer') nodes.push(await reviewerSummary(user, period));
    if (user.role === 'unit') nodes.push(await unitSummary(unit, period));
    return nodes;
}

// The period's dates as the unit sees them: its deadline extensions move its own closes. The
// general dates when the unit's assessment cannot be read (no criteria set yet).
async function unitDates(period, unit) {
    try {
        const a = await get(`/periods/${period.year}/units/${encodeURIComponent(unit.code)}/assessment`);
        return {period: {...period, ...a.period}, extended: extensionRunning(a)};
    } catch {
        return {period, extended: false};
    }
}

function nextStepCard(role, period, extended) {
    const now = new Date();
    const step = nextStep(role, period, now);
    const s = periodStage(period, now);
    return h('section', {class: 'card next-step', 'aria-labelledby': 'next-step-title'},
        h('h2', {id: 'next-step-title'}, `Việc cần làm — ${period.name}`),
        h('p', {class: 'stage'}, 'Giai đoạn hiện tại: ', h('strong', {}, STAGE_LABELS[step.stage])),
        h('p', {class: 'todo'}, step.text),
        extended ? h('p', {}, h('span', {class: 'badge badge-new'}, 'Được gia hạn'),
            ' Các mốc dưới đây đã tính phần gia hạn của đơn vị.') : null,
        step.due ? h('p', {class: 'due'}, `${step.dueLabel}: `, h('strong', {}, formatDateTime(step.due)),
            ` (${relativeDays(step.due, now)})`) : null,
        s.stage === 'planning' && (role === 'admin' || role === 'clerk')
            ? h('p', {}, h('a', {href: `#/ky-danh-gia/${period.year}`}, 'Đặt các mốc thời gian')) : null);
}

function timeline(period) {
    const now = Date.now();
    const s = periodStage(period);
    return h('section', {class: 'card', 'aria-labelledby': 'timeline-title'},
        h('h2', {id: 'timeline-title'}, `Các mốc thời gian năm ${period.year}`),
        h('ol', {class: 'timeline'}, PHASE_DATES.map(p => {
            const iso = period[p.key];
            const state = !iso ? 'unset' : Date.parse(iso) <= now ? 'past' : iso === s.due ? 'next' : 'future';
            const stateText = {unset: 'chưa đặt', past: 'đã qua', next: 'mốc tiếp theo', future: 'sắp tới'}[state];
            return h('li', {class: `tl-${state}`},
                h('span', {class: 'tl-label'}, p.label),
                h('span', {class: 'tl-date'}, iso ? formatDateTime(iso) : '—'),
                h('span', {class: 'tl-state'}, stateText));
        })),
        h('p', {class: 'hint'}, 'Giờ Việt Nam (UTC+7).'));
}

async function officeChecklist(period) {
    const [types, sets, assignments] = await Promise.all([
        get('/unit-types'), get(`/periods/${period.year}/criteria-sets`), get(`/periods/${period.year}/assignments`)]);
    const current = currentSets(sets);
    const items = [];
    const missing = PHASE_DATES.filter(p => !period[p.key]);
    items.push(checkItem(missing.length === 0,
        missing.length === 0 ? 'Đã đặt đủ 5 mốc thời gian.' : `Chưa đặt: ${missing.map(p => p.label.toLowerCase()).join('; ')}.`,
        `#/ky-danh-gia/${period.year}`, 'Sửa mốc thời gian'));
    const noSet = types.filter(t => !current.has(t.code));
    items.push(checkItem(noSet.length === 0,
        noSet.length === 0 ? 'Mọi loại đơn vị đã có bộ tiêu chí.' : `Chưa có bộ tiêu chí cho: ${noSet.map(t => `${t.name} (${t.code})`).join(', ')}.`,
        `#/bo-tieu-chi?nam=${period.year}`, 'Nhập bộ tiêu chí'));
    // A type without result rules of its own this year would be scored with the defaults (a
    // survey imported, out of 100): a new period copies last year's, so this flags a type that
    // never had any.
    const settings = await Promise.all(types.filter(t => current.has(t.code)).map(t =>
        get(`/periods/${period.year}/result-settings/${encodeURIComponent(t.code)}`)
            .then(s => ({type: t, configured: s.configured}), () => ({type: t, configured: false}))));
    const unset = settings.filter(s => !s.configured).map(s => s.type);
    items.push(checkItem(unset.length === 0,
        unset.length === 0 ? 'Mọi loại đơn vị có bộ tiêu chí đã có cách tính kết quả của năm.'
            : `Chưa đặt cách tính kết quả (có điều tra xã hội học hay quy đổi về 100, xếp loại) cho: ${unset.map(t => `${t.name} (${t.code})`).join(', ')}.`,
        `#/cai-dat-ket-qua?nam=${period.year}${unset.length ? `&loai=${encodeURIComponent(unset[0].code)}` : ''}`,
        'Đặt cách tính kết quả'));
    const assigned = new Set(assignments.map(a => a.area_code));
    const reviewers = new Set(assignments.map(a => a.username));
    items.push(checkItem(assignments.length > 0,
        assignments.length ? `${reviewers.size} thành viên Tổ thẩm định được phân công ${assigned.size} lĩnh vực.` : 'Chưa phân công thẩm định.',
        `#/phan-cong?nam=${period.year}`, 'Phân công thẩm định'));
    return h('section', {class: 'card', 'aria-labelledby': 'check-title'},
        h('h2', {id: 'check-title'}, 'Chuẩn bị kỳ đánh giá'),
        h('ul', {class: 'checklist'}, items),
        h('p', {}, h('a', {href: `#/tien-do?nam=${period.year}`}, 'Xem bảng tiến độ các đơn vị')),
        h('p', {}, h('a', {href: `#/ket-qua?nam=${period.year}`}, 'Xem bảng kết quả, xếp hạng, xếp loại')),
        h('p', {}, h('a', {href: `#/van-ban?nam=${period.year}`}, 'Lập, ký và tải văn bản: phiếu thẩm định, dự thảo quyết định, báo cáo')));
}

function checkItem(done, text, href, linkText) {
    return h('li', {class: done ? 'done' : 'todo'},
        h('span', {class: 'mark', 'aria-hidden': 'true'}, done ? '✓' : '!'),
        h('span', {class: 'visually-hidden'}, done ? 'Đã xong: ' : 'Cần làm: '),
        h('span', {}, text, ' '),
        h('a', {href}, linkText));
}

async function reviewerSummary(user, period) {
    const assignments = await get(`/periods/${period.year}/assignments`);
    const areas = assignments.map(a => a.area_code);
    return h('section', {class: 'card', 'aria-labelledby': 'mine-title'},
        h('h2', {id: 'mine-title'}, 'Lĩnh vực được phân công'),
        areas.length ? h('p', {}, `Năm ${period.year}: lĩnh vực ${areas.join(', ')}.`)
            : h('p', {}, `Bạn chưa được phân công lĩnh vực nào năm ${period.year}.`),
        h('p', {}, h('a', {href: `#/tham-dinh?nam=${period.year}`}, 'Mở danh sách việc cần thẩm định')),
        h('p', {}, h('a', {href: `#/phan-cong?nam=${period.year}`}, 'Xem bộ tiêu chí các lĩnh vực được phân công')));
}

async function unitSummary(unit, period) {
    if (!unit) return alertBox('warn', 'Tài khoản chưa gắn với đơn vị nào.');
    return h('section', {class: 'card', 'aria-labelledby': 'unit-title'},
        h('h2', {id: 'unit-title'}, unit.name),
        h('p', {}, `Mã đơn vị ${unit.code}, loại ${await unitTypeName(unit.unit_type)}.`),
        h('p', {}, h('a', {href: `#/tu-danh-gia?nam=${period.year}`}, 'Tự chấm điểm, nộp tài liệu kiểm chứng và giải trình')),
        h('p', {}, h('a', {href: `#/don-vi-cua-toi?nam=${period.year}`}, 'Xem bộ tiêu chí và tài liệu kiểm chứng cần nộp')),
        h('p', {}, h('a', {href: `#/nhap-tep-nen?nam=${period.year}`}, 'Nộp nhiều tài liệu một lần bằng tệp nén (.zip, .7z, .rar…)')),
        h('p', {}, h('a', {href: `#/ket-qua-cua-toi?nam=${period.year}`}, 'Kết quả của đơn vị')),
        h('p', {}, h('a', {href: `#/phieu-tham-dinh?nam=${period.year}`}, 'Phiếu thẩm định của đơn vị (tải bản PDF đã ký)')));
}

// "UBND cấp xã" for "xa"; the code itself if the types cannot be read.
async function unitTypeName(code) {
    const types = await get('/unit-types').catch(() => []);
    const type = types.find(t => t.code === code);
    return type ? type.name : code;
}
