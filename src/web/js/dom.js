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
    return tableWrap(
        h('table', {class: 'data'},
            caption ? h('caption', {}, caption) : null,
            h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.class}, c.label)))),
            h('tbody', {}, rows.map(row => h('tr', {},
                columns.map(c => h('td', {class: c.class, dataset: {label: c.label}}, c.cell(row))))))));
}

// The box around a table, which scrolls sideways when the table is wider than the screen. While
// it does, the box is a named region in the tab order, so that keyboard users can scroll it with
// the arrow keys (a table of plain text has nothing else to focus); when it does not, it adds no
// tab stop. Its name is the table's caption, else the heading of the section it is in.
export function tableWrap(tableEl) {
    const wrap = h('div', {class: 'table-wrap'}, tableEl);
    const observer = new ResizeObserver(() => {
        if (wrap.scrollWidth <= wrap.clientWidth) {
            for (const a of ['tabindex', 'role', 'aria-label']) wrap.removeAttribute(a);
            return;
        }
        const heading = tableEl.caption || wrap.closest('section')?.querySelector('h2');
        wrap.setAttribute('tabindex', '0');
        wrap.setAttribute('role', 'region');
        wrap.setAttribute('aria-label', `${heading ? heading.textContent : 'Bảng'} (cuộn ngang được)`);
    });
    observer.observe(wrap);
    observer.observe(tableEl);
    return wrap;
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
