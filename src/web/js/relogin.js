// When a session ends while someone is working (it expired, or was ended elsewhere), a dialog
// asks for the password again instead of leaving the page, so whatever was typed stays.
import {h} from './dom.js';
import {login} from './session.js';
import {field, form, showStatus} from './forms.js';

let dialog = null;

export function openRelogin(username) {
    if (dialog && dialog.open) return;
    dialog = h('dialog', {class: 'relogin', 'aria-labelledby': 'relogin-title'});
    const f = form({
        label: 'Đăng nhập lại',
        fields: [
            field({name: 'username', label: 'Tên đăng nhập', value: username, attrs: {readonly: true, autocomplete: 'username'}}),
            field({name: 'password', label: 'Mật khẩu', type: 'password', required: true, attrs: {autocomplete: 'current-password', 'data-autofocus': ''}}),
        ],
        submitLabel: 'Đăng nhập lại',
        extraButtons: [h('button', {type: 'button', onclick: () => { dialog.close(); location.hash = '#/dang-nhap'; }}, 'Bỏ qua')],
        onSubmit: async f2 => {
            await login(username, f2.elements.password.value);
            showStatus(f2, 'Đã đăng nhập lại.');
            dialog.close();
            dialog.remove();
        },
    });
    dialog.append(
        h('h2', {id: 'relogin-title'}, 'Phiên đăng nhập đã hết'),
        h('p', {}, 'Nhập lại mật khẩu để tiếp tục. Dữ liệu bạn đang nhập vẫn còn; sau khi đăng nhập, bấm lại nút bạn vừa bấm.'),
        f);
    document.body.append(dialog);
    dialog.showModal();
    f.elements.password.focus();
}
