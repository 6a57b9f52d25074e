// Small helpers over the API shared by several pages.
import {h} from './dom.js';
import {get} from './api.js';
import {currentPeriod} from './phase.js';

// Every period, newest first.
export async function loadPeriods() {
    const periods = await get('/periods');
    return periods.sort((a, b) => b.year - a.year);
}

// The year a page shows: the one in the URL's ?nam=, else the current period's.
export function chosenYear(periods) {
    const q = new URLSearchParams(location.hash.split('?')[1] || '');
    const asked = Number(q.get('nam'));
    if (periods.some(p => p.year === asked)) return asked;
    const p = currentPeriod(periods);
    return p ? p.year : null;
}

// A labelled select of the periods' years; choosing one reloads the page with ?nam=<year>.
export function yearPicker(periods, year) {
    const id = 'year-picker';
    const select = h('select', {id, onchange: e => {
        const base = location.hash.split('?')[0];
        location.hash = `${base}?nam=${e.target.value}`;
    }}, periods.map(p => h('option', {value: p.year, selected: p.year === year}, `${p.year} — ${p.name}`)));
    return h('div', {class: 'field inline year-picker'}, h('label', {for: id}, 'Kỳ đánh giá'), select);
}

// The current (highest-version) set of each unit type: Map unit_type -> CriteriaSetInfo.
export function currentSets(sets) {
    const out = new Map();
    for (const s of sets) {
        const seen = out.get(s.unit_type);
        if (!seen || s.version > seen.version) out.set(s.unit_type, s);
    }
    return out;
}
