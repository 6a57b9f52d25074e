// The front end's pure modules (no DOM, no network), tested without a browser. They are plain
// ES modules under src/web/js with no imports of their own, loaded here from their text.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {ROOT} from './harness.mjs';

async function load(name) {
    const text = readFileSync(path.join(ROOT, 'src/web/js', name), 'utf8');
    return import(`data:text/javascript;charset=utf-8,${encodeURIComponent(text)}`);
}

const {periodStage, nextStep, currentPeriod, extensionRunning} = await load('phase.js');
const {formatDateTime, toLocalInput, fromLocalInput, daysUntil, relativeDays, formatPoints, fold, formatFixed, decimalComma, formatChange, parseDecimal} = await load('format.js');
const {fieldOfPath, describeCriteriaPath, humanize, csvRowOf} = await load('messages.js');
const {signedPoints, maxCell, roundCell, kindPrefix, criterionRuleTotal} = await load('adjustment.js');

const demo = {
    year: 2022, finalised: false,
    self_assessment_opens: '2022-11-28T00:00:00Z', self_assessment_closes: '2022-12-31T16:59:59Z',
    step1_closes: '2023-01-04T16:59:59Z', supplement_closes: '2023-01-10T16:59:59Z', step2_closes: '2023-01-20T16:59:59Z',
};

test('the stage of a period follows its dates', () => {
    const cases = [
        ['2022-11-01T00:00:00Z', 'before_open', demo.self_assessment_opens],
        ['2022-12-01T00:00:00Z', 'self_assessment', demo.self_assessment_closes],
        ['2022-12-31T16:59:59Z', 'step1', demo.step1_closes],  // a deadline's own second is past
        ['2023-01-05T00:00:00Z', 'supplement', demo.supplement_closes],
        ['2023-01-15T00:00:00Z', 'step2', demo.step2_closes],
        ['2023-02-01T00:00:00Z', 'closing', null],
    ];
    for (const [now, stage, due] of cases) {
        const s = periodStage(demo, new Date(now));
        assert.equal(s.stage, stage, now);
        assert.equal(s.due, due, now);
    }
    assert.equal(periodStage({...demo, finalised: true}, new Date('2022-12-01T00:00:00Z')).stage, 'finalised');
});

test('a missing date makes the stage unknown once it is needed', () => {
    const partial = {...demo, step1_closes: null};
    assert.equal(periodStage(partial, new Date('2022-12-01T00:00:00Z')).stage, 'self_assessment');
    const later = periodStage(partial, new Date('2023-01-02T00:00:00Z'));
    assert.equal(later.stage, 'planning');
    assert.deepEqual(later.missing, ['step1_closes']);
});

test('each role gets its own next step', () => {
    const now = new Date('2022-12-01T00:00:00Z');
    assert.match(nextStep('unit', demo, now).text, /Tự chấm điểm và nộp tài liệu kiểm chứng/);
    assert.match(nextStep('clerk', demo, now).text, /Theo dõi các đơn vị tự chấm điểm/);
    assert.match(nextStep('reviewer', demo, new Date('2023-01-02T00:00:00Z')).text, /Thẩm định bước 1/);
    assert.equal(nextStep('admin', demo, now).text, nextStep('clerk', demo, now).text);
});

test('the current period is the newest one under way, else the newest not finalised', () => {
    assert.equal(currentPeriod([]), null);
    assert.equal(currentPeriod([{year: 2021}, {year: 2023, finalised: true}, {year: 2022}]).year, 2022);
    assert.equal(currentPeriod([{year: 2021, finalised: true}, {year: 2022, finalised: true}]).year, 2022);
    // 2023 created while 2022 runs: 2022 stays current until 2023 opens, or 2022 is finalised.
    const next = {...demo, year: 2023, self_assessment_opens: '2023-11-28T00:00:00Z', self_assessment_closes: '2023-12-31T16:59:59Z',
        step1_closes: '2024-01-04T16:59:59Z', supplement_closes: '2024-01-10T16:59:59Z', step2_closes: '2024-01-20T16:59:59Z'};
    const undated = {year: 2023, finalised: false};
    for (const later of [next, undated])
        assert.equal(currentPeriod([demo, later], new Date('2023-01-02T00:00:00Z')).year, 2022);
    assert.equal(currentPeriod([demo, next], new Date('2023-12-01T00:00:00Z')).year, 2023);
    assert.equal(currentPeriod([{...demo, finalised: true}, undated], new Date('2023-01-02T00:00:00Z')).year, 2023);
});

test('an extension counts as running until its end', () => {
    const a = {extensions: [{until: '2023-01-03T16:59:59Z'}]};
    assert.equal(extensionRunning(a, new Date('2023-01-02T00:00:00Z')), true);
    assert.equal(extensionRunning(a, new Date('2023-01-03T16:59:59Z')), false);
    assert.equal(extensionRunning({extensions: []}, new Date('2023-01-02T00:00:00Z')), false);
});

test('times are shown and typed in Vietnam time', () => {
    assert.equal(formatDateTime('2022-12-31T16:59:59Z'), '23:59 31/12/2022');
    assert.equal(formatDateTime(null), '');
    assert.equal(toLocalInput('2022-12-31T16:59:59Z'), '2022-12-31T23:59:59');
    assert.equal(fromLocalInput('2022-12-31T23:59:59'), '2022-12-31T16:59:59Z');
    assert.equal(fromLocalInput('2023-01-01T06:30'), '2022-12-31T23:30:00Z');
    assert.equal(fromLocalInput(''), null);
    assert.equal(fromLocalInput(toLocalInput('2023-01-20T16:59:59Z')), '2023-01-20T16:59:59Z');
    const now = new Date('2022-12-31T17:30:00Z');  // 00:30 on 1 January in Hanoi
    assert.equal(daysUntil('2023-01-01T16:00:00Z', now), 0);
    assert.equal(relativeDays('2023-01-02T10:00:00Z', now), 'ngày mai');
    assert.equal(relativeDays('2022-12-31T10:00:00Z', now), 'đã qua 1 ngày');
});

test('points and search text', () => {
    assert.equal(formatPoints(11.5), '11,5');
    assert.equal(formatPoints(100), '100');
    assert.equal(fold('UBND xã Phúc Khánh, Đồng Tâm'), 'ubnd xa phuc khanh, dong tam');
});

test('error paths name form fields and places in a criteria file', () => {
    assert.equal(fieldOfPath('$.password'), 'password');
    assert.equal(fieldOfPath('area_codes[1]'), 'area_codes');
    assert.equal(fieldOfPath('$'), '');
    const doc = {areas: [{code: '1', criteria: [{code: '1.1', sub_criteria: [{code: '1.1.1'}]}]}]};
    assert.equal(describeCriteriaPath('$.areas[0].criteria[0].sub_criteria[0].max_points', doc),
        'Lĩnh vực 1 › tiêu chí 1.1 › tiêu chí thành phần 1.1.1 › max_points');
    assert.equal(describeCriteriaPath('$.areas[3].name', null), 'Lĩnh vực thứ 4 › name');
    assert.equal(describeCriteriaPath('$', doc), 'Toàn bộ tệp');
    assert.equal(humanize('Mốc thời gian phải sau step1_closes'), 'Mốc thời gian phải sau mốc "Hạn thẩm định bước 1"');
    assert.equal(humanize('Không có unit_code lạ'), 'Không có unit_code lạ');
});

const {toHundredths, hundredthsText, suggest, entryKind} = await load('scoring.js');

test('scores are read and written in exact hundredths with a decimal comma', () => {
    const cases = [['1,5', 150], ['1.5', 150], [1.5, 150], [' 2 ', 200], ['0,05', 5], ['10.09', 1009],
        ['1.005', null], ['-1', null], ['', null], ['abc', null], [null, null]];
    for (const [input, want] of cases) assert.equal(toHundredths(input), want, String(input));
    assert.deepEqual([150, 100, 1009, 0, 5].map(hundredthsText), ['1,5', '1', '10,09', '0', '0,05']);
});

test('the points a metric gives match the server rules', () => {
    const bands = {max_points: 2, scoring: {type: 'bands', bands: [
        {min_pct: 90, max_pct_exclusive: null, points: 2}, {min_pct: 70, max_pct_exclusive: 90, points: 1},
        {min_pct: 0, max_pct_exclusive: 70, points: 0}]}};
    assert.deepEqual(suggest(bands, {metricPct: '85'}), {points: 100});
    assert.deepEqual(suggest(bands, {metricPct: '90'}), {points: 200});
    assert.deepEqual(suggest(bands, {metricPct: '89,99'}), {points: 100});
    assert.deepEqual(suggest(bands, {metricPct: ''}), {});
    assert.ok(suggest(bands, {metricPct: '120'}).error);
    const prop = {max_points: 1.5, scoring: {type: 'proportional', target_pct: 30}};
    assert.deepEqual(suggest(prop, {metricPct: '15'}), {points: 75});
    assert.deepEqual(suggest(prop, {metricPct: '10'}), {points: 50});   // 1.5 x 10/30 = 0.5
    assert.deepEqual(suggest(prop, {metricPct: '11'}), {points: 55});   // 0.55
    assert.deepEqual(suggest(prop, {metricPct: '100'}), {points: 150}); // capped at the maximum
    const odd = {max_points: 1, scoring: {type: 'proportional', target_pct: 30}};
    assert.deepEqual(suggest(odd, {metricPct: '10'}), {points: 33});    // 0.333… rounds to 0.33
    assert.deepEqual(suggest(odd, {metricPct: '20'}), {points: 67});    // 0.666… rounds to 0.67
    const ded = {max_points: 1.5, scoring: {type: 'deduction', per_violation: 0.5}};
    assert.deepEqual(suggest(ded, {violations: '1'}), {points: 100});
    assert.deepEqual(suggest(ded, {violations: '5'}), {points: 0});
    assert.ok(suggest(ded, {violations: '-1'}).error);
    assert.equal(entryKind({scoring: {type: 'levels'}}), 'levels');
    assert.equal(entryKind({scoring: {type: 'bands'}}), 'metric');
    assert.equal(entryKind({scoring: {type: 'deduction'}}), 'violations');
    assert.equal(entryKind({assessed_by: 'survey', scoring: {type: 'survey'}}), 'survey');
});

test('results are printed with a decimal comma and fixed decimals', () => {
    assert.equal(formatFixed(94.29), '94,29');
    assert.equal(formatFixed(66.8), '66,80');
    assert.equal(formatFixed(0), '0,00');
    assert.equal(formatFixed(82.3, 1), '82,3');
    assert.equal(formatFixed(null), '');
    assert.equal(decimalComma('94.29'), '94,29');
    assert.equal(formatChange(3.76), '+3,76');
    assert.equal(formatChange(-1.2), '\u22121,20');
    assert.equal(formatChange(0), '0,00');
    assert.equal(parseDecimal('84,5'), 84.5);
    assert.equal(parseDecimal(' 70 '), 70);
    assert.equal(parseDecimal(''), null);
    assert.ok(Number.isNaN(parseDecimal('7O')));
    assert.equal(csvRowOf('row 12'), 12);
    assert.equal(csvRowOf('$.grades[0]'), null);
});

test('bonus and penalty items show their sign and count within their criterion', () => {
    assert.equal(signedPoints(0.5, 'penalty'), '\u22120,50');
    assert.equal(signedPoints(1, 'bonus'), '+1,00');
    assert.equal(signedPoints(0.5), '0,50');
    assert.equal(signedPoints(null, 'bonus'), '');
    assert.equal(maxCell({max_points: 1.5}, formatPoints), '1,5');
    assert.equal(maxCell({max_points: 2, adjustment: 'penalty'}, formatPoints), '\u22122,00');
    assert.equal(roundCell({adjustment: 'penalty', self: {score: 2}}, 'self', formatPoints), '\u22122,00');
    assert.equal(roundCell({adjustment: 'bonus'}, 'step1', formatPoints), '—');
    assert.equal(kindPrefix('bonus'), 'Điểm thưởng: ');
    const all = [
        {sub_code: '1.1.1', max_points: 1}, {sub_code: '1.1.2', max_points: 2},
        {sub_code: '1.1.3', max_points: 1, adjustment: 'bonus'},
        {sub_code: '1.1.4', max_points: 2, adjustment: 'penalty'},
        {sub_code: '1.2.1', max_points: 1},
    ];
    const total = values => criterionRuleTotal(all, all, i => values[i.sub_code] ?? null);
    assert.equal(total({'1.1.1': 1, '1.1.2': 1.5, '1.1.3': 1, '1.1.4': 0.5}), 300);  // 3 of 3
    assert.equal(total({'1.1.1': 1, '1.1.2': 2, '1.1.3': 1, '1.2.1': 1}), 400);  // 4 capped at 3, + 1
    assert.equal(total({'1.1.1': 0.5, '1.1.4': 2, '1.2.1': 0.5}), 50);  // floored at 0, + 0.5
    assert.equal(total({}), 0);
});
