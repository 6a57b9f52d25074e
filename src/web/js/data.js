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

const setCache = new Map();  // criteria-set id -> promise of GET /criteria-sets/{id}

// The current criteria set (with its tree) of unitType in year, or null when there is none.
// Sets never change once stored (a new import is a new id), so they are fetched once per page load.
export async function currentSetFor(year, unitType) {
    const info = currentSets(await get(`/periods/${year}/criteria-sets`)).get(unitType);
    if (!info) return null;
    if (!setCache.has(info.id)) setCache.set(info.id, get(`/criteria-sets/${info.id}`).catch(e => { setCache.delete(info.id); throw e; }));
    return setCache.get(info.id);
}

// Every sub-criterion of a tree in order, each with its area and criterion: [{sub, area, criterion}].
export function subsOf(tree) {
    return tree.areas.flatMap(area => area.criteria.flatMap(criterion =>
        criterion.sub_criteria.map(sub => ({sub, area, criterion}))));
}

// The closing date of a unit's current phase, from GET …/assessment: {label, iso} or null.
export function phaseDeadline(assessment) {
    const p = assessment.period || {};
    switch (assessment.phase) {
    case 'not_started': return {label: 'Mở tự đánh giá', iso: p.self_assessment_opens};
    case 'self_assessment': return {label: 'Hạn tự đánh giá, nộp tài liệu', iso: p.self_assessment_closes};
    case 'step1_appraisal': return {label: 'Hạn thẩm định bước 1', iso: p.step1_closes};
    case 'supplement': return {label: 'Hạn bổ sung, giải trình', iso: p.supplement_closes};
    case 'step2_appraisal': return {label: 'Hạn thẩm định bước 2', iso: p.step2_closes};
    default: return null;
    }
}

// The query parameter name of the page's URL (after "#/…?"), or ''.
export function queryParam(name) {
    return new URLSearchParams(location.hash.split('?')[1] || '').get(name) || '';
}
