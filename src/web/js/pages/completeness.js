// The completeness matrix as a heat map: one row per unit of a unit type, one cell per criterion
// coloured by the least advanced status of its sub-criteria, with done/total written in it.
// Units that submitted nothing come first (the server's order). A cell opens the unit's items of
// that criterion. Office: every area; reviewers: their areas.
import {h, section} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker, currentSets, currentSetFor, queryParam} from '../data.js';
import {STATUS_ORDER, statusLabel, phaseLabel} from '../messages.js';
import {formatPoints} from '../format.js';

export function progressHref(year, unit, criterion) {
    return `#/tien-do/${encodeURIComponent(unit)}?nam=${year}${criterion ? `&tc=${encodeURIComponent(criterion)}` : ''}`;
}

export async function render() {
    const periods = await loadPeriods();
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Tiến độ'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const [types, sets] = await Promise.all([get('/unit-types'), get(`/periods/${year}/criteria-sets`)]);
    const withSet = types.filter(t => currentSets(sets).has(t.code));
    const head = [pageTitle(`Tiến độ năm ${year}`, 'Mỗi ô là một tiêu chí của một đơn vị: số tiêu chí thành phần đã hoàn thành trên tổng số, màu theo trạng thái chậm nhất. Bấm vào ô để xem chi tiết.'),
        yearPicker(periods, year)];
    if (!withSet.length) return [...head, alertBox('info', `Chưa có bộ tiêu chí nào năm ${year}.`)];
    const type = withSet.find(t => t.code === queryParam('loai')) || withSet.find(t => t.code === 'xa') || withSet[0];
    const status = STATUS_ORDER.includes(queryParam('trang-thai')) ? queryParam('trang-thai') : '';
    const [matrix, set] = await Promise.all([get(`/periods/${year}/completeness`, {unit_type: type.code, status}),
        currentSetFor(year, type.code)]);
    const filters = h('div', {class: 'filters'},
        select('loai', 'Loại đơn vị', withSet.map(t => ({value: t.code, label: t.name})), type.code),
        select('trang-thai', 'Có tiêu chí ở trạng thái', [{value: '', label: 'Mọi trạng thái'}, ...STATUS_ORDER.map(s => ({value: s, label: statusLabel(s)}))], status));
    const rows = matrix.rows;
    const nothing = rows.filter(r => r.nothing_submitted).length;
    const avg = rows.length ? rows.reduce((s, r) => s + r.summary.done_pct, 0) / rows.length : 0;
    return [...head, filters,
        h('p', {class: 'summary-line', role: 'status'}, `${rows.length} đơn vị; hoàn thành bình quân ${formatPoints(Math.round(avg * 100) / 100)}%; `,
            h('strong', {}, `${nothing} đơn vị chưa nộp gì`), '.'),
        legend(),
        section(`${type.name}`, rows.length ? heatMap(year, rows, set) : h('p', {class: 'empty'}, 'Không có đơn vị nào khớp.')),
    ];
}

// A select that reloads the page with its value in the URL's query.
function select(name, label, options, current) {
    const id = `filter-${name}`;
    return h('div', {class: 'field inline'}, h('label', {for: id}, label),
        h('select', {id, onchange: e => {
            const [path, query] = location.hash.split('?');
            const q = new URLSearchParams(query || '');
            if (e.target.value) q.set(name, e.target.value);
            else q.delete(name);
            location.hash = `${path}?${q}`;
        }}, options.map(o => h('option', {value: o.value, selected: o.value === current}, o.label))));
}

function legend() {
    return h('ul', {class: 'legend', 'aria-label': 'Chú giải màu'}, STATUS_ORDER.map(s =>
        h('li', {}, h('span', {class: `swatch heat-${s}`, 'aria-hidden': 'true'}), statusLabel(s))));
}

function heatMap(year, rows, set) {
    const present = new Set(rows.flatMap(r => Object.keys(r.cells)));
    const areas = (set ? set.tree.areas : []).map(a => ({...a, criteria: a.criteria.filter(c => present.has(c.code))}))
        .filter(a => a.criteria.length);
    const columns = areas.flatMap(a => a.criteria);
    const table = h('table', {class: 'heat'},
        h('caption', {class: 'visually-hidden'}, 'Tiến độ theo đơn vị và tiêu chí'),
        h('thead', {},
            h('tr', {}, h('th', {scope: 'col', rowspan: 2, class: 'unit-col'}, 'Đơn vị'),
                h('th', {scope: 'col', rowspan: 2}, 'Hoàn thành'),
                areas.map(a => h('th', {scope: 'colgroup', colspan: a.criteria.length, class: 'area-head', title: a.name}, `Lĩnh vực ${a.code}`))),
            h('tr', {}, columns.map(c => h('th', {scope: 'col', title: c.name, class: 'crit-head'}, c.code)))),
        h('tbody', {}, rows.map(r => h('tr', {class: r.nothing_submitted ? 'nothing' : null},
            h('th', {scope: 'row', class: 'unit-col'}, h('a', {href: progressHref(year, r.unit_code)}, `${r.unit_code} ${r.unit_name}`),
                h('span', {class: 'hint unit-phase'}, phaseLabel(r.phase)),
                r.nothing_submitted ? h('span', {class: 'badge status-not_started'}, 'Chưa nộp gì') : null),
            h('td', {class: 'num'}, `${formatPoints(r.summary.done_pct)}%`),
            columns.map(c => cell(year, r, c))))));
    return h('div', {class: 'heat-wrap', tabindex: '0', role: 'region', 'aria-label': 'Bảng tiến độ (cuộn ngang được)'}, table);
}

function cell(year, row, criterion) {
    const v = row.cells[criterion.code];
    if (!v) return h('td', {class: 'heat-none'}, '');
    const [done, total, least] = v;
    const label = `${row.unit_code}, tiêu chí ${criterion.code}: ${done}/${total} hoàn thành; chậm nhất: ${statusLabel(least)}`;
    return h('td', {class: `heat-cell heat-${least}`, dataset: {unit: row.unit_code, criterion: criterion.code, status: least}},
        h('a', {href: progressHref(year, row.unit_code, criterion.code), 'aria-label': label, title: label}, `${done}/${total}`));
}
