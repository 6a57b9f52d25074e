// Vietnamese wording shared by the pages: roles, error codes, audit actions, JSON paths.

export const ROLE_LABELS = {
    admin: 'Quản trị',
    clerk: 'Văn phòng',
    reviewer: 'Thẩm định',
    unit: 'Đơn vị',
};

export function roleLabel(role) {
    return ROLE_LABELS[role] || role;
}

// What to tell the user for each error code when the server's own message is missing, and what
// to do about it.
const CODE_MESSAGES = {
    network: ['Không kết nối được máy chủ.', 'Kiểm tra kết nối mạng rồi bấm lại; dữ liệu bạn nhập vẫn còn.'],
    invalid_input: ['Dữ liệu chưa hợp lệ.', 'Sửa các chỗ được đánh dấu rồi gửi lại.'],
    unauthenticated: ['Cần đăng nhập.', 'Đăng nhập lại rồi bấm lại; dữ liệu bạn nhập vẫn còn.'],
    forbidden: ['Bạn không có quyền làm việc này.', 'Nhờ người có quyền (Văn phòng hoặc quản trị viên).'],
    not_found: ['Không tìm thấy.', 'Kiểm tra lại năm, mã hoặc đường dẫn.'],
    method_not_allowed: ['Thao tác không được hỗ trợ.', ''],
    duplicate: ['Đã có rồi.', 'Dùng mã khác, hoặc không cần làm lại.'],
    conflict: ['Không làm được ở trạng thái hiện tại.', 'Tải lại trang (F5) để xem trạng thái mới nhất rồi làm lại; nếu kỳ đánh giá đã chốt, nhờ Văn phòng mở chốt.'],
    phase_closed: ['Đã hết thời hạn cho việc này.', 'Xem các mốc thời gian của kỳ đánh giá.'],
    too_large: ['Dữ liệu gửi lên quá lớn.', 'Chia nhỏ, hoặc báo quản trị viên.'],
    unsupported_media_type: ['Loại tệp không được hỗ trợ.', ''],
    locked: ['Tài khoản đang tạm khóa.', 'Chờ hết thời gian khóa, hoặc nhờ quản trị viên đặt lại mật khẩu.'],
    insufficient_storage: ['Máy chủ đã hết chỗ lưu trữ; chưa lưu được gì.', 'Báo quản trị viên để giải phóng hoặc mở rộng ổ đĩa, rồi gửi lại.'],
    internal_error: ['Lỗi hệ thống; vui lòng thử lại sau.', 'Báo quản trị viên nếu lỗi lặp lại.'],
};

export function codeMessage(code) {
    return (CODE_MESSAGES[code] || ['Có lỗi xảy ra.', ''])[0];
}

export function codeHint(code) {
    return (CODE_MESSAGES[code] || ['', ''])[1];
}

export const AUDIT_ACTIONS = {
    'session.login': 'Đăng nhập',
    'session.login_failed': 'Đăng nhập sai',
    'session.logout': 'Đăng xuất',
    'period.create': 'Tạo kỳ đánh giá',
    'period.update': 'Sửa kỳ đánh giá',
    'unit_type.create': 'Tạo loại đơn vị',
    'unit.create': 'Tạo đơn vị',
    'unit.update': 'Sửa đơn vị',
    'criteria.import': 'Nhập bộ tiêu chí',
    'user.create': 'Tạo tài khoản',
    'user.update': 'Sửa tài khoản',
    'assignment.create': 'Phân công thẩm định',
    'assignment.delete': 'Bỏ phân công',
    'assessment.self': 'Tự chấm điểm',
    'assessment.self_bulk': 'Tự chấm điểm (nhập tệp)',
    'assessment.step1': 'Chấm thẩm định bước 1',
    'assessment.step2': 'Chấm thẩm định bước 2',
    'assessment.request': 'Yêu cầu bổ sung',
    'assessment.reply': 'Giải trình',
    'deadline.extend': 'Gia hạn',
    'evidence.upload': 'Nộp tài liệu kiểm chứng',
    'evidence.withdraw': 'Rút tài liệu',
    'evidence.restore': 'Khôi phục tài liệu',
    'evidence.archive_import': 'Nhập tệp nén tài liệu',
    'survey.import': 'Nhập điểm điều tra xã hội học',
    'survey.from_sipas': 'Quy đổi SIPAS thành điểm điều tra',
    'sipas.factors': 'Sửa bộ yếu tố SIPAS',
    'sipas.import': 'Nhập dữ liệu SIPAS',
    'results.settings': 'Sửa cách xếp hạng, xếp loại',
    'document.generate': 'Lập và ký văn bản',
    'document.sign': 'Ký phê duyệt văn bản',
    'assessment.demo': 'Nạp điểm mẫu (dữ liệu demo)',
};

export const AUDIT_ENTITIES = {
    period: 'Kỳ đánh giá',
    unit_type: 'Loại đơn vị',
    unit: 'Đơn vị',
    criteria_set: 'Bộ tiêu chí',
    user: 'Tài khoản',
    assignment: 'Phân công',
    assessment_item: 'Tiêu chí thành phần',
    deadline_extension: 'Gia hạn',
    evidence: 'Tài liệu kiểm chứng',
    result_settings: 'Cách xếp hạng, xếp loại',
    document: 'Văn bản',
};

// The state of one unit's sub-criterion (docs/workflow.md), least advanced first.
export const STATUS_ORDER = ['not_started', 'missing_evidence', 'missing_explanation', 'complete', 'under_review',
    'supplement_requested', 'replied', 'appraised_step1', 'appraised_step2'];

export const STATUS_LABELS = {
    not_started: 'Chưa tự chấm',
    missing_evidence: 'Thiếu tài liệu',
    missing_explanation: 'Thiếu giải trình',
    complete: 'Đã tự chấm đủ',
    under_review: 'Đang thẩm định',
    supplement_requested: 'Được yêu cầu bổ sung',
    replied: 'Đã giải trình',
    appraised_step1: 'Đã chấm bước 1',
    appraised_step2: 'Đã chấm bước 2',
    survey: 'Điều tra xã hội học',
};

export function statusLabel(status) {
    return STATUS_LABELS[status] || status;
}

// The phase of a unit as the server names it (its effective dates, extensions included).
export const PHASE_LABELS = {
    not_started: 'Chưa mở tự đánh giá',
    self_assessment: 'Đơn vị tự đánh giá',
    step1_appraisal: 'Thẩm định bước 1',
    supplement: 'Đơn vị bổ sung, giải trình',
    step2_appraisal: 'Thẩm định bước 2',
    closed: 'Đã kết thúc',
};

export function phaseLabel(phase) {
    return PHASE_LABELS[phase] || phase;
}

export const ROUND_LABELS = {self: 'Tự đánh giá', supplement: 'Bổ sung'};

// Field names that server messages mention, in words ("Mốc thời gian phải sau
// supplement_closes" -> "... phải sau mốc "Hạn đơn vị bổ sung, giải trình"").
const FIELD_WORDS = {
    self_assessment_opens: 'mốc "Mở tự đánh giá"',
    self_assessment_closes: 'mốc "Hạn đơn vị tự đánh giá"',
    step1_closes: 'mốc "Hạn thẩm định bước 1"',
    supplement_closes: 'mốc "Hạn đơn vị bổ sung, giải trình"',
    step2_closes: 'mốc "Hạn thẩm định bước 2"',
};

export function humanize(message) {
    return String(message || '').replace(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g, w => FIELD_WORDS[w] || w);
}

// The form field a detail path names: "$.password" -> "password", "area_codes[1]" ->
// "area_codes", "year" -> "year". Criteria-document paths ("$.areas[0]...") name no field.
export function fieldOfPath(path) {
    const m = /^(?:\$\.)?([A-Za-z_][A-Za-z0-9_]*)/.exec(path || '');
    return m ? m[1] : '';
}

const PATH_WORDS = {areas: 'Lĩnh vực', criteria: 'tiêu chí', sub_criteria: 'tiêu chí thành phần',
    levels: 'mức', bands: 'khoảng', grades: 'xếp loại', evidence_documents: 'tài liệu'};

// A criteria-document path in words, with codes from doc when it parsed:
// "$.areas[0].criteria[2].max_points" -> "Lĩnh vực 1 › tiêu chí 1.3 › max_points".
export function describeCriteriaPath(path, doc) {
    if (!path || path === '$') return 'Toàn bộ tệp';
    const parts = [];
    let node = doc;
    const re = /\.([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?/g;
    let m;
    while ((m = re.exec(path))) {
        const [, key, index] = m;
        node = node && typeof node === 'object' ? node[key] : undefined;
        if (index === undefined) {
            parts.push(key);
            continue;
        }
        const i = Number(index);
        node = Array.isArray(node) ? node[i] : undefined;
        const word = PATH_WORDS[key] || key;
        const code = node && typeof node === 'object' && typeof node.code === 'string' ? node.code : null;
        parts.push(code ? `${word} ${code}` : `${word} thứ ${i + 1}`);
    }
    return parts.length ? parts.join(' › ') : path;
}

// Results (docs/results.md): which value of an item counts, and the settings of a unit type.
export const SOURCE_LABELS = {
    step2: 'Bước 2',
    step1: 'Bước 1',
    self: 'Tự chấm',
    survey: 'Điều tra XHH',
    none: 'Chưa có điểm',
    excluded: 'Không tính',
};

export function sourceLabel(source) {
    return SOURCE_LABELS[source] || source;
}

export const TIE_RULE_LABELS = {
    competition: 'Đồng hạng rồi bỏ hạng kế tiếp (1, 1, 3)',
    dense: 'Đồng hạng, không bỏ hạng (1, 1, 2)',
};

export const SURVEY_MODE_LABELS = {
    import: 'Cộng điểm điều tra xã hội học (tính trên thang điểm đầy đủ)',
    rescale: 'Không điều tra: quy đổi điểm thẩm định về thang 100',
};

// "row 3" (a CSV import's detail path) -> 3; null for other paths.
export function csvRowOf(path) {
    const m = /^row (\d+)$/.exec(path || '');
    return m ? Number(m[1]) : null;
}
