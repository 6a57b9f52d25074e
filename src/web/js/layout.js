// The frame around every page: the top bar (name, user, log out), the navigation for the
// user's role, and page headings.
import {h, replace} from './dom.js';
import {roleLabel} from './messages.js';

// The navigation of each role: [hash, label].
const NAV = {
    admin: [['#/', 'Trang chủ'], ['#/tien-do', 'Tiến độ'], ['#/ket-qua', 'Kết quả'], ['#/van-ban', 'Văn bản'], ['#/dieu-tra', 'Điều tra XHH, SIPAS'], ['#/ky-danh-gia', 'Kỳ đánh giá'], ['#/don-vi', 'Đơn vị'],
        ['#/bo-tieu-chi', 'Bộ tiêu chí'], ['#/phan-cong', 'Phân công thẩm định'],
        ['#/tai-khoan', 'Tài khoản'], ['#/nhat-ky', 'Nhật ký'], ['#/kiem-tra-chu-ky', 'Kiểm tra chữ ký']],
    clerk: [['#/', 'Trang chủ'], ['#/tien-do', 'Tiến độ'], ['#/ket-qua', 'Kết quả'], ['#/van-ban', 'Văn bản'], ['#/dieu-tra', 'Điều tra XHH, SIPAS'], ['#/ky-danh-gia', 'Kỳ đánh giá'], ['#/don-vi', 'Đơn vị'],
        ['#/bo-tieu-chi', 'Bộ tiêu chí'], ['#/phan-cong', 'Phân công thẩm định'],
        ['#/tai-khoan', 'Tài khoản'], ['#/nhat-ky', 'Nhật ký'], ['#/kiem-tra-chu-ky', 'Kiểm tra chữ ký']],
    reviewer: [['#/', 'Trang chủ'], ['#/tham-dinh', 'Thẩm định'], ['#/tien-do', 'Tiến độ'], ['#/ket-qua', 'Kết quả'], ['#/van-ban', 'Văn bản'],
        ['#/phan-cong', 'Lĩnh vực được phân công'], ['#/kiem-tra-chu-ky', 'Kiểm tra chữ ký']],
    unit: [['#/', 'Trang chủ'], ['#/tu-danh-gia', 'Tự đánh giá'], ['#/nhap-tep-nen', 'Nộp tệp nén'],
        ['#/ket-qua-cua-toi', 'Kết quả của đơn vị'], ['#/phieu-tham-dinh', 'Phiếu thẩm định'],
        ['#/don-vi-cua-toi', 'Đơn vị và bộ tiêu chí'], ['#/kiem-tra-chu-ky', 'Kiểm tra chữ ký']],
};

// Fills the top bar and the navigation for user (null: logged out).
export function renderFrame(user, {onLogout}) {
    const bar = document.getElementById('topbar-user');
    const nav = document.getElementById('nav');
    const toggle = document.getElementById('nav-toggle');
    document.body.classList.toggle('signed-in', Boolean(user));
    if (!user) {
        replace(bar);
        replace(nav);
        nav.hidden = true;
        toggle.hidden = true;
        return;
    }
    replace(bar,
        h('span', {class: 'who'}, h('span', {class: 'who-name'}, user.username), ' · ', roleLabel(user.role),
            user.unit_code ? ` · ${user.unit_code}` : ''),
        h('button', {type: 'button', class: 'link-button', onclick: onLogout}, 'Đăng xuất'));
    replace(nav, h('ul', {}, (NAV[user.role] || []).map(([href, label]) =>
        h('li', {}, h('a', {href}, label)))));
    nav.hidden = false;
    toggle.hidden = false;
}

// Marks the navigation link of the current page (aria-current) and closes the phone menu.
export function markCurrent(hash) {
    const nav = document.getElementById('nav');
    const base = '#/' + (hash.replace(/^#\/?/, '').split(/[/?]/)[0] || '');
    for (const a of nav.querySelectorAll('a')) {
        if (a.getAttribute('href') === base) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
    }
    nav.classList.remove('open');
    document.getElementById('nav-toggle').setAttribute('aria-expanded', 'false');
}

// The heading of a page, focusable so that moving between pages puts keyboard and screen
// reader users at its top.
export function pageTitle(title, intro) {
    return [h('h1', {tabindex: '-1', class: 'page-title'}, title), intro ? h('p', {class: 'intro'}, intro) : null];
}

// A message box: kind is 'error', 'ok', 'info' or 'warn'.
export function alertBox(kind, title, ...body) {
    return h('div', {class: `alert ${kind}`, role: kind === 'error' ? 'alert' : null},
        title ? h('p', {class: 'alert-title'}, title) : null, body);
}
