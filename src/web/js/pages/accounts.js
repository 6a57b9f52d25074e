// Accounts: the list (office), and for the admin creating accounts, locking and unlocking them
// and resetting passwords.
import {h, table, section} from '../dom.js';
import {get, post, patch} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {field, form, value, invalid, submit} from '../forms.js';
import {roleLabel, ROLE_LABELS} from '../messages.js';

export async function render(ctx) {
    const isAdmin = ctx.user.role === 'admin';
    const [users, units] = await Promise.all([get('/users'), isAdmin ? get('/units') : Promise.resolve([])]);
    const userOptions = users.map(u => ({value: u.username, label: `${u.username} — ${u.display_name}`}));
    const columns = [
        {label: 'Tên đăng nhập', cell: u => u.username},
        {label: 'Tên hiển thị', cell: u => u.display_name},
        {label: 'Vai trò', cell: u => roleLabel(u.role)},
        {label: 'Đơn vị', cell: u => u.unit_code || '—'},
        {label: 'Trạng thái', cell: u => (u.active ? 'Đang dùng' : 'Đã khóa')},
    ];
    // An admin cannot lock their own account (and with it the way back in).
    if (isAdmin) columns.push({label: 'Thao tác', cell: u => (u.username === ctx.user.username ? '(tài khoản của bạn)' : activeToggle(ctx, u))});
    return [
        pageTitle('Tài khoản', isAdmin ? 'Mỗi người một tài khoản, mỗi tài khoản một vai trò. Tài khoản đơn vị gắn với đúng một đơn vị.'
            : 'Danh sách tài khoản. Tạo, khóa tài khoản và đặt lại mật khẩu là việc của quản trị viên.'),
        section('Danh sách tài khoản', table(columns, users)),
        isAdmin ? section('Tạo tài khoản', createForm(ctx, units)) : null,
        isAdmin ? section('Đặt lại mật khẩu', resetForm(ctx, userOptions)) : null,
        isAdmin ? null : alertBox('info', null, h('p', {}, 'Cần tài khoản mới cho đơn vị hoặc thành viên Tổ thẩm định? Nhờ quản trị viên.')),
    ];
}

function activeToggle(ctx, u) {
    const label = u.active ? 'Khóa' : 'Mở khóa';
    const button = h('button', {type: 'button', class: u.active ? 'danger small' : 'small',
        'aria-label': `${label} tài khoản ${u.username}`}, label);
    // A row button has no form of its own: errors go to a small form around it.
    const holder = h('form', {class: 'inline-form', 'aria-label': `${label} ${u.username}`},
        h('div', {class: 'buttons'}, button));
    holder.addEventListener('submit', async event => {
        event.preventDefault();
        const done = await submit(holder, () => patch(`/users/${encodeURIComponent(u.username)}`, {active: !u.active}));
        if (done) ctx.reload(done.active ? `Đã mở khóa tài khoản ${done.username}.` : `Đã khóa tài khoản ${done.username}: các phiên đăng nhập của tài khoản này ngừng hoạt động.`);
    });
    button.type = 'submit';
    return holder;
}

function createForm(ctx, units) {
    const unitField = field({name: 'unit_code', label: 'Đơn vị', type: 'select',
        options: [{value: '', label: '— Chọn đơn vị —'}, ...units.map(u => ({value: u.code, label: `${u.code} — ${u.name}`}))]});
    unitField.hidden = true;
    const roleField = field({name: 'role', label: 'Vai trò', type: 'select', required: true,
        options: [{value: '', label: '— Chọn —'}, ...Object.entries(ROLE_LABELS).map(([value, label]) => ({value, label}))]});
    roleField.querySelector('select').addEventListener('change', e => {
        unitField.hidden = e.target.value !== 'unit';
    });
    return form({
        label: 'Tạo tài khoản',
        fields: [
            h('div', {class: 'row'},
                field({name: 'username', label: 'Tên đăng nhập', required: true, hint: 'Không dấu: chữ, số, . _ -',
                    attrs: {autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false'}}),
                field({name: 'display_name', label: 'Tên hiển thị', required: true})),
            h('div', {class: 'row'}, roleField, unitField),
            field({name: 'password', label: 'Mật khẩu ban đầu', type: 'password', required: true,
                hint: 'Ít nhất 8 ký tự. Gửi riêng cho người dùng.', attrs: {autocomplete: 'new-password'}}),
        ],
        submitLabel: 'Tạo tài khoản',
        onSubmit: async f => {
            const role = value(f, 'role');
            const body = {username: value(f, 'username'), display_name: value(f, 'display_name'),
                role: role || undefined, password: f.elements.password.value,
                unit_code: role === 'unit' ? value(f, 'unit_code') || undefined : undefined};
            const u = await post('/users', body);
            ctx.reload(`Đã tạo tài khoản ${u.username} (${roleLabel(u.role)}${u.unit_code ? `, đơn vị ${u.unit_code}` : ''}).`);
        },
    });
}

function resetForm(ctx, userOptions) {
    return form({
        label: 'Đặt lại mật khẩu',
        fields: [
            h('p', {class: 'hint'}, 'Đặt mật khẩu mới cũng mở khóa tài khoản bị tạm khóa do nhập sai nhiều lần. Các phiên đăng nhập đang mở vẫn còn; muốn chặn ngay, hãy khóa tài khoản.'),
            h('div', {class: 'row'},
                field({name: 'username', label: 'Tài khoản', type: 'select', required: true,
                    options: [{value: '', label: '— Chọn tài khoản —'}, ...userOptions]}),
                field({name: 'password', label: 'Mật khẩu mới', type: 'password', required: true,
                    hint: 'Ít nhất 8 ký tự.', attrs: {autocomplete: 'new-password'}})),
        ],
        submitLabel: 'Đặt lại mật khẩu',
        onSubmit: async f => {
            const username = value(f, 'username');
            if (!username) invalid('Chưa chọn tài khoản', 'username', 'Chọn tài khoản cần đặt lại mật khẩu');
            await patch(`/users/${encodeURIComponent(username)}`, {password: f.elements.password.value});
            ctx.reload(`Đã đặt lại mật khẩu cho ${username}.`);
        },
    });
}
