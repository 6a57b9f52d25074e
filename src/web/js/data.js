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

// The name a unit (from GET /units) had in year: its last name from that year or earlier.
export function unitNameIn(unit, year) {
    const names = unit.names || [];
    let name = names.length ? names[0].name : unit.name;
    for (const n of names) if (n.from_year <= year) name = n.name;
    return name;
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

// A labelled select that reloads the page with its value as the URL's query parameter name
// (removed when the value is ''). options: [{value, label}].
export function querySelect(name, label, options, current) {
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

// The unit types of year that have a criteria set, and the one the URL's ?loai= names (else
// `preferred`, else the first): {types, type} (type null when none has a set).
export async function typesWithSets(year, preferred = 'xa') {
    const [types, sets] = await Promise.all([get('/unit-types'), get(`/periods/${year}/criteria-sets`)]);
    const current = currentSets(sets);
    const withSet = types.filter(t => current.has(t.code));
    const type = withSet.find(t => t.code === queryParam('loai')) || withSet.find(t => t.code === preferred) || withSet[0] || null;
    return {types: withSet, type};
}

// True when unit (as GET /units returns it) is assessed in year: within its active years.
export function unitAssessedIn(unit, year) {
    return unit.active_from_year <= year && (unit.active_to_year == null || year <= unit.active_to_year);
}

// Why a unit has nothing to do in a year it is not assessed in, as the server says it
// ("Đơn vị XA16 không được đánh giá năm 2023 (hoạt động đến năm 2022, đã sáp nhập vào XA18)").
export function notAssessedText(unit, year) {
    let range = year < unit.active_from_year ? `hoạt động từ năm ${unit.active_from_year}`
        : `hoạt động đến năm ${unit.active_to_year}`;
    if (unit.merged_into && year > unit.active_to_year) range += `, đã sáp nhập vào ${unit.merged_into}`;
    return `Đơn vị ${unit.code} không được đánh giá năm ${year} (${range}).`;
}

// The latest of periods (newest first) in which unit is assessed, or null.
export function lastAssessedPeriod(unit, periods) {
    return periods.find(p => unitAssessedIn(unit, p.year)) || null;
}
