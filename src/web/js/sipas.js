// SIPAS (satisfaction with public administrative services) on the office's survey page: the
// period's factor set, importing raw answers or per-factor aggregates (CSV, dry run first), the
// satisfaction per factor for each unit and for everyone, and converting each unit's overall %
// into the points of a survey sub-criterion.
import {h, section, table, uniqueId} from './dom.js';
import {put, post} from './api.js';
import {alertBox} from './layout.js';
import {field, form, value, invalid, showStatus} from './forms.js';
import {formatFixed} from './format.js';
import {csvImportForm} from './csvImport.js';
import {currentSetFor, subsOf} from './data.js';
import {entryKind} from './scoring.js';

// Where no factor set is configured yet: the four factors of the Bảo Yên report.
const SAMPLE = [['TC', 'Tiếp cận dịch vụ'], ['TT', 'Thủ tục hành chính'], ['CC', 'Công chức giải quyết công việc'], ['KQ', 'Kết quả giải quyết công việc']];

export function sipasSections(ctx, year, sipas, types) {
    const has = sipas.factors.length > 0;
    return [
        section('SIPAS: các yếu tố', factorsForm(ctx, year, sipas.factors)),
        section('SIPAS: nhập phiếu trả lời hoặc số liệu tổng hợp', has ? csvImportForm(ctx, {
            label: 'Nhập dữ liệu SIPAS',
            choices: [
                {value: 'answers', label: 'Phiếu trả lời: respondent, unit_code, question, answer (1–5, để trống nếu không trả lời)', path: `/periods/${year}/sipas/answers`},
                {value: 'aggregates', label: 'Số liệu tổng hợp: unit_code, factor, valid, satisfied', path: `/periods/${year}/sipas/aggregates`},
            ],
            hint: 'Mỗi lần nhập thay toàn bộ dữ liệu SIPAS của năm. "Hài lòng" là câu trả lời 4 (hài lòng) hoặc 5 (rất hài lòng).',
            fileLabel: 'Tệp dữ liệu SIPAS (.csv)',
            report: r => ({text: `Tệp hợp lệ: ${r.records} dòng, ${new Set(r.counts.map(c => c.unit_code)).size} đơn vị.`, nodes: countsTable(r.counts)}),
            done: r => `Đã nhập dữ liệu SIPAS: ${r.records} dòng.`,
        }) : alertBox('info', 'Lưu các yếu tố SIPAS ở trên trước khi nhập dữ liệu.')),
        section('SIPAS: kết quả', resultsTable(sipas)),
        sipas.units.length ? section('SIPAS: quy đổi thành điểm điều tra', applyForm(ctx, year, types)) : null,
    ];
}

function factorRow(factor, n) {
    const row = h('fieldset', {class: 'factor-row'},
        h('legend', {}, `Yếu tố ${n}`),
        h('div', {class: 'row'},
            field({name: 'factor_code', label: 'Mã', value: factor.code, required: true}),
            field({name: 'factor_name', label: 'Tên yếu tố', value: factor.name, required: true})),
        field({name: 'factor_questions', label: 'Mã các câu hỏi (cách nhau bằng dấu phẩy)', value: factor.questions.join(', '), required: true}),
        h('button', {type: 'button', class: 'small danger', onclick: () => row.remove()}, `Bỏ yếu tố ${n}`));
    return row;
}

function factorsForm(ctx, year, factors) {
    const start = factors.length ? factors : SAMPLE.map(([code, name]) => ({code, name, questions: []}));
    // The list's own error slot comes first: errors about a factor are placed in the first
    // .field-error of the element named "factors".
    const list = h('div', {class: 'factor-list', dataset: {field: 'factors'}},
        h('p', {class: 'field-error', id: uniqueId('factors-error'), hidden: true}), start.map((f, i) => factorRow(f, i + 1)));
    return form({
        label: 'Các yếu tố SIPAS',
        fields: [
            h('p', {class: 'hint'}, factors.length ? `Năm ${year} có ${factors.length} yếu tố.` : 'Chưa có yếu tố nào: dưới đây là 4 yếu tố thường dùng, điền mã câu hỏi rồi lưu.'),
            list,
        ],
        submitLabel: 'Lưu các yếu tố',
        extraButtons: [h('button', {type: 'button', onclick: () => {
            const row = factorRow({code: '', name: '', questions: []}, list.querySelectorAll('.factor-row').length + 1);
            list.append(row);
            row.querySelector('input').focus();
        }}, 'Thêm yếu tố')],
        onSubmit: async f => {
            const rows = [...f.querySelectorAll('.factor-row')];
            if (!rows.length) invalid('Chưa có yếu tố nào', 'factors', 'Cần ít nhất một yếu tố');
            const body = {factors: rows.map(r => ({
                code: r.querySelector('[name=factor_code]').value.trim(),
                name: r.querySelector('[name=factor_name]').value.trim(),
                questions: r.querySelector('[name=factor_questions]').value.split(/[,;\s]+/).filter(Boolean)}))};
            try {
                const saved = await put(`/periods/${year}/sipas/factors`, body);
                ctx.reload(`Đã lưu ${saved.factors.length} yếu tố SIPAS.`);
            } catch (e) {
                // "$.factors[1].name" -> next to the list, as "Yếu tố 2: …".
                e.details = (e.details || []).map(d => {
                    const m = /^\$\.factors\[(\d+)\]/.exec(d.path || '');
                    return m ? {path: 'factors', message: `Yếu tố ${Number(m[1]) + 1}: ${d.message}`} : d;
                });
                throw e;
            }
        },
    });
}

const pct = x => (x.pct === null ? '—' : `${formatFixed(x.pct)}% (${x.satisfied}/${x.valid})`);

function countsTable(counts) {
    return table([
        {label: 'Đơn vị', cell: c => c.unit_code},
        {label: 'Yếu tố', cell: c => c.factor},
        {label: 'Trả lời hợp lệ', cell: c => String(c.valid), class: 'num'},
        {label: 'Hài lòng', cell: c => String(c.satisfied), class: 'num'},
        {label: 'Tỷ lệ', cell: c => (c.valid ? `${formatFixed((100 * c.satisfied) / c.valid)}%` : '—'), class: 'num'},
    ], counts);
}

function resultsTable(sipas) {
    if (!sipas.units.length) return h('p', {class: 'empty'}, 'Chưa có dữ liệu SIPAS năm này.');
    const rows = [{...sipas.overall, unit_code: 'Chung'}, ...sipas.units];
    return [h('p', {class: 'hint'}, 'Tỷ lệ hài lòng của mỗi yếu tố = số câu trả lời hài lòng, rất hài lòng ÷ số câu trả lời hợp lệ; chỉ số chung = bình quân các yếu tố có câu trả lời.'),
        h('p', {class: 'hint'}, `Các yếu tố: ${sipas.factors.map(f => `${f.code} — ${f.name}`).join('; ')}.`),
        table([
            {label: 'Đơn vị', cell: r => (r.unit_code === 'Chung' ? h('strong', {}, 'Mọi đơn vị') : r.unit_code)},
            ...sipas.factors.map(f => ({label: f.code, class: 'num',
                cell: r => {
                    const x = r.factors.find(y => y.code === f.code);
                    return x ? pct(x) : '—';
                }})),
            {label: 'Chỉ số chung', cell: r => h('strong', {}, r.overall_pct === null ? '—' : `${formatFixed(r.overall_pct)}%`), class: 'num'},
        ], rows)];
}

function applyForm(ctx, year, types) {
    const subs = h('select', {name: 'sub_code', id: uniqueId('f-sub_code'), required: true});
    const fill = async code => {
        const set = code ? await currentSetFor(year, code).catch(() => null) : null;
        const items = set ? subsOf(set.tree).filter(x => entryKind(x.sub) === 'survey') : [];
        subs.replaceChildren(...items.map(x => h('option', {value: x.sub.code}, `${x.sub.code} ${x.sub.name}`)));
    };
    const typeField = field({name: 'unit_type', label: 'Loại đơn vị', type: 'select', required: true,
        options: types.map(t => ({value: t.code, label: t.name})), value: (types.find(t => t.code === 'xa') || types[0] || {}).code});
    const subField = h('div', {class: 'field', dataset: {field: 'sub_code'}}, h('label', {for: subs.id}, 'Tiêu chí điều tra nhận điểm'), subs,
        h('p', {class: 'field-error', hidden: true}));
    const f = form({
        label: 'Quy đổi SIPAS thành điểm điều tra',
        fields: [h('p', {class: 'hint'}, 'Với mỗi đơn vị của loại đã chọn có dữ liệu SIPAS: điểm = điểm tối đa của tiêu chí × chỉ số chung. Điểm cũ của tiêu chí đó được thay.'),
            h('div', {class: 'row'}, typeField, subField)],
        submitLabel: 'Quy đổi',
        onSubmit: async form => {
            if (!value(form, 'sub_code')) invalid('Chưa chọn tiêu chí', 'sub_code', 'Chọn một tiêu chí điều tra xã hội học');
            const r = await post(`/periods/${year}/sipas/apply`, {unit_type: value(form, 'unit_type'), sub_code: value(form, 'sub_code')});
            showStatus(form, `Đã ghi điểm tiêu chí ${value(form, 'sub_code')} cho ${r.rows.length} đơn vị từ SIPAS.`);
        },
    });
    f.elements.unit_type.addEventListener('change', e => fill(e.target.value));
    fill(f.elements.unit_type.value);
    return f;
}
