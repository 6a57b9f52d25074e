// Form fields with labels, hints and error slots, and the one way forms submit: the button is
// disabled while the request runs, errors from the API are placed next to the fields their
// details name (the rest above the buttons), and nothing the user typed is cleared on failure.
import {h, append, uniqueId} from './dom.js';
import {ApiError} from './api.js';
import {codeHint, fieldOfPath, humanize} from './messages.js';

// A labelled control. spec: {name, label, type ('text', 'password', 'number', 'select',
// 'checkbox', 'datetime-local', 'file', 'textarea'), value, required, hint, options
// ([{value, label}] for select), attrs (extra attributes for the control)}.
export function field(spec) {
    const id = uniqueId(`f-${spec.name}`);
    const hintId = spec.hint ? `${id}-hint` : null;
    const errorId = `${id}-error`;
    const described = [hintId, errorId].filter(Boolean).join(' ');
    const common = {id, name: spec.name, required: spec.required, 'aria-describedby': described, ...(spec.attrs || {})};
    let control;
    if (spec.type === 'select') {
        control = h('select', common, (spec.options || []).map(o =>
            h('option', {value: o.value, selected: String(o.value) === String(spec.value ?? '')}, o.label)));
    } else if (spec.type === 'textarea') {
        control = h('textarea', {...common, rows: 3}, spec.value ?? '');
    } else if (spec.type === 'checkbox') {
        control = h('input', {...common, type: 'checkbox', checked: Boolean(spec.value)});
    } else {
        control = h('input', {...common, type: spec.type || 'text', value: spec.value ?? undefined});
    }
    const label = h('label', {for: id}, spec.label, spec.required ? h('span', {class: 'req', 'aria-hidden': 'true'}, ' *') : null);
    const wrapper = h('div', {class: `field${spec.type === 'checkbox' ? ' check' : ''}`, dataset: {field: spec.name}},
        spec.type === 'checkbox' ? [control, label] : [label, control],
        spec.hint ? h('p', {class: 'hint', id: hintId}, spec.hint) : null,
        h('p', {class: 'field-error', id: errorId, hidden: true}));
    return wrapper;
}

// A form: fields, a place for form-level messages and the buttons. onSubmit(form, submitter)
// returns a promise; see submit().
// afterSubmit() runs once the buttons are enabled again, success or not.
export function form({label, fields, submitLabel, onSubmit, extraButtons = [], className = '', afterSubmit}) {
    const f = h('form', {class: `form ${className}`.trim(), 'aria-label': label, novalidate: true},
        fields,
        h('div', {class: 'form-status', role: 'status', 'aria-live': 'polite'}),
        h('div', {class: 'buttons'}, h('button', {type: 'submit', class: 'primary'}, submitLabel), extraButtons));
    f.addEventListener('submit', event => {
        event.preventDefault();
        submit(f, () => onSubmit(f, event.submitter)).finally(() => afterSubmit && afterSubmit());
    });
    return f;
}

// Runs action for form f: clears old messages, disables the buttons meanwhile, and on an
// ApiError shows it (see showErrors). Returns action's result, or undefined when it failed.
export async function submit(f, action) {
    clearErrors(f);
    const buttons = [...f.querySelectorAll('button')];
    buttons.forEach(b => { b.disabled = true; });
    f.setAttribute('aria-busy', 'true');
    try {
        return await action();
    } catch (e) {
        showErrors(f, e);
        return undefined;
    } finally {
        buttons.forEach(b => { b.disabled = false; });
        f.removeAttribute('aria-busy');
    }
}

export function clearErrors(f) {
    f.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; p.hidden = true; });
    f.querySelectorAll('[aria-invalid]').forEach(c => c.removeAttribute('aria-invalid'));
    f.querySelectorAll('.form-alert').forEach(a => a.remove());
    const status = f.querySelector('.form-status');
    if (status) status.textContent = '';
}

// Shows error e in form f: each detail next to the field its path names (when the form has that
// field), the message and the other details in an alert above the buttons; focuses the first
// invalid field, or the alert.
export function showErrors(f, e) {
    const error = e instanceof ApiError ? e : new ApiError(0, 'internal_error', String(e && e.message || e));
    if (!(e instanceof ApiError)) console.warn(e);
    const unplaced = [];
    let first = null;
    for (const d of error.details) {
        const name = fieldOfPath(d.path);
        const wrapper = name ? f.querySelector(`[data-field="${CSS.escape(name)}"]`) : null;
        if (!wrapper) {
            unplaced.push(d);
            continue;
        }
        const slot = wrapper.querySelector('.field-error');
        const text = humanize(d.message);
        slot.textContent = slot.textContent ? `${slot.textContent}; ${text}` : text;
        slot.hidden = false;
        const control = wrapper.querySelector('input, select, textarea');
        if (control) {
            control.setAttribute('aria-invalid', 'true');
            first = first || control;
        }
    }
    const hint = error.hint ?? codeHint(error.code);
    const alert = h('div', {class: 'form-alert alert error', role: 'alert', tabindex: '-1'},
        h('p', {class: 'alert-title'}, error.message),
        unplaced.length ? h('ul', {}, unplaced.map(d => h('li', {}, d.path ? h('code', {}, d.path) : null, d.path ? ': ' : '', humanize(d.message)))) : null,
        hint ? h('p', {class: 'alert-hint'}, hint) : null);
    f.querySelector('.buttons').before(alert);
    (first || alert).focus();
}

// Shows a success message in the form's status line (announced to screen readers).
export function showStatus(f, text) {
    const status = f.querySelector('.form-status');
    if (status) {
        status.replaceChildren(append(h('p', {class: 'alert ok'}), [text]));
    }
}

// The trimmed value of control `name` in form f ('' when empty).
export function value(f, name) {
    const c = f.elements[name];
    return c ? String(c.value).trim() : '';
}

// The integer value of `name`, undefined when empty (so the API reports a missing field), or the
// raw text when it is not a number (so the API reports the wrong type next to the field).
export function intValue(f, name) {
    const v = value(f, name);
    if (v === '') return undefined;
    return /^-?\d+$/.test(v) ? Number(v) : v;
}

// Throws a problem found before sending, to be shown like the server's own errors.
export function invalid(title, path, message) {
    throw new ApiError(400, 'invalid_input', title, [{path, message}]);
}
