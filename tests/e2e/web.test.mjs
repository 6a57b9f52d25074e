// The web interface in a real browser against a real server with the demo data. The tests run in
// order and build on each other (the clerk's import is what the unit then sees).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {
    ROOT, ACCOUNTS, VIEWPORTS, startServer, launchBrowser, withPage as sharedWithPage, waitForPage, go,
    login, screenshots, apiToken, apiGet, apiSend, vnInput,
} from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const DEMO_CRITERIA = readFileSync(path.join(ROOT, 'config/demo/criteria-2022-huyen.json'));

let server;
let browser;
let base;

before(async () => {
    server = await startServer();
    base = server.url;
    browser = await launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    if (server) {
        const code = await server.stop();
        assert.equal(code, 0, 'the server must stop cleanly (see server-stderr.log)');
    }
});

// Runs body with a fresh page, then fails on any console error and closes the page.
const withPage = (body, viewport) => sharedWithPage(assert, browser, base, 'web', body, viewport);

test('the page and static files carry the security headers', async () => {
    for (const p of ['/', '/static/js/main.js', '/static/css/app.css']) {
        const r = await fetch(base + p);
        assert.equal(r.status, 200, p);
        assert.equal(r.headers.get('content-security-policy'), CSP, p);
        assert.equal(r.headers.get('x-frame-options'), 'DENY', p);
        assert.equal(r.headers.get('referrer-policy'), 'no-referrer', p);
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff', p);
        assert.equal(r.headers.get('cache-control'), 'no-cache', p);
        const again = await fetch(base + p, {headers: {'If-None-Match': r.headers.get('etag')}});
        assert.equal(again.status, 304, p);
    }
    const html = await (await fetch(base + '/')).text();
    assert.match(html, /<html lang="vi">/);
    assert.doesNotMatch(html, /<script>|<style|\sstyle=|\son\w+=/, 'no inline script, style or handler');
    assert.equal((await fetch(base + '/static/js/khong-co.js')).status, 404);
});

test('a failed login shows the Vietnamese message and keeps what was typed', async () => {
    await withPage(async page => {
        await page.goto('/');
        await waitForPage(page, 'Đăng nhập');
        assert.equal(await page.evaluate(() => location.hash), '#/dang-nhap');
        await page.getByLabel('Tên đăng nhập').fill('vanthu');
        await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
        await page.getByRole('button', {name: 'Đăng nhập'}).click();
        const alert = page.getByRole('alert');
        await alert.filter({hasText: 'Tên đăng nhập hoặc mật khẩu không đúng'}).waitFor();
        assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'vanthu');
        assert.equal(await page.getByLabel('Mật khẩu').inputValue(), 'sai-mat-khau');
        assert.ok(page.apiRefusals.every(r => r.startsWith('401 ')), page.apiRefusals.join(', '));
        await screenshots(assert, page, '01-dang-nhap-sai');
    });
});

test('login works with the keyboard alone', async () => {
    await withPage(async page => {
        await page.goto('/');
        await waitForPage(page, 'Đăng nhập');
        // The user name field has the focus; Tab moves on, Enter submits.
        await page.keyboard.type(ACCOUNTS.reviewer[0]);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.name), 'password');
        await page.keyboard.type(ACCOUNTS.reviewer[1]);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Đăng nhập');
        await page.keyboard.press('Enter');
        await waitForPage(page, 'Xin chào, thamdinh');
        // Focus lands on the new page's heading; the navigation is reachable by Tab.
        assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
        await page.getByRole('link', {name: 'Lĩnh vực được phân công', exact: true}).focus();
        await page.keyboard.press('Enter');
        await waitForPage(page, 'Lĩnh vực được phân công');
    });
});

test('the clerk moves the phase dates, and a date out of order is refused next to its field', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/ky-danh-gia', 'Kỳ đánh giá');
        await screenshots(assert, page, '10-ky-danh-gia');
        await page.getByRole('link', {name: 'Sửa mốc thời gian kỳ 2022'}).click();
        await waitForPage(page, 'Kỳ đánh giá 2022');
        const dates = {
            'Hạn đơn vị tự đánh giá, nộp tài liệu kiểm chứng': vnInput(20),
            'Hạn thẩm định bước 1': vnInput(30),
            'Hạn đơn vị bổ sung, giải trình': vnInput(40),
            'Hạn thẩm định bước 2': vnInput(25),  // before the supplement deadline: refused
        };
        for (const [label, value] of Object.entries(dates)) await page.getByLabel(label).fill(value);
        await page.getByRole('button', {name: 'Lưu thay đổi'}).click();
        await page.getByRole('alert').filter({hasText: 'Các mốc thời gian không theo đúng thứ tự'}).waitFor();
        const step2 = page.getByLabel('Hạn thẩm định bước 2');
        assert.equal(await step2.getAttribute('aria-invalid'), 'true');
        const fieldError = page.locator('[data-field="step2_closes"] .field-error');
        assert.equal(await fieldError.textContent(), 'Mốc thời gian phải sau mốc "Hạn đơn vị bổ sung, giải trình"');
        assert.equal(await page.getByLabel('Hạn thẩm định bước 1').inputValue(), vnInput(30), 'typed values stay');
        await screenshots(assert, page, '11-ky-danh-gia-loi');

        await step2.fill(vnInput(50));
        await page.getByRole('button', {name: 'Lưu thay đổi'}).click();
        await page.getByText('Đã lưu kỳ đánh giá 2022.').waitFor();
        const token = await apiToken(base, ACCOUNTS.clerk);
        const period = (await apiGet(base, token, '/periods/2022')).body;
        const expected = new Date(Date.parse(`${vnInput(50)}Z`) - 7 * 3600000).toISOString().replace('.000', '');
        assert.equal(period.step2_closes, expected);
        assert.equal(period.self_assessment_opens, '2022-11-28T00:00:00Z', 'untouched dates keep their value');
    });
});

test('each role logs in and sees its home page with the next step and its deadline', async () => {
    const expectations = {
        admin: ['Chuẩn bị kỳ đánh giá', 'Nhật ký'],
        clerk: ['Chuẩn bị kỳ đánh giá', 'Phân công thẩm định'],
        reviewer: ['Năm 2022: lĩnh vực 1, 2.', 'Lĩnh vực được phân công'],
        unit: ['UBND xã Phúc Khánh', 'Đơn vị và bộ tiêu chí'],
    };
    for (const [role, account] of Object.entries(ACCOUNTS)) {
        await withPage(async page => {
            await login(page, account);
            const [text, navLink] = expectations[role];
            await page.getByText(text, {exact: false}).first().waitFor();
            await page.getByRole('navigation', {name: 'Điều hướng chính'}).getByRole('link', {name: navLink}).waitFor();
            const next = page.locator('.next-step');
            assert.match(await next.textContent(), /Giai đoạn hiện tại: Đơn vị tự đánh giá/);
            assert.match(await next.textContent(), /Hạn đơn vị tự đánh giá, nộp tài liệu kiểm chứng: \d\d:\d\d \d\d\/\d\d\/\d{4} \(còn 20 ngày\)/);
            await screenshots(assert, page, `02-trang-chu-${role}`);
        });
    }
});

test('the clerk adds a unit (a missing name is shown next to the field) and records a merge', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/don-vi', 'Đơn vị');
        const add = page.getByRole('form', {name: 'Thêm đơn vị'});
        await add.getByLabel('Mã đơn vị').fill('XA18');
        await add.getByLabel('Loại đơn vị').selectOption('xa');
        await add.getByLabel('Đánh giá từ năm').fill('2024');
        await add.getByRole('button', {name: 'Thêm đơn vị'}).click();
        await add.locator('[data-field="name"] .field-error').filter({hasText: 'Không được để trống'}).waitFor();
        assert.equal(await add.getByLabel('Mã đơn vị').inputValue(), 'XA18');
        await add.getByLabel('Tên đơn vị').fill('UBND xã Phúc Khánh (mới)');
        await add.getByRole('button', {name: 'Thêm đơn vị'}).click();
        await page.getByText('Đã thêm đơn vị XA18 — UBND xã Phúc Khánh (mới).').waitFor();
        await page.getByRole('cell', {name: 'XA18'}).waitFor();

        await page.getByLabel('Tìm đơn vị').fill('phuc khanh');
        await page.getByText('2 / 31 đơn vị').waitFor();
        await screenshots(assert, page, '12-don-vi');

        const merge = page.getByRole('form', {name: 'Đổi tên, sáp nhập, giải thể'});
        await merge.getByLabel('Đơn vị').selectOption('XA17');
        await merge.getByLabel('Năm cuối cùng được đánh giá').fill('2023');
        await merge.getByLabel('Sáp nhập vào').selectOption('XA18');
        await merge.getByRole('button', {name: 'Lưu'}).click();
        await page.getByText(/Đã lưu XA17: .*, đánh giá đến năm 2023, sáp nhập vào XA18\./).waitFor();
    });
});

test('a cookie write without the CSRF token is refused', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        const r = await page.evaluate(async () => {
            const res = await fetch('/api/v1/unit-types', {method: 'POST', body: JSON.stringify({code: 'csrf', name: 'x'})});
            return {status: res.status, body: await res.json()};
        });
        assert.equal(r.status, 403);
        assert.equal(r.body.error.message, 'Thiếu hoặc sai mã CSRF (X-CSRF-Token)');
    });
});

test('when the session ends mid-work, a dialog logs in again and what was typed stays', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/don-vi', 'Đơn vị');
        const f = page.getByRole('form', {name: 'Thêm loại đơn vị'});
        await f.getByLabel('Mã loại').fill('phuong');
        await f.getByLabel('Tên loại đơn vị').fill('UBND phường');
        await page.context().clearCookies();
        await f.getByRole('button', {name: 'Thêm loại đơn vị'}).click();
        const dialog = page.getByRole('dialog', {name: 'Phiên đăng nhập đã hết'});
        await dialog.waitFor();
        await dialog.getByLabel('Mật khẩu').fill(ACCOUNTS.clerk[1]);
        await dialog.getByRole('button', {name: 'Đăng nhập lại'}).click();
        await dialog.waitFor({state: 'detached'});
        assert.equal(await f.getByLabel('Mã loại').inputValue(), 'phuong');
        assert.equal(await f.getByLabel('Tên loại đơn vị').inputValue(), 'UBND phường');
        await f.getByRole('button', {name: 'Thêm loại đơn vị'}).click();
        await page.getByText('Đã thêm loại đơn vị phuong — UBND phường.').waitFor();
    });
});

test('the clerk imports a criteria set: the dry run lists every problem, then a clean file is imported', async () => {
    const broken = DEMO_CRITERIA.toString('utf8').replace('"max_points": 18,', '"max_points": 19,');
    assert.notEqual(broken, DEMO_CRITERIA.toString('utf8'));
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/bo-tieu-chi', 'Bộ tiêu chí');
        const f = page.getByRole('form', {name: 'Nhập bộ tiêu chí'});
        const importButton = f.getByRole('button', {name: 'Nhập chính thức'});
        await f.getByLabel('Loại đơn vị').selectOption('xa');
        await f.getByLabel('Tệp bộ tiêu chí (.json)').setInputFiles({name: 'tieu-chi-xa-loi.json', mimeType: 'application/json', buffer: Buffer.from(broken)});
        await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
        const problems = page.locator('.problems');
        await problems.waitFor();
        const items = await problems.locator('li').allTextContents();
        assert.ok(items.length >= 2, `every problem listed: ${items.join(' | ')}`);
        assert.ok(items.some(t => t.includes('$.areas[0].max_points') && t.includes('Lĩnh vực 1') && t.includes('khác điểm tối đa của lĩnh vực 1')), items.join(' | '));
        assert.ok(items.some(t => t.includes('$.scale.total_points')), items.join(' | '));
        assert.match(await f.locator('[data-field="file"] .field-error').textContent(), /Tệp có \d+ lỗi/);
        assert.equal(await importButton.isDisabled(), true, 'no real import after a failed dry run');
        await problems.scrollIntoViewIfNeeded();
        await screenshots(assert, page, '13-bo-tieu-chi-loi');

        // The demo holds version 1 for every unit type; a revised file becomes version 2.
        const revised = DEMO_CRITERIA.toString('utf8').replace('(sample, Lào Cai-style, year 2022)', '(sample, sửa đổi)');
        await f.getByLabel('Tệp bộ tiêu chí (.json)').setInputFiles({name: 'tieu-chi-xa.json', mimeType: 'application/json', buffer: Buffer.from(revised)});
        assert.equal(await problems.count(), 0, 'choosing another file clears the old problems');
        await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
        await f.getByText(/Tệp hợp lệ: .*sẽ lưu thành phiên bản 2 cho loại đơn vị xa/).waitFor();
        assert.equal(await importButton.isDisabled(), false);
        await importButton.click();
        await page.getByText('Đã nhập bộ tiêu chí cho loại đơn vị xa, phiên bản 2 (tổng 100 điểm).').waitFor();
        await page.getByRole('cell', {name: '2 (đang dùng)'}).first().waitFor();
        await screenshots(assert, page, '14-bo-tieu-chi');

        await page.getByRole('link', {name: /Bộ tiêu chí xác định Chỉ số CCHC/}).first().click();
        await waitForPage(page, /Bộ tiêu chí xác định Chỉ số CCHC/);
        await page.getByRole('button', {name: 'Mở tất cả'}).click();
        await page.getByText('Ban hành Kế hoạch CCHC năm kịp thời theo hướng dẫn của UBND tỉnh').first().waitFor();
        await screenshots(assert, page, '15-cay-tieu-chi');
    });
});

test('the admin creates an account; a too-short password is shown next to its field', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.admin);
        await go(page, '/tai-khoan', 'Tài khoản');
        const f = page.getByRole('form', {name: 'Tạo tài khoản'});
        await f.getByLabel('Tên đăng nhập').fill('xaphuckhanhmoi');
        await f.getByLabel('Tên hiển thị').fill('Cán bộ UBND xã Phúc Khánh (mới)');
        assert.equal(await f.getByLabel('Đơn vị').isVisible(), false, 'the unit is asked only for unit accounts');
        await f.getByLabel('Vai trò').selectOption('unit');
        await f.getByLabel('Đơn vị').selectOption('XA18');
        await f.getByLabel('Mật khẩu ban đầu').fill('ngan');
        await f.getByRole('button', {name: 'Tạo tài khoản'}).click();
        await f.locator('[data-field="password"] .field-error').filter({hasText: 'Mật khẩu phải có ít nhất 8 ký tự'}).waitFor();
        await f.getByLabel('Mật khẩu ban đầu').fill('PhucKhanh@2024-doi-ngay');
        await f.getByRole('button', {name: 'Tạo tài khoản'}).click();
        await page.getByText('Đã tạo tài khoản xaphuckhanhmoi (Đơn vị, đơn vị XA18).').waitFor();
        await page.getByRole('cell', {name: 'xaphuckhanhmoi', exact: true}).waitFor();
        await screenshots(assert, page, '16-tai-khoan');

        await page.getByRole('button', {name: 'Khóa tài khoản xaphuckhanhmoi'}).click();
        await page.getByText(/Đã khóa tài khoản xaphuckhanhmoi/).waitFor();
        await page.getByRole('button', {name: 'Mở khóa tài khoản xaphuckhanhmoi'}).waitFor();
    });
});

test('the unit sees only its own unit, and its criteria with the expected evidence', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        const nav = page.getByRole('navigation', {name: 'Điều hướng chính'});
        assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Trang chủ', 'Tự đánh giá', 'Nộp tệp nén', 'Kết quả của đơn vị', 'Phiếu thẩm định',
            'Đơn vị và bộ tiêu chí', 'Kiểm tra chữ ký']);
        await nav.getByRole('link', {name: 'Đơn vị và bộ tiêu chí'}).click();
        await waitForPage(page, 'UBND xã Phúc Khánh');
        await page.getByText(/79 tiêu chí thành phần, tổng 100 điểm/).waitFor();
        await page.getByRole('button', {name: 'Mở tất cả'}).click();
        await page.getByText('Kế hoạch CCHC năm của UBND huyện (có số, ký hiệu, ngày ban hành)').first().waitFor();
        await page.getByText(/Bắt buộc có tài liệu kiểm chứng \(ít nhất 1 tệp\)/).first().waitFor();
        await screenshots(assert, page, '03-don-vi-cua-toi');

        await go(page, '/don-vi', 'Không có quyền xem trang này');
        // A malformed %-escape in the address is a page that does not exist, not a stuck page.
        await go(page, '/ket-qua/%E0%A4%A', 'Không có trang này');
        const other = await page.evaluate(async () => (await fetch('/api/v1/units/XA01')).status);
        assert.equal(other, 403);
        const units = await page.evaluate(async () => (await fetch('/api/v1/units')).json());
        assert.deepEqual(units.map(u => u.code), ['XA16']);
    });
});

test('the reviewer sees its own assignments and the criteria of those areas only', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.reviewer);
        await go(page, '/phan-cong', 'Lĩnh vực được phân công');
        await page.getByText('Lĩnh vực 1', {exact: true}).waitFor();
        await page.getByText('Lĩnh vực 2', {exact: true}).waitFor();
        const trees = page.locator('.tree');
        assert.equal(await trees.count(), 3, 'one tree per unit type with a set (huyen, phong, xa)');
        for (let i = 0; i < 3; i += 1) {
            const codes = await trees.nth(i).locator(':scope > li > details > summary .code').allTextContents();
            assert.deepEqual(codes, ['1', '2']);
        }
        await screenshots(assert, page, '04-tham-dinh');
    });
});

test('the office manages assignments', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/phan-cong', 'Phân công thẩm định');
        const f = page.getByRole('form', {name: 'Giao lĩnh vực'});
        await f.getByRole('button', {name: 'Giao lĩnh vực'}).click();
        await f.locator('[data-field="username"] .field-error').filter({hasText: 'Chọn một thành viên'}).waitFor();
        await f.getByLabel('Thành viên Tổ thẩm định').selectOption('thamdinh');
        await f.getByRole('button', {name: 'Giao lĩnh vực'}).click();
        await f.locator('[data-field="area_codes"] .field-error').filter({hasText: 'Cần ít nhất một mã lĩnh vực'}).waitFor();
        await f.getByLabel(/^3\. /).check();
        await f.getByRole('button', {name: 'Giao lĩnh vực'}).click();
        await page.getByText('thamdinh được phân công lĩnh vực 1, 2, 3 năm 2022.').waitFor();
        await screenshots(assert, page, '17-phan-cong');
        await page.getByRole('button', {name: 'Bỏ phân công thamdinh, lĩnh vực 3'}).click();
        await page.getByText('Đã bỏ phân công lĩnh vực 3 của thamdinh.').waitFor();
    });
});

test('the audit log pages through entries and shows the chain check on its newest page only', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/nhat-ky', 'Nhật ký thay đổi');
        await page.getByText(/Nhật ký nguyên vẹn: đã kiểm tra lại \d+ bản ghi\./).waitFor();
        await screenshots(assert, page, '18-nhat-ky');
        // The clerk's own login: recorded ("Ghi nhận", not "Tạo mới"), its time in Vietnam time.
        await page.getByText(/^expires_at: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/).first().waitFor();
        assert.ok(await page.getByText('Ghi nhận').first().isVisible());
        // The newest page first (pages are aligned to 50 ids), then the one before it.
        const newest = page.getByText(/^Bản ghi \d+–\d+ \/ \d+$/).first();
        await newest.waitFor();
        const [, first, last, total] = (await newest.textContent()).match(/^Bản ghi (\d+)–(\d+) \/ (\d+)$/).map(Number);
        assert.equal(last, total);
        assert.equal(first, Math.floor((total - 1) / 50) * 50 + 1);
        assert.ok(total > 100, String(total));  // the demo's scores are audited too
        // An older page does not re-check the whole chain (it reads every entry): no verify call.
        const verifies = [];
        page.on('request', r => { if (r.url().includes('/api/v1/audit/verify')) verifies.push(r.url()); });
        await page.getByRole('link', {name: 'Cũ hơn →'}).first().click();
        await page.getByText(`Bản ghi ${first - 50}–${first - 1}`, {exact: true}).first().waitFor();
        assert.deepEqual(verifies, []);
        await page.getByRole('link', {name: '← Mới hơn'}).first().click();
        await page.getByText(`Bản ghi ${first}–${last}`, {exact: true}).first().waitFor();
        await page.getByRole('link', {name: 'Mới nhất'}).first().click();
        await page.getByText(`Bản ghi ${first}–${last} / ${total}`).first().waitFor();
        assert.equal(verifies.length, 1, 'the newest page re-checks the chain');
    });
});

test('the phone layout: the menu opens from its button', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        const nav = page.getByRole('navigation', {name: 'Điều hướng chính'});
        assert.equal(await nav.isVisible(), false);
        const toggle = page.getByRole('button', {name: 'Danh mục'});
        await toggle.click();
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
        await nav.getByRole('link', {name: 'Bộ tiêu chí'}).click();
        await waitForPage(page, 'Bộ tiêu chí');
        assert.equal(await nav.isVisible(), false, 'the menu closes after choosing');
    }, VIEWPORTS.phone);
});

test('a unit dissolved before the current year is told so instead of given to-dos, reviewers see why, and the clerk can undo it', async () => {
    const saveXa16 = async (page, fill) => {
        await go(page, '/don-vi', 'Đơn vị');
        const edit = page.getByRole('form', {name: 'Đổi tên, sáp nhập, giải thể'});
        await edit.getByLabel('Đơn vị').selectOption('XA16');
        await fill(edit);
        await edit.getByRole('button', {name: 'Lưu'}).click();
    };
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await saveXa16(page, edit => edit.getByLabel('Năm cuối cùng được đánh giá').fill('2021'));
        await page.getByText(/Đã lưu XA16: .*, đánh giá đến năm 2021\./).waitFor();
    });
    const notAssessed = 'Đơn vị XA16 không được đánh giá năm 2022 (hoạt động đến năm 2021).';
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await page.getByText(notAssessed).waitFor();
        assert.equal(await page.locator('.next-step').count(), 0, 'no to-dos for a year the unit is not assessed in');
        await go(page, '/tu-danh-gia?nam=2022', 'Tự đánh giá năm 2022');
        await page.getByText(notAssessed).waitFor();
        assert.equal(await page.locator('#item-filter').count(), 0);
    });
    await withPage(async page => {
        await login(page, ACCOUNTS.reviewer);
        await go(page, '/tham-dinh/XA16/1.1.1?nam=2022', '1.1.1');
        await page.getByText(notAssessed).waitFor();
        await go(page, '/tham-dinh/XA16?nam=2022', 'Thẩm định');
        await page.getByText(notAssessed).waitFor();
    });
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await saveXa16(page, edit => edit.getByLabel('Hoạt động trở lại: bỏ năm cuối cùng và việc sáp nhập').check());
        await page.getByText(/Đã lưu XA16: UBND xã Phúc Khánh\./).waitFor();
    });
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await page.locator('.next-step').waitFor();
    });
});

// Last in this file: it opens 2023, which becomes the current year of every page after it.
test('clerk: a new year copies last year\'s criteria set of a unit type, then downloads it as JSON', async () => {
    const token = await apiToken(base, ACCOUNTS.clerk);
    const created = await apiSend(base, token, 'POST', '/periods', {year: 2023, name: 'Kỳ 2023'});
    assert.equal(created.status, 201);
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/bo-tieu-chi?nam=2023', 'Bộ tiêu chí');
        const copy = page.getByRole('form', {name: 'Sao chép bộ tiêu chí năm 2022'});
        await copy.getByRole('button', {name: 'Sao chép'}).click();
        await copy.getByText('Chọn loại đơn vị cần sao chép bộ tiêu chí').waitFor();
        await copy.getByLabel('Loại đơn vị').selectOption('xa');
        await copy.getByRole('button', {name: 'Sao chép'}).click();
        await page.getByText(/Đã sao chép bộ tiêu chí năm 2022 cho loại đơn vị xa: ".+", phiên bản 1\./).waitFor();
        const sets = (await apiGet(base, token, '/periods/2023/criteria-sets')).body;
        assert.deepEqual(sets.map(x => [x.unit_type, x.version]), [['xa', 1]]);
        await page.getByRole('link', {name: sets[0].title}).click();
        await waitForPage(page, sets[0].title);
        const [download] = await Promise.all([page.waitForEvent('download'),
            page.getByRole('link', {name: 'Tải tệp JSON của bộ tiêu chí này'}).click()]);
        assert.equal(download.suggestedFilename(), 'bo-tieu-chi-2023-xa-v1.json');
        const tree = JSON.parse(readFileSync(await download.path(), 'utf8'));
        assert.equal(tree.year, 2023);
        assert.equal(tree.title, sets[0].title);
        // Only the communes have a 2023 set: appraisal sheets are offered for them alone (a sheet
        // for the district or an office would be refused, and stop an "all units" run).
        const units = (await apiGet(base, token, '/units')).body
            .filter(u => u.unit_type === 'xa' && u.active_from_year <= 2023 && (u.active_to_year === null || u.active_to_year >= 2023));
        await go(page, '/van-ban?nam=2023', 'Văn bản năm 2023');
        const f = page.getByRole('form', {name: 'Lập văn bản'});
        await f.getByLabel('Loại văn bản').selectOption('appraisal_sheet');
        const options = await f.getByLabel('Đơn vị').locator('option').allTextContents();
        assert.ok(options.includes(`— Tất cả ${units.length} đơn vị (mỗi đơn vị một phiếu) —`), options.join(' | '));
        assert.equal(options.length, units.length + 2, 'the units of types with a 2023 set, and no other');
    });
});
