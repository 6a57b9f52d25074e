// The results of one unit type (staff): every unit in rank order with its totals, index, grade,
// per-area points and ranks and last year's index; the summary (counts and shares per grade,
// averages, best and worst); a bar chart of the index; XLSX and CSV downloads.
import {h, section, table} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker, querySelect, typesWithSets} from '../data.js';
import {formatFixed, formatChange, formatPoints, decimalComma} from '../format.js';
import {gradeBadge, flagMark, exportLinks, settingsFacts, unitResultHref, settingsHref, outOf} from '../results.js';
import {indexChart} from '../chart.js';

export async function render(ctx) {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Kết quả'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const {types, type} = await typesWithSets(year);
    const head = [pageTitle(`Kết quả năm ${year}`, 'Điểm, chỉ số, xếp hạng và xếp loại của các đơn vị, tính từ điểm đã chấm và điểm điều tra xã hội học ngay lúc mở trang.'),
        yearPicker(periods, year)];
    if (!type) return [...head, alertBox('info', `Chưa có bộ tiêu chí nào năm ${year}.`)];
    const t = await get(`/periods/${year}/results`, {unit_type: type.code});
    const office = ctx.user.role === 'admin' || ctx.user.role === 'clerk';
    const flagged = t.units.filter(u => u.flagged_items > 0).length;
    return [...head,
        h('div', {class: 'filters'}, querySelect('loai', 'Loại đơn vị', types.map(x => ({value: x.code, label: x.name})), type.code)),
        exportLinks(year, type.code),
        flagged ? alertBox('warn', `${flagged}/${t.units.length} đơn vị có kết quả tạm tính`,
            h('p', {}, 'Có tiêu chí chưa được thẩm định đủ hoặc chưa có điểm điều tra xã hội học (đánh dấu ⚠). Bấm tên đơn vị để xem từng tiêu chí.')) : null,
        summary(t),
        section(`Bảng kết quả: ${t.unit_type.name}`, h('p', {class: 'hint'},
            `Điểm tối đa ${formatPoints(t.max)}. Xếp hạng theo tổng điểm; mỗi lĩnh vực ghi điểm và hạng trong ngoặc.`),
        resultTable(year, t)),
        t.units.length ? section('Biểu đồ chỉ số', indexChart(t)) : null,
        section('Cách tính', settingsFacts(t.settings),
            office ? h('p', {}, h('a', {href: settingsHref(year, type.code)}, 'Sửa cách xếp hạng, xếp loại')) : null,
            office ? h('p', {}, h('a', {href: `#/dieu-tra?nam=${year}`}, 'Nhập điểm điều tra xã hội học, SIPAS')) : null),
    ];
}

function summary(t) {
    const s = t.summary;
    const names = codes => {
        const shown = codes.slice(0, 5).map(c => {
            const u = t.units.find(x => x.unit_code === c);
            return u ? `${u.unit_name} (${c}, ${decimalComma(u.index_pct_text)}%)` : c;
        }).join('; ');
        return codes.length > 5 ? `${shown} và ${codes.length - 5} đơn vị khác cùng hạng` : shown;
    };
    const prev = t.previous_summary;
    return h('section', {class: 'card result-summary', 'aria-labelledby': 'summary-title'},
        h('h2', {id: 'summary-title'}, 'Tổng hợp'),
        h('p', {class: 'summary-line'}, `${s.units} đơn vị; điểm bình quân ${outOf(s.average_total, t.max)}; chỉ số bình quân `,
            h('strong', {}, `${decimalComma(s.average_index_pct_text)}%`),
            prev ? ` (năm ${t.previous_year}: ${decimalComma(prev.average_index_pct_text)}%)` : '', '.'),
        table([
            {label: 'Xếp loại', cell: g => gradeBadge(g.grade, t.settings)},
            {label: 'Số đơn vị', cell: g => String(g.count), class: 'num'},
            {label: 'Tỷ lệ', cell: g => `${decimalComma(g.pct_text)}%`, class: 'num'},
        ], s.grades, {caption: 'Số đơn vị theo xếp loại'}),
        s.units ? h('dl', {class: 'facts'},
            h('dt', {}, 'Cao nhất'), h('dd', {}, names(s.best)),
            h('dt', {}, 'Thấp nhất'), h('dd', {}, names(s.worst)),
            h('dt', {}, 'Bình quân theo lĩnh vực'), h('dd', {}, s.area_averages.map(a => {
                const area = t.areas.find(x => x.code === a.code);
                return `LV${a.code}: ${outOf(a.average, area ? area.max : 0)}`;
            }).join('; '))) : null);
}

function resultTable(year, t) {
    const prevYear = t.previous_year;
    const columns = [
        {label: 'Hạng', cell: u => String(u.rank), class: 'num'},
        {label: 'Mã', cell: u => u.unit_code},
        {label: 'Đơn vị', cell: u => [h('a', {href: unitResultHref(year, u.unit_code)}, u.unit_name), ' ', flagMark(u.flagged_items)]},
        {label: 'Tự chấm', cell: u => formatFixed(u.self_total), class: 'num'},
        {label: 'Bước 1', cell: u => formatFixed(u.step1_total), class: 'num'},
        {label: 'Thẩm định', cell: u => formatFixed(u.appraised), class: 'num'},
        {label: 'Điều tra XHH', cell: u => formatFixed(u.survey), class: 'num'},
        {label: 'Tổng điểm', cell: u => h('strong', {}, formatFixed(u.total)), class: 'num'},
        {label: 'Chỉ số (%)', cell: u => decimalComma(u.index_pct_text), class: 'num'},
        {label: 'Xếp loại', cell: u => gradeBadge(u.grade, t.settings)},
        // An area worth 0 here (survey items when the settings leave the survey out) is not ranked.
        ...t.areas.map(a => ({label: `LV${a.code}`, class: 'num',
            cell: u => {
                const x = u.areas.find(y => y.code === a.code);
                if (!x) return '';
                return Number(a.max) === 0 ? 'không tính' : `${formatFixed(x.points)} (${x.rank})`;
            }})),
    ];
    if (prevYear) {
        columns.push({label: `Chỉ số ${prevYear}`, cell: u => (u.previous ? formatFixed(u.previous.index_pct) : '—'), class: 'num'},
            {label: 'Tăng/giảm', cell: u => (u.previous ? changeCell(u.previous.index_change) : '—'), class: 'num'});
    }
    return table(columns, t.units, {caption: `Xếp hạng ${t.unit_type.name} năm ${t.year}`, empty: 'Loại đơn vị này chưa có đơn vị nào.'});
}

function changeCell(n) {
    return h('span', {class: n > 0 ? 'up' : n < 0 ? 'down' : null}, formatChange(n));
}
