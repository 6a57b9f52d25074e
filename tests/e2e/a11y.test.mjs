// Accessibility of every page, role by role, with its own server and the demo data: axe-core
// (auditAccessibility in harness.mjs) checks each page against the WCAG 2.0/2.1 A and AA rules,
// at 1366x768 and again at 390x844 (the phone layout: tables as cards, the menu behind a
// button), in the states that matter: the unit's item page with its evidence and a file
// waiting to go up, an archive's dry-run report, the reviewer's item page with a PDF preview
// open, a checked signature. A test fails on any violation of impact "serious" or "critical",
// listing the rule, the element and the page; all of them are also saved as a11y.json in the
// artifacts directory.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {writeFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {
    ACCOUNTS, ARTIFACTS, VIEWPORTS, startServer, launchBrowser, withPage as sharedWithPage, login,
    auditAccessibility, focusRingProblems, apiToken, apiGet, apiSend, openSelfAssessment, scriptedPdf, makeZip,
} from './harness.mjs';

let server;
let browser;
let base;
let clerk;
let unit;
let criteriaSetId;
let sheetBytes;
const report = [];  // every violation found: {page, viewport, rule, impact, help, targets}

before(async () => {
    server = await startServer();
    base = server.url;
    browser = await launchBrowser();
    clerk = await apiToken(base, ACCOUNTS.clerk);
    unit = await apiToken(base, ACCOUNTS.unit);
    await openSelfAssessment(base, clerk);
    // A PDF in 1.1.1, for the evidence lists and the reviewer's preview.
    const form = new FormData();
    form.append('file', new Blob([scriptedPdf('Ke hoach CCHC nam 2022')]), 'Kế hoạch CCHC năm 2022.pdf');
    const up = await fetch(`${base}/api/v1/periods/2022/units/XA16/evidence/1.1.1`,
        {method: 'POST', headers: {Authorization: `Bearer ${unit}`}, body: form});
    assert.equal(up.status, 201, await up.text());
    // An appraisal sheet for the documents pages and the signature check.
    const sheet = await apiSend(base, clerk, 'POST', '/periods/2022/documents', {kind: 'appraisal_sheet', unit: 'XA16'});
    assert.equal(sheet.status, 201, JSON.stringify(sheet.body));
    const content = await fetch(`${base}/api/v1/documents/${sheet.body.id}/content`, {headers: {Authorization: `Bearer ${clerk}`}});
    sheetBytes = Buffer.from(await content.arrayBuffer());
    const sets = await apiGet(base, clerk, '/periods/2022/criteria-sets');
    criteriaSetId = sets.body.find(s => s.unit_type === 'xa').id;
});

after(async () => {
    mkdirSync(ARTIFACTS, {recursive: true});
    writeFileSync(path.join(ARTIFACTS, 'a11y.json'), JSON.stringify(report, null, 1));
    if (browser) await browser.close();
    if (server) assert.equal(await server.stop(), 0, 'the server must stop cleanly (see server-stderr.log)');
});

const withPage = body => sharedWithPage(assert, browser, base, 'a11y', body);

// Audits what page shows now at the current size and adds what is found to found and the report.
async function auditNow(page, name, viewport, found) {
    for (const v of await auditAccessibility(page)) {
        const entry = {page: name, viewport, ...v};
        report.push(entry);
        found.push(entry);
    }
}

// Audits what page shows now, at both sizes (two frames after a resize: the layout and what
// reacts to it, such as a table box that starts or stops scrolling, have settled).
async function audit(page, name, found) {
    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
        await auditNow(page, name, viewport, found);
    }
    await page.setViewportSize(VIEWPORTS.desktop);
}

// Opens #<hash> and waits until the router has drawn the new page (not an error page).
async function visit(page, hash) {
    await page.evaluate(() => document.querySelector('main h1')?.setAttribute('data-old', ''));
    await page.goto(`/#${hash}`);
    const title = await page.locator('main:not([aria-busy]) h1:not([data-old])').first().textContent();
    assert.doesNotMatch(title, /^Không (có quyền|tải được|có trang)/, `${hash}: ${title}`);
}

// Visits each hash and audits it; extra[hash](page) runs before the audit (a state to show).
async function auditPages(page, hashes, found, extra = {}) {
    for (const hash of hashes) {
        await visit(page, hash);
        if (extra[hash]) await extra[hash](page);
        await audit(page, hash, found);
    }
}

function assertNone(found) {
    const lines = found.map(v => `${v.rule} (${v.impact}) on ${v.page} [${v.viewport}]: ${v.targets.join(', ')} — ${v.help}`);
    assert.deepEqual(lines, [], `accessibility violations:\n${lines.join('\n')}`);
}

test('the login page, also with a refused password', async () => {
    const found = [];
    await withPage(async page => {
        await page.goto('/#/dang-nhap');
        await page.locator('main:not([aria-busy]) h1').first().waitFor();
        await audit(page, '/dang-nhap', found);
        await page.getByLabel('Tên đăng nhập').fill('vanthu');
        await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
        await page.getByRole('button', {name: 'Đăng nhập'}).click();
        await page.getByRole('alert').waitFor();
        await audit(page, '/dang-nhap (wrong password)', found);
    });
    assertNone(found);
});

test('the unit\'s pages in the self-assessment phase', async () => {
    const found = [];
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await audit(page, '/ (unit)', found);
        await auditPages(page, ['/tu-danh-gia?nam=2022', '/tu-danh-gia/1.1.1?nam=2022', '/nhap-tep-nen?nam=2022',
            '/ket-qua-cua-toi?nam=2022', '/phieu-tham-dinh?nam=2022', '/don-vi-cua-toi?nam=2022'], found, {
            '/tu-danh-gia/1.1.1?nam=2022': async p => {
                await p.getByRole('link', {name: 'Kế hoạch CCHC năm 2022.pdf'}).waitFor();
                // A file chosen and waiting in the queue, with its "Bỏ" button.
                await p.getByRole('form', {name: 'Tải tài liệu kiểm chứng lên'}).getByLabel('chọn tệp từ máy')
                    .setInputFiles({name: 'Báo cáo quý I.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n')});
                await p.locator('.upload-item').waitFor();
            },
            '/nhap-tep-nen?nam=2022': async p => {
                const f = p.getByRole('form', {name: 'Nhập tài liệu từ tệp nén'});
                await f.getByLabel('Tệp nén').setInputFiles({name: 'hồ sơ.zip', mimeType: 'application/zip',
                    buffer: makeZip({'1.1.2 Kế hoạch/Kế hoạch 97.pdf': '%PDF-1.4\n% 97\n%%EOF\n', 'Quyết định/QĐ 12.pdf': '%PDF-1.4\n%%EOF\n'})});
                await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
                await p.locator('.import-result tbody tr').first().waitFor();
            },
        });
    });
    assertNone(found);
});

test('the office\'s pages', async () => {
    const found = [];
    await withPage(async page => {
        await login(page, ACCOUNTS.admin);
        await audit(page, '/ (admin)', found);
        await auditPages(page, ['/tai-khoan', '/nhat-ky'], found);
    });
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await audit(page, '/ (clerk)', found);
        // The phone menu, open.
        await page.setViewportSize(VIEWPORTS.phone);
        await page.getByRole('button', {name: 'Danh mục'}).click();
        await page.getByRole('navigation', {name: 'Điều hướng chính'}).getByRole('link', {name: 'Nhật ký'}).waitFor();
        await auditNow(page, '/ (clerk, menu open)', 'phone', found);
        await page.setViewportSize(VIEWPORTS.desktop);
        await auditPages(page, ['/ky-danh-gia', '/ky-danh-gia/2022', '/don-vi', '/bo-tieu-chi?nam=2022',
            `/bo-tieu-chi/${criteriaSetId}`, '/phan-cong?nam=2022', '/tien-do?nam=2022&loai=xa',
            '/tien-do/XA16?nam=2022', '/ket-qua?nam=2022&loai=xa', '/ket-qua/XA16?nam=2022',
            '/cai-dat-ket-qua?nam=2022&loai=xa', '/dieu-tra?nam=2022', '/van-ban?nam=2022', '/kiem-tra-chu-ky'], found, {
            '/ket-qua/XA16?nam=2022': async p => {
                // Each criterion's heading row heads a row group of its own items.
                const groups = await p.locator('table.explain').evaluateAll(tables => tables.flatMap(t => [...t.tBodies]
                    .map(b => b.rows[0].querySelector('th[scope="rowgroup"]') !== null && b.querySelectorAll('th[scope="rowgroup"]').length === 1)));
                assert.ok(groups.length > 8 && groups.every(Boolean), JSON.stringify(groups));
                // Too wide for the screen: each table's box can take the focus, to scroll it with
                // the keys; on a phone, where the rows are cards, it is no tab stop.
                await p.getByRole('region', {name: /^Lĩnh vực 1\. .* \(cuộn ngang được\)$/}).waitFor();
                await p.waitForFunction(() => [...document.querySelectorAll('table.explain')].every(t => t.parentElement.tabIndex === 0));
                await p.setViewportSize(VIEWPORTS.phone);
                await p.waitForFunction(() => document.querySelectorAll('.table-wrap[tabindex]').length === 0);
                await p.setViewportSize(VIEWPORTS.desktop);
                await p.waitForFunction(() => [...document.querySelectorAll('table.explain')].every(t => t.parentElement.tabIndex === 0));
            },
            '/kiem-tra-chu-ky': async p => {
                const f = p.getByRole('form', {name: 'Kiểm tra chữ ký số'});
                await f.getByLabel('Tệp PDF cần kiểm tra').setInputFiles({name: 'phiếu.pdf', mimeType: 'application/pdf', buffer: sheetBytes});
                await f.getByRole('button', {name: 'Kiểm tra', exact: true}).click();
                await p.locator('.verify-result section.signature').waitFor();
            },
        });
    });
    assertNone(found);
});

test('the keyboard focus is drawn, with 3:1 contrast against what is behind it', async () => {
    const found = [];
    const check = async (page, name) => {
        for (const p of await focusRingProblems(page)) found.push(`${name}: ${p.target} (${p.outline}, ${p.ratio}:1)`);
    };
    await withPage(async page => {
        await page.goto('/#/dang-nhap');
        await page.locator('main:not([aria-busy]) h1').first().waitFor();
        await check(page, '/dang-nhap');
        await login(page, ACCOUNTS.clerk);
        await check(page, '/ (clerk)');
        await page.setViewportSize(VIEWPORTS.phone);
        await check(page, '/ (clerk, phone)');
        await page.setViewportSize(VIEWPORTS.desktop);
        await visit(page, '/tien-do?nam=2022&loai=xa');
        await check(page, '/tien-do');
    });
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await visit(page, '/tu-danh-gia/1.1.1?nam=2022');
        await check(page, '/tu-danh-gia/1.1.1');
    });
    assert.deepEqual(found, [], `focus rings missing or too faint:\n${found.join('\n')}`);
});

test('the reviewer\'s pages in step 1, with a PDF preview open', async () => {
    const moved = await apiSend(base, clerk, 'PATCH', '/periods/2022',
        {self_assessment_closes: new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')});
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const found = [];
    await withPage(async page => {
        await login(page, ACCOUNTS.reviewer);
        await audit(page, '/ (reviewer)', found);
        await auditPages(page, ['/tham-dinh?nam=2022', '/tham-dinh/XA16?nam=2022', '/tham-dinh/XA16/1.1.1?nam=2022',
            '/phan-cong?nam=2022', '/tien-do?nam=2022&loai=xa', '/ket-qua?nam=2022&loai=xa',
            '/cai-dat-ket-qua?nam=2022&loai=xa', '/van-ban?nam=2022'], found, {
            '/tham-dinh/XA16/1.1.1?nam=2022': async p => {
                const preview = p.locator('li.evidence').filter({hasText: 'Kế hoạch CCHC năm 2022.pdf'});
                await preview.getByText('Xem tệp PDF').click();
                await preview.getByRole('status').filter({hasText: '1 trang.'}).waitFor();
                // The scrolling box of pages is a named region (a name on a plain div is not read).
                await preview.getByRole('region', {name: 'Các trang của Kế hoạch CCHC năm 2022.pdf'}).waitFor();
            },
        });
    });
    assertNone(found);
});
