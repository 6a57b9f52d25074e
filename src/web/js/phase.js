// Where a period stands and what each role should do next, from its phase dates. Pure: no DOM,
// no network (tested by tests/e2e/phase.test.mjs).

export const PHASE_DATES = [
    {key: 'self_assessment_opens', label: 'Mở tự đánh giá'},
    {key: 'self_assessment_closes', label: 'Hạn đơn vị tự đánh giá, nộp tài liệu kiểm chứng'},
    {key: 'step1_closes', label: 'Hạn thẩm định bước 1'},
    {key: 'supplement_closes', label: 'Hạn đơn vị bổ sung, giải trình'},
    {key: 'step2_closes', label: 'Hạn thẩm định bước 2'},
];

// The stage that begins at each date (index i: the stage after PHASE_DATES[i] has passed).
const STAGES = ['before_open', 'self_assessment', 'step1', 'supplement', 'step2', 'closing'];

// {stage, due, dueLabel, missing}: stage is one of STAGES, 'planning' (a date needed to know the
// stage is not set) or 'finalised'; due is the ISO date that ends the stage (null at the end);
// missing lists the keys of unset dates.
export function periodStage(period, now = new Date()) {
    const missing = PHASE_DATES.filter(p => !period[p.key]).map(p => p.key);
    if (period.finalised) return {stage: 'finalised', due: null, dueLabel: '', missing};
    const t = now.getTime();
    for (let i = 0; i < PHASE_DATES.length; i += 1) {
        const iso = period[PHASE_DATES[i].key];
        if (!iso) return {stage: 'planning', due: null, dueLabel: '', missing};
        if (t < Date.parse(iso)) return {stage: STAGES[i], due: iso, dueLabel: PHASE_DATES[i].label, missing};
    }
    return {stage: 'closing', due: null, dueLabel: '', missing};
}

export const STAGE_LABELS = {
    planning: 'Đang chuẩn bị (chưa đủ mốc thời gian)',
    before_open: 'Chuẩn bị, chưa mở tự đánh giá',
    self_assessment: 'Đơn vị tự đánh giá',
    step1: 'Thẩm định bước 1',
    supplement: 'Đơn vị bổ sung, giải trình',
    step2: 'Thẩm định bước 2',
    closing: 'Tổng hợp kết quả',
    finalised: 'Đã chốt',
};

const OFFICE = {
    planning: 'Đặt đủ các mốc thời gian của kỳ đánh giá.',
    before_open: 'Kiểm tra danh sách đơn vị, nhập bộ tiêu chí cho từng loại đơn vị và phân công thẩm định trước khi mở tự đánh giá.',
    self_assessment: 'Theo dõi các đơn vị tự chấm điểm và nộp tài liệu kiểm chứng; nhắc đơn vị chậm.',
    step1: 'Theo dõi Tổ thẩm định chấm điểm bước 1.',
    supplement: 'Theo dõi các đơn vị bổ sung tài liệu, giải trình.',
    step2: 'Theo dõi Tổ thẩm định chấm điểm bước 2.',
    closing: 'Tổng hợp kết quả, trình phê duyệt, rồi chốt kỳ đánh giá.',
    finalised: 'Kỳ đánh giá đã chốt; kết quả không thay đổi được nữa.',
};

const NEXT_STEPS = {
    admin: OFFICE,
    clerk: OFFICE,
    reviewer: {
        planning: 'Chờ Văn phòng đặt đủ các mốc thời gian; trong lúc đó xem bộ tiêu chí các lĩnh vực được phân công.',
        before_open: 'Xem bộ tiêu chí các lĩnh vực được phân công để chuẩn bị thẩm định.',
        self_assessment: 'Các đơn vị đang tự đánh giá. Xem trước bộ tiêu chí các lĩnh vực được phân công; thẩm định bắt đầu khi hết hạn tự đánh giá.',
        step1: 'Thẩm định bước 1 các lĩnh vực được phân công.',
        supplement: 'Các đơn vị đang bổ sung, giải trình; thẩm định bước 2 bắt đầu khi hết hạn bổ sung.',
        step2: 'Thẩm định bước 2 (chốt điểm) các lĩnh vực được phân công.',
        closing: 'Đã hết hạn thẩm định. Chờ Văn phòng tổng hợp kết quả.',
        finalised: 'Kỳ đánh giá đã chốt.',
    },
    unit: {
        planning: 'Chờ Văn phòng đặt các mốc thời gian; trong lúc đó xem bộ tiêu chí và chuẩn bị tài liệu kiểm chứng.',
        before_open: 'Xem bộ tiêu chí của đơn vị và chuẩn bị tài liệu kiểm chứng cho từng tiêu chí thành phần.',
        self_assessment: 'Tự chấm điểm và nộp tài liệu kiểm chứng cho từng tiêu chí thành phần.',
        step1: 'Tổ thẩm định đang chấm bước 1. Sau đó, bổ sung tài liệu hoặc giải trình nếu được yêu cầu.',
        supplement: 'Bổ sung tài liệu kiểm chứng, giải trình theo ý kiến của Tổ thẩm định.',
        step2: 'Tổ thẩm định đang chấm bước 2. Chờ kết quả.',
        closing: 'Đã hết hạn thẩm định. Chờ Văn phòng công bố kết quả.',
        finalised: 'Kỳ đánh giá đã chốt; xem kết quả khi được công bố.',
    },
};

// {text, due, dueLabel, stage}: the next step for role in period at now.
export function nextStep(role, period, now = new Date()) {
    const s = periodStage(period, now);
    const texts = NEXT_STEPS[role] || OFFICE;
    return {text: texts[s.stage], due: s.due, dueLabel: s.dueLabel, stage: s.stage};
}

// The period pages show unless asked for another: the newest one under way (not finalised, its
// self-assessment opened), else the newest not finalised, else the newest. A next year's
// period being prepared does not take over while this year's is still running.
export function currentPeriod(periods, now = new Date()) {
    const sorted = [...periods].sort((a, b) => b.year - a.year);
    const open = sorted.filter(p => !p.finalised);
    const running = open.find(p => !['planning', 'before_open'].includes(periodStage(p, now).stage));
    return running || open[0] || sorted[0] || null;
}

// Whether one of a unit's deadline extensions (its assessment's `extensions`) has not ended yet:
// the "Được gia hạn" badge shows only while one runs.
export function extensionRunning(assessment, now = new Date()) {
    return (assessment.extensions || []).some(e => Date.parse(e.until) > now.getTime());
}
