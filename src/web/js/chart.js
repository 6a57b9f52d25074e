// A horizontal bar chart of the units' index (%), in rank order, as SVG built with DOM calls
// (the CSP allows no inline styles: colours come from classes in app.css). The grade thresholds
// are drawn as dashed lines. The table beside it holds the same numbers for screen readers.
import {formatFixed} from './format.js';

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
    for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return el;
}

// t: a results table (GET /periods/{y}/results?unit_type=).
export function indexChart(t) {
    const bar = 16;
    const step = 22;
    const left = 230;
    const plot = 400;
    const top = 24;
    const width = left + plot + 60;
    const height = top + t.units.length * step + 8;
    const x = pct => left + (plot * Math.max(0, Math.min(100, pct))) / 100;
    const gradeIndex = g => Math.min(3, Math.max(0, t.settings.grades.findIndex(r => r.grade === g)));
    const thresholds = [...new Set(t.settings.grades.map(g => g.min_pct).filter(v => v !== null && v > 0 && v < 100))];
    const short = name => (name.length > 30 ? `${name.slice(0, 29)}…` : name);
    return s('svg', {class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
        'aria-label': `Chỉ số của ${t.units.length} đơn vị, từ ${formatFixed(t.units[0].index_pct)}% đến ${formatFixed(t.units[t.units.length - 1].index_pct)}%`},
    s('title', {}, `Chỉ số CCHC năm ${t.year}: ${t.unit_type.name}`),
    [0, 100].map(p => s('text', {x: x(p), y: 14, 'text-anchor': 'middle', class: 'axis'}, `${p}%`)),
    thresholds.map(p => s('line', {x1: x(p), x2: x(p), y1: top - 4, y2: height - 4, class: 'threshold'})),
    thresholds.map(p => s('text', {x: x(p), y: 14, 'text-anchor': 'middle', class: 'axis threshold-label'}, `${formatFixed(p, 0)}`)),
    t.units.map((u, i) => {
        const y = top + i * step;
        return s('g', {class: 'bar-row'},
            s('text', {x: left - 8, y: y + bar - 4, 'text-anchor': 'end', class: 'bar-label'}, `${u.rank}. ${short(u.unit_name)}`),
            s('rect', {x: left, y, width: Math.max(1, x(u.index_pct) - left), height: bar, class: `bar grade-${gradeIndex(u.grade)}`},
                s('title', {}, `${u.unit_name}: ${formatFixed(u.index_pct)}% (${u.grade})`)),
            s('text', {x: x(u.index_pct) + 4, y: y + bar - 4, class: 'bar-value'}, formatFixed(u.index_pct)));
    }));
}
