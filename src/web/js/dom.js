// A tiny DOM builder. Text always goes in as text nodes (never parsed as HTML), so data from the
// server cannot inject markup.

// h('button', {class: 'primary', type: 'submit', onclick: fn}, 'Lưu') -> <button ...>Lưu</button>
// attrs: `class`, `for`, `text`, `dataset` (object), `on<event>` (listener), booleans (set when
// true, left out when false), anything else as an attribute; null/undefined values are skipped.
// children: strings, numbers, nodes, arrays of them; null/undefined/false are skipped.
export function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key.startsWith('on') && typeof value === 'function') {
            el.addEventListener(key.slice(2), value);
        } else if (key === 'class') {
            el.className = value;
        } else if (key === 'for') {
            el.htmlFor = value;
        } else if (key === 'text') {
            el.textContent = String(value);
        } else if (key === 'dataset') {
            Object.assign(el.dataset, value);
        } else if (key === 'value' && 'value' in el) {
            el.value = String(value);
        } else if (key === 'checked' || key === 'selected') {
            el[key] = Boolean(value);
        } else {
            el.setAttribute(key, value === true ? '' : String(value));
        }
    }
    append(el, children);
    return el;
}

export function append(parent, children) {
    for (const child of [children].flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return parent;
}

// Replaces every child of el.
export function replace(el, ...children) {
    el.replaceChildren();
    return append(el, children);
}

// A table whose cells carry their column's label (data-label), so that narrow screens can show
// each row as a card. columns: [{label, cell: row => node|string, class?}].
export function table(columns, rows, {caption, empty = 'Chưa có dữ liệu.'} = {}) {
    if (!rows.length) return h('p', {class: 'empty'}, empty);
    return h('div', {class: 'table-wrap'},
        h('table', {class: 'data'},
            caption ? h('caption', {}, caption) : null,
            h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.class}, c.label)))),
            h('tbody', {}, rows.map(row => h('tr', {},
                columns.map(c => h('td', {class: c.class, dataset: {label: c.label}}, c.cell(row))))))));
}

// A page section with a heading.
export function section(title, ...children) {
    return h('section', {class: 'card'}, h('h2', {}, title), children);
}

let uid = 0;
// A document-unique id with a readable prefix.
export function uniqueId(prefix) {
    uid += 1;
    return `${prefix}-${uid}`;
}
