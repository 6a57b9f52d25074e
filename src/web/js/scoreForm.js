// The form that scores one sub-criterion in one round (the unit's self-score, the reviewer's step
// 1 or step 2): the allowed levels as radio buttons, or the measured percentage / number of
// violations with the points they give, the score, a reason when the score differs from the
// computed one, and the explanation or comment. The body sent is the API's
// {score, explanation|comment, metric_pct?, violations?, override_reason?, version}.
import {h, uniqueId} from './dom.js';
import {field, form, value} from './forms.js';
import {entryKind, suggest, toHundredths, hundredthsText} from './scoring.js';
import {formatPoints} from './format.js';
import {ADJUSTMENT_LABELS} from './adjustment.js';

// spec: {sub (criteria-tree node), current (RoundScore or null), version, textName ('explanation'
// or 'comment'), textLabel, textHint, label (the form's accessible name), submitLabel,
// onSave(body) -> promise of the saved item (its version is kept for the next save)}.
export function scoreForm(spec) {
    const {sub, current} = spec;
    let version = spec.version;
    const kind = entryKind(sub);
    const fields = [];
    const computed = h('p', {class: 'computed', 'aria-live': 'polite'});
    const reason = field({name: 'override_reason', label: 'Lý do chấm khác điểm tính được', type: 'textarea',
        value: current ? current.override_reason : '', hint: 'Bắt buộc khi điểm khác điểm tính từ tỷ lệ hoặc số vi phạm.'});
    let f;
    if (kind === 'levels') {
        fields.push(levelChoice(sub, current));
    } else {
        if (kind === 'metric') {
            const sc = sub.scoring || {};
            fields.push(field({name: 'metric_pct', label: `Tỷ lệ đạt được (%)${sc.metric ? ` — ${sc.metric}` : ''}`,
                value: current && current.metric_pct !== null ? formatPoints(current.metric_pct) : '',
                attrs: {inputmode: 'decimal', autocomplete: 'off', oninput: () => update(true)}}));
        } else if (kind === 'violations') {
            const sc = sub.scoring || {};
            fields.push(field({name: 'violations', label: `Số vi phạm${sc.violation ? ` (${sc.violation})` : ''}`, type: 'number',
                value: current && current.violations !== null ? current.violations : '',
                attrs: {min: 0, step: 1, inputmode: 'numeric', oninput: () => update(true)}}));
        }
        fields.push(computed);
        fields.push(field({name: 'score', label: sub.adjustment
            ? `${ADJUSTMENT_LABELS[sub.adjustment]}: số điểm ${sub.adjustment === 'penalty' ? 'bị trừ' : 'được thưởng'} (từ 0 đến ${formatPoints(sub.max_points)})`
            : `Điểm (từ 0 đến ${formatPoints(sub.max_points)})`, required: true,
            value: current ? formatPoints(current.score) : '', hint: 'Có thể dùng dấu phẩy: 1,25.',
            attrs: {inputmode: 'decimal', autocomplete: 'off', oninput: () => update(false)}}));
        fields.push(reason);
    }
    fields.push(field({name: spec.textName, label: spec.textLabel, type: 'textarea', hint: spec.textHint,
        value: current ? current.text : ''}));

    // Shows the points the metric gives, fills the score when the user has not typed one of
    // their own, and shows the reason field only when it is needed.
    let scoreTouched = Boolean(current);
    function update(fromMetric) {
        if (!f || kind === 'levels') return;
        if (!fromMetric) scoreTouched = true;
        const s = suggest(sub, {metricPct: f.elements.metric_pct ? f.elements.metric_pct.value : undefined,
            violations: f.elements.violations ? f.elements.violations.value : undefined});
        computed.textContent = s.error ? s.error : s.points !== undefined ? `Điểm tính được: ${hundredthsText(s.points)}` : '';
        computed.classList.toggle('bad', Boolean(s.error));
        if (fromMetric && s.points !== undefined && (!scoreTouched || !f.elements.score.value.trim())) {
            f.elements.score.value = hundredthsText(s.points);
            scoreTouched = false;
        }
        const typed = toHundredths(f.elements.score.value);
        reason.hidden = !(s.points !== undefined && typed !== null && typed !== s.points) && !f.elements.override_reason.value;
    }

    f = form({
        label: spec.label,
        fields,
        submitLabel: spec.submitLabel,
        className: 'score-form',
        onSubmit: async form => {
            const body = {version};
            if (kind === 'levels') {
                const picked = form.querySelector('input[name="score"]:checked');
                body.score = picked ? picked.value : undefined;
            } else {
                body.score = value(form, 'score') || undefined;
                if (form.elements.metric_pct && value(form, 'metric_pct')) body.metric_pct = value(form, 'metric_pct');
                if (form.elements.violations && value(form, 'violations')) {
                    const v = value(form, 'violations');
                    body.violations = /^\d+$/.test(v) ? Number(v) : v;
                }
                if (value(form, 'override_reason')) body.override_reason = value(form, 'override_reason');
            }
            body[spec.textName] = value(form, spec.textName);
            try {
                const item = await spec.onSave(body);
                version = item.version;
                return item;
            } catch (e) {
                if (e && e.code === 'conflict') e.hint = 'Người khác vừa lưu tiêu chí này. Chép lại những gì bạn vừa nhập (vẫn còn trong ô), tải lại trang (F5) để xem bản mới, rồi nhập lại.';
                throw e;
            }
        },
    });
    update(true);
    return f;
}

function levelChoice(sub, current) {
    const levels = (sub.scoring || {}).levels || [];
    const errorId = uniqueId('score-error');
    return h('fieldset', {class: 'field levels-choice', dataset: {field: 'score'}, 'aria-describedby': errorId},
        h('legend', {}, sub.adjustment
            ? `${ADJUSTMENT_LABELS[sub.adjustment]}: mức ${sub.adjustment === 'penalty' ? 'bị trừ' : 'được thưởng'} (tối đa ${formatPoints(sub.max_points)} điểm)`
            : `Mức đạt được (tối đa ${formatPoints(sub.max_points)} điểm)`, h('span', {class: 'req', 'aria-hidden': 'true'}, ' *')),
        levels.map(l => {
            const id = uniqueId('level');
            const points = toHundredths(l.points);
            return h('div', {class: 'field check'},
                h('input', {type: 'radio', id, name: 'score', value: hundredthsText(points),
                    checked: current ? toHundredths(current.score) === points : false}),
                h('label', {for: id}, `${l.label} — ${formatPoints(l.points)} điểm`));
        }),
        h('p', {class: 'field-error', id: errorId, hidden: true}));
}
