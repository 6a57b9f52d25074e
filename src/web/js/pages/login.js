// The login page.
import {h} from '../dom.js';
import {field, form} from '../forms.js';
import {login} from '../session.js';

export function render(ctx) {
    const f = form({
        label: 'Đăng nhập',
        className: 'login-form',
        fields: [
            field({name: 'username', label: 'Tên đăng nhập', required: true,
                attrs: {autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', 'data-autofocus': ''}}),
            field({name: 'password', label: 'Mật khẩu', type: 'password', required: true,
                attrs: {autocomplete: 'current-password'}}),
        ],
        submitLabel: 'Đăng nhập',
        onSubmit: async form => {
            try {
                await login(form.elements.username.value.trim(), form.elements.password.value);
            } catch (e) {
                if (e.code === 'unauthenticated') e.hint = 'Kiểm tra tên đăng nhập (phân biệt chữ hoa, chữ thường) và mật khẩu rồi thử lại.';
                throw e;
            }
            ctx.onLogin();
        },
    });
    return h('div', {class: 'login'},
        h('div', {class: 'login-brand'},
            h('img', {src: '/static/img/logo.svg', alt: '', width: 56, height: 56}),
            h('p', {class: 'login-product'}, 'Kiểm Chứng'),
            h('p', {class: 'login-tagline'}, 'Xác định Chỉ số cải cách hành chính')),
        h('h1', {tabindex: '-1', class: 'page-title'}, 'Đăng nhập'),
        f,
        h('p', {class: 'hint'}, 'Tên đăng nhập phân biệt chữ hoa, chữ thường. Nhập sai mật khẩu nhiều lần liên tiếp, tài khoản bị tạm khóa một thời gian. Quên mật khẩu: nhờ quản trị viên đặt lại.'));
}
