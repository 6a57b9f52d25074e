// The official documents of a year: every signed document with its download and preview links
// and, for the office, the approver's "Ký phê duyệt" and the form that generates one (appraisal
// sheet of a unit, decision draft, annual report with the clerk's sections IV and V, which can
// be pre-filled with the year's facts). Reviewers read the list only. docs/documents.md.
import {h, section} from '../dom.js';
import {get, post} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker, unitNameIn, currentSets} from '../data.js';
import {field, form, value, invalid, showStatus, intValue} from '../forms.js';
import {documentTable, KIND_LABELS, kindLabel} from '../documents.js';
import {reportFacts} from '../reportFacts.js';

const KIND_HINTS = {
    appraisal_sheet: 'Mọi tiêu chí thành phần của một đơn vị: điểm tối đa, tự chấm, bước 1, bước 2 và các tài liệu kiểm chứng được trích dẫn.',
    decision_draft: 'Quyết định phê duyệt, công bố kết quả với các phụ lục bảng điểm (mỗi loại đơn vị một phụ lục) và phụ lục chi tiết tài liệu kiểm chứng.',
    annual_report: 'Báo cáo theo mẫu: mục I–III hệ thống tự lập từ số liệu; mục IV, V là nội dung Văn phòng viết dưới đây.',
};

export async function render(ctx) {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Văn bản'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const [{documents}, units, sets] = await Promise.all([get(`/periods/${year}/documents`), get('/units'),
        get(`/periods/${year}/criteria-sets`)]);
    // A sheet needs the unit's criteria set of the year: units of a type without one are left out.
    const withSet = currentSets(sets);
    const active = units.filter(u => u.active_from_year <= year && (u.active_to_year === null || u.active_to_year >= year)
        && withSet.has(u.unit_type)).sort((a, b) => a.code.localeCompare(b.code));
    const office = ctx.user.role === 'admin' || ctx.user.role === 'clerk';
    const onSign = office ? (doc, signed) => ctx.reload(`Đã ký phê duyệt văn bản #${doc.id}: bản có ${signed.signatures} chữ ký là văn bản #${signed.id}.`) : null;
    return [
        pageTitle(`Văn bản năm ${year}`, 'Phiếu thẩm định, dự thảo quyết định công bố kết quả và báo cáo năm, lập từ số liệu hiện tại, ký số bằng khóa của cơ quan và lưu lại không sửa được.'),
        yearPicker(periods, year),
        office ? section('Lập văn bản mới', generateForm(ctx, year, active, documents)) : null,
        section(`Các văn bản đã lập (${documents.length})`,
            h('p', {class: 'hint'}, '"Ký phê duyệt" thêm chữ ký của người phê duyệt lên trên chữ ký của cơ quan và lưu thành một văn bản mới; bản cũ vẫn giữ nguyên. Tải tệp PDF để gửi đi; người nhận kiểm tra chữ ký ở trang ',
                h('a', {href: '#/kiem-tra-chu-ky'}, 'Kiểm tra chữ ký'), ' hoặc bằng phần mềm đọc PDF.'),
            documentTable(documents, {onSign, empty: `Chưa lập văn bản nào năm ${year}.`})),
    ];
}

const ALL = '*';
const MISSING = '?';

// One appraisal sheet for each of units, one request after another with the progress shown.
// Each sheet is stored on its own: a refusal stops the run there and says how far it got
// ("chưa có phiếu" then continues with the rest).
async function sheetsFor(ctx, form, year, units, body) {
    let made = 0;
    for (const u of units) {
        showStatus(form, `Đang lập phiếu ${made + 1}/${units.length}: ${u.code}…`);
        try {
            await post(`/periods/${year}/documents`, {...body, unit: u.code});
        } catch (e) {
            e.message = `Dừng ở đơn vị ${u.code}: ${e.message}. Đã lập ${made}/${units.length} phiếu`
                + (made ? '; chọn "đơn vị chưa có phiếu" để lập tiếp.' : '.');
            throw e;
        }
        made += 1;
    }
    ctx.reload(`Đã lập và ký ${made} phiếu thẩm định, mỗi đơn vị một phiếu.`);
}

function generateForm(ctx, year, units, documents) {
    const withSheet = new Set(documents.filter(d => d.kind === 'appraisal_sheet').map(d => d.unit));
    const missing = units.filter(u => !withSheet.has(u.code));
    const kindHint = h('p', {class: 'hint kind-hint'});
    const f = form({
        label: 'Lập văn bản',
        fields: [
            field({name: 'kind', label: 'Loại văn bản', type: 'select', required: true,
                options: Object.entries(KIND_LABELS).map(([value, label]) => ({value, label}))}),
            kindHint,
            field({name: 'unit', label: 'Đơn vị', type: 'select', required: true,
                options: [{value: '', label: '— Chọn đơn vị —'}, {value: ALL, label: `— Tất cả ${units.length} đơn vị (mỗi đơn vị một phiếu) —`},
                    ...(missing.length && missing.length < units.length ? [{value: MISSING, label: `— ${missing.length} đơn vị chưa có phiếu —`}] : []),
                    ...units.map(u => ({value: u.code, label: `${u.code} — ${unitNameIn(u, year)}`}))]}),
            h('div', {class: 'row'},
                field({name: 'number', label: 'Số văn bản', hint: 'Từ 1 đến 99999. Để trống: in "Số:      /…" để văn thư điền khi ban hành.',
                    attrs: {inputmode: 'numeric', autocomplete: 'off'}}),
                field({name: 'date', label: 'Ngày văn bản', type: 'date', hint: 'Để trống: ngày hôm nay.'})),
            field({name: 'draft', label: 'Bản dự thảo (in chữ "DỰ THẢO" trên mọi trang)', type: 'checkbox', value: true}),
            field({name: 'assessment_text', label: 'Mục IV. Đánh giá chung: ưu điểm, hạn chế và nguyên nhân', type: 'textarea',
                hint: 'Các đoạn cách nhau bằng một dòng trống. Hệ thống tự ghi trước đoạn này các đơn vị chưa tự chấm điểm.'}),
            field({name: 'directions_text', label: 'Mục V. Phương hướng, nhiệm vụ', type: 'textarea',
                hint: 'Các đoạn cách nhau bằng một dòng trống.'}),
            h('div', {class: 'buttons prefill'}, h('button', {type: 'button', class: 'small secondary', 'data-action': 'prefill'}, 'Điền sẵn từ số liệu')),
        ],
        submitLabel: 'Lập và ký văn bản',
        onSubmit: async form => {
            const kind = value(form, 'kind');
            const body = {kind, draft: form.elements.draft.checked};
            if (kind === 'appraisal_sheet' && value(form, 'unit')) body.unit = value(form, 'unit');
            const number = intValue(form, 'number');
            if (number !== undefined) body.number = number;
            if (value(form, 'date')) body.date = value(form, 'date');
            if (kind === 'annual_report') {
                body.assessment_text = form.elements.assessment_text.value;
                body.directions_text = form.elements.directions_text.value;
            }
            if (body.unit === ALL || body.unit === MISSING) {
                if (number !== undefined) invalid('Không dùng một số văn bản cho nhiều phiếu', 'number', 'Để trống số văn bản khi lập phiếu cho nhiều đơn vị');
                await sheetsFor(ctx, form, year, body.unit === ALL ? units : missing, body);
                return;
            }
            const doc = await post(`/periods/${year}/documents`, body);
            ctx.reload(`Đã lập và ký văn bản #${doc.id}: ${kindLabel(doc.kind)}${doc.unit ? ` ${doc.unit}` : ''} (${doc.signatures} chữ ký).`);
        },
    });
    const wrapper = name => f.querySelector(`[data-field="${name}"]`);
    const prefill = f.querySelector('[data-action="prefill"]');
    const showFor = () => {
        const kind = f.elements.kind.value;
        wrapper('unit').hidden = kind !== 'appraisal_sheet';
        wrapper('assessment_text').hidden = kind !== 'annual_report';
        wrapper('directions_text').hidden = kind !== 'annual_report';
        prefill.parentElement.hidden = kind !== 'annual_report';
        kindHint.textContent = KIND_HINTS[kind] || '';
    };
    f.elements.kind.addEventListener('change', showFor);
    showFor();
    // Sections IV and V pre-filled with the year's facts (results, flags), only where the clerk
    // has not written anything yet: nothing typed is replaced.
    prefill.addEventListener('click', async () => {
        const facts = reportFacts(await get(`/periods/${year}/results`));
        for (const [name, text] of [['assessment_text', facts.assessment], ['directions_text', facts.directions]])
            if (!f.elements[name].value.trim()) f.elements[name].value = text;
    });
    return f;
}
