// Entry point: restores the session, then routes the URL's hash (#/..., so the server needs to
// serve only GET /) to a page for the user's role.
import {h, replace} from './dom.js';
import {setUnauthenticatedHandler} from './api.js';
import {session, restoreSession, logout} from './session.js';
import {renderFrame, markCurrent, pageTitle, alertBox} from './layout.js';
import {openRelogin} from './relogin.js';
import {roleLabel} from './messages.js';
import * as loginPage from './pages/login.js';
import * as homePage from './pages/home.js';
import * as periodsPage from './pages/periods.js';
import * as unitsPage from './pages/units.js';
import * as accountsPage from './pages/accounts.js';
import * as assignmentsPage from './pages/assignments.js';
import * as criteriaPage from './pages/criteria.js';
import * as auditPage from './pages/audit.js';
import * as myUnitPage from './pages/myUnit.js';
import * as selfListPage from './pages/selfList.js';
import * as selfItemPage from './pages/selfItem.js';
import * as reviewQueuePage from './pages/reviewQueue.js';
import * as reviewUnitPage from './pages/reviewUnit.js';
import * as reviewItemPage from './pages/reviewItem.js';
import * as completenessPage from './pages/completeness.js';
import * as unitProgressPage from './pages/unitProgress.js';
import * as resultsPage from './pages/results.js';
import * as unitResultPage from './pages/unitResult.js';
import * as surveyPage from './pages/survey.js';
import * as resultSettingsPage from './pages/resultSettings.js';
import * as documentsPage from './pages/documents.js';
import * as verifyPage from './pages/verify.js';
import * as mySheetsPage from './pages/mySheets.js';
import * as archiveImportPage from './pages/archiveImport.js';

const ALL = ['admin', 'clerk', 'reviewer', 'unit'];
const OFFICE = ['admin', 'clerk'];
const STAFF = ['admin', 'clerk', 'reviewer'];

// [pattern, page function, roles (null: no session needed)]. ":name" matches one segment.
const ROUTES = [
    ['/dang-nhap', loginPage.render, null],
    ['/', homePage.render, ALL],
    ['/ky-danh-gia', periodsPage.renderList, OFFICE],
    ['/ky-danh-gia/:year', periodsPage.renderEdit, OFFICE],
    ['/don-vi', unitsPage.render, OFFICE],
    ['/bo-tieu-chi', criteriaPage.renderList, OFFICE],
    ['/bo-tieu-chi/:id', criteriaPage.renderSet, ALL],
    ['/phan-cong', assignmentsPage.render, STAFF],
    ['/tai-khoan', accountsPage.render, OFFICE],
    ['/nhat-ky', auditPage.render, OFFICE],
    ['/don-vi-cua-toi', myUnitPage.render, ['unit']],
    ['/tu-danh-gia', selfListPage.render, ['unit']],
    ['/tu-danh-gia/:sub', selfItemPage.render, ['unit']],
    ['/tham-dinh', reviewQueuePage.render, ['reviewer']],
    ['/tham-dinh/:unit', reviewUnitPage.render, ['reviewer']],
    ['/tham-dinh/:unit/:sub', reviewItemPage.render, ['reviewer']],
    ['/tien-do', completenessPage.render, STAFF],
    ['/tien-do/:unit', unitProgressPage.render, STAFF],
    ['/ket-qua', resultsPage.render, STAFF],
    ['/ket-qua/:unit', unitResultPage.render, ALL],
    ['/ket-qua-cua-toi', unitResultPage.renderMine, ['unit']],
    ['/cai-dat-ket-qua', resultSettingsPage.render, STAFF],
    ['/dieu-tra', surveyPage.render, OFFICE],
    ['/van-ban', documentsPage.render, STAFF],
    ['/kiem-tra-chu-ky', verifyPage.render, ALL],
    ['/phieu-tham-dinh', mySheetsPage.render, ['unit']],
    ['/nhap-tep-nen', archiveImportPage.render, ['unit']],
];

const main = document.getElementById('noi-dung');
let wanted = '';      // where a logged-out visitor was going, to continue after login
let renderCount = 0;  // a slow page must not overwrite the one the user has moved on to

function currentPath() {
    const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
    return path.startsWith('/') ? path : '/' + path;
}

// A path segment decoded, or null when its %-escapes are malformed ("%E0%A4%A").
function decodeSegment(segment) {
    try {
        return decodeURIComponent(segment);
    } catch {
        return null;
    }
}

// The route for path, or null (also when a parameter cannot be decoded).
function findRoute(path) {
    const segs = path.split('/').filter(Boolean);
    for (const [pattern, page, roles] of ROUTES) {
        const pat = pattern.split('/').filter(Boolean);
        if (pat.length !== segs.length) continue;
        const params = {};
        const matches = (p, i) => {
            if (!p.startsWith(':')) return p === segs[i];
            params[p.slice(1)] = decodeSegment(segs[i]);
            return params[p.slice(1)] !== null;
        };
        if (pat.every(matches)) return {page, roles, params};
    }
    return null;
}

// message: a confirmation to show at the top of the page (after a change that reloads it).
async function route(message) {
    const mine = ++renderCount;
    const path = currentPath();
    const found = findRoute(path);
    if (!session.user && (!found || found.roles)) {
        wanted = path === '/dang-nhap' ? wanted : '#' + path;
        if (path !== '/dang-nhap') {
            location.replace('#/dang-nhap');
            return;
        }
    }
    if (session.user && path === '/dang-nhap') {
        location.replace('#/');
        return;
    }
    markCurrent(location.hash);
    const ctx = {
        user: session.user,
        params: found ? found.params : {},
        reload: message => route(message),
        onLogin: () => {
            renderFrame(session.user, {onLogout});
            location.hash = wanted || '#/';
            wanted = '';
        },
    };
    let nodes;
    main.setAttribute('aria-busy', 'true');
    try {
        if (!found) nodes = notFound();
        else if (found.roles && !found.roles.includes(session.user.role)) nodes = notAllowed(found.roles);
        else nodes = await found.page(ctx);
    } catch (e) {
        nodes = loadFailed(e);
    }
    if (mine !== renderCount) return;
    main.removeAttribute('aria-busy');
    replace(main, nodes);
    const title = main.querySelector('h1');
    if (typeof message === 'string' && message) {
        const note = h('div', {class: 'alert ok flash', role: 'status'}, message);
        if (title) title.after(note);
        else main.prepend(note);
    }
    document.title = `${title ? title.textContent : 'Kiểm Chứng'} — Kiểm Chứng`;
    const autofocus = main.querySelector('[data-autofocus]');
    (autofocus || title || main).focus();
}

function notFound() {
    return [pageTitle('Không có trang này'), h('p', {}, h('a', {href: '#/'}, 'Về trang chủ'))];
}

function notAllowed(roles) {
    return [pageTitle('Không có quyền xem trang này'),
        h('p', {}, `Trang này dành cho: ${roles.map(roleLabel).join(', ')}.`),
        h('p', {}, h('a', {href: '#/'}, 'Về trang chủ'))];
}

function loadFailed(e) {
    return [pageTitle('Không tải được trang'),
        alertBox('error', e && e.message ? e.message : 'Có lỗi xảy ra.'),
        h('p', {}, h('button', {type: 'button', onclick: () => route()}, 'Tải lại'))];
}

async function onLogout() {
    try {
        await logout();
    } catch {
        // The session is gone either way; the server ends it when it can.
    }
    renderFrame(null, {onLogout});
    location.hash = '#/dang-nhap';
}

function wireFrame() {
    document.getElementById('skip-link').addEventListener('click', event => {
        event.preventDefault();
        main.focus();
    });
    const toggle = document.getElementById('nav-toggle');
    const nav = document.getElementById('nav');
    toggle.addEventListener('click', () => {
        const open = !nav.classList.contains('open');
        nav.classList.toggle('open', open);
        toggle.setAttribute('aria-expanded', String(open));
    });
}

async function start() {
    wireFrame();
    setUnauthenticatedHandler(() => {
        if (session.user) openRelogin(session.user.username);
    });
    await restoreSession();
    renderFrame(session.user, {onLogout});
    window.addEventListener('hashchange', () => route());
    await route();
}

start();
