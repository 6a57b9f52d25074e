// The office's survey page: importing survey points from CSV (dry run, per-row errors, then
// the real import), what is stored, and SIPAS (sipas.js): the factor set, answers or
// aggregates, the satisfaction per unit and overall, and turning it into survey points.
import {h, section, table} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker, typesWithSets} from '../data.js';
import {formatFixed} from '../format.js';
import {csvImportForm} from '../csvImport.js';
import {sipasSections} from '../sipas.js';
import {resultsHref} from '../results.js';

export async function render(ctx) {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Điều tra xã hội học, SIPAS'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const [scores, sipas, {types}] = await Promise.all([get(`/periods/${year}/survey-scores`), get(`/periods/${year}/sipas`), typesWithSets(year)]);
    return [
        pageTitle(`Điều tra xã hội học, SIPAS năm ${year}`, 'Điểm các tiêu chí điều tra xã hội học do Văn phòng nhập (đơn vị không tự chấm các tiêu chí này) và chỉ số hài lòng SIPAS.'),
        yearPicker(periods, year),
        section('Nhập điểm điều tra xã hội học từ tệp CSV', csvImportForm(ctx, {
            label: 'Nhập điểm điều tra xã hội học',
            path: `/periods/${year}/survey-scores`,
            hint: 'Các cột (theo tên, thứ tự nào cũng được): unit_code (mã đơn vị), sub_code (mã tiêu chí thành phần điều tra), pct (tỷ lệ hài lòng, 0–100) hoặc points (điểm). Điểm từ tỷ lệ = điểm tối đa × tỷ lệ ÷ 100. Một dòng sai thì không dòng nào được nhập; mỗi dòng đúng thay giá trị cũ của đơn vị và tiêu chí đó.',
            fileLabel: 'Tệp điểm điều tra (.csv)',
            report: r => ({text: `Tệp hợp lệ: ${r.rows.length} dòng sẽ được nhập.`, nodes: surveyRows(r.rows, true)}),
            done: r => `Đã nhập ${r.imported} dòng điểm điều tra xã hội học.`,
        })),
        section('Điểm điều tra đã nhập', stored(scores.rows),
            h('p', {}, h('a', {href: resultsHref(year)}, 'Xem bảng kết quả'))),
        ...sipasSections(ctx, year, sipas, types),
    ];
}

function surveyRows(rows, withLine) {
    return table([
        withLine ? {label: 'Dòng', cell: r => String(r.row), class: 'num'} : null,
        {label: 'Mã đơn vị', cell: r => r.unit_code},
        {label: 'Tiêu chí', cell: r => r.sub_code},
        {label: 'Tỷ lệ hài lòng', cell: r => (r.pct === null ? '—' : `${formatFixed(r.pct)}%`), class: 'num'},
        {label: 'Điểm', cell: r => formatFixed(r.points), class: 'num'},
        withLine ? null : {label: 'Nguồn', cell: r => (r.source === 'sipas' ? 'SIPAS' : 'Tệp CSV')},
    ].filter(Boolean), rows, {empty: 'Không có dòng nào.'});
}

function stored(rows) {
    if (!rows.length) return h('p', {class: 'empty'}, 'Chưa nhập điểm điều tra nào năm này.');
    const units = new Set(rows.map(r => r.unit_code)).size;
    return h('details', {class: 'stored'},
        h('summary', {}, `${rows.length} điểm của ${units} đơn vị (bấm để xem)`),
        surveyRows(rows, false));
}
