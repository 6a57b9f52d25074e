// Official documents and archive import in a real browser, against their own server with the
// demo data (harness: `kiemchung init` made the demo signing keys): the clerk generates a
// decision draft and an appraisal sheet (refused fields shown next to them first), downloads the
// sheet and signs the decision on top; the verify page reports the downloaded sheet valid, a copy
// with one byte flipped inside the signed range a mismatch, and the countersigned decision as two
// valid signatures; the unit sees only its own sheet; the unit imports a zip made here (a refused
// one first, then a dry run, then the import); an annual report carries the clerk's sections
// IV and V. After each step the server's state is checked through the API.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {
    ACCOUNTS, startServer, launchBrowser, withPage as sharedWithPage, waitForPage, login, screenshots,
    apiToken, apiGet, apiSend, apiPostBytes, makeZip, openSelfAssessment,
} from './harness.mjs';

let server;
let browser;
let base;
let clerk;  // bearer tokens for checking the server's state
let unit;


before(async () => {
    server = await startServer();
    base = server.url;
    browser = await launchBrowser();
    clerk = await apiToken(base, ACCOUNTS.clerk);
    unit = await apiToken(base, ACCOUNTS.unit);
});

after(async () => {
    if (browser) await browser.close();
    if (server) assert.equal(await server.stop(), 0, 'the server must stop cleanly (see server-stderr.log)');
});

const withPage = body => sharedWithPage(assert, browser, base, 'documents', body);

const nav = page => page.getByRole('navigation', {name: 'Điều hướng chính'});
const documentsOf = async token => (await apiGet(base, token, '/periods/2022/documents')).body.documents;
const evidenceOf = async sub => (await apiGet(base, clerk, `/periods/2022/units/XA16/evidence?sub=${sub}`)).body;

async function download(page, linkName) {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', {name: linkName}).click()]);
    return {name: d.suggestedFilename(), bytes: readFileSync(await d.path())};
}

async function contentOf(id) {
    const r = await fetch(`${base}/api/v1/documents/${id}/content`, {headers: {Authorization: `Bearer ${clerk}`}});
    assert.equal(r.status, 200);
    return Buffer.from(await r.arrayBuffer());
}

let sheet;       // the XA16 appraisal sheet as the API lists it
let sheetBytes;  // as downloaded through the page
let decision;    // the decision draft, and its countersigned copy
let countersigned;

test('clerk: generates a decision draft and an appraisal sheet, downloads one, signs on top', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await nav(page).getByRole('link', {name: 'Văn bản'}).click();
        await waitForPage(page, 'Văn bản năm 2022');
        await page.getByText('Chưa lập văn bản nào năm 2022.').waitFor();
        const f = page.getByRole('form', {name: 'Lập văn bản'});

        // A decision draft with a number out of range: refused next to the number.
        await f.getByLabel('Loại văn bản').selectOption('decision_draft');
        assert.equal(await f.getByLabel('Đơn vị').isVisible(), false, 'no unit for a decision');
        assert.equal(await f.getByLabel(/Mục IV/).isVisible(), false);
        await f.getByLabel('Số văn bản').fill('0');
        await f.getByLabel('Ngày văn bản').fill('2023-02-02');
        await f.getByRole('button', {name: 'Lập và ký văn bản'}).click();
        await f.locator('[data-field="number"] .field-error').filter({hasText: 'Số văn bản phải từ 1 đến 99999'}).waitFor();
        assert.equal(await f.getByLabel('Số văn bản').getAttribute('aria-invalid'), 'true');
        assert.deepEqual(await documentsOf(clerk), [], 'a refused request stores nothing');
        await f.getByLabel('Số văn bản').fill('7');
        await f.getByRole('button', {name: 'Lập và ký văn bản'}).click();
        await page.getByText(/^Đã lập và ký văn bản #\d+: Quyết định công bố kết quả \(1 chữ ký\)\.$/).waitFor();
        [decision] = await documentsOf(clerk);
        assert.equal(decision.kind, 'decision_draft');
        assert.equal(decision.number, 7);
        assert.equal(decision.document_date, '2023-02-02');
        assert.equal(decision.draft, true);
        assert.equal(decision.signatures, 1);

        // An appraisal sheet without a unit: refused next to the unit; then XA16, not a draft.
        await f.getByLabel('Loại văn bản').selectOption('appraisal_sheet');
        await f.getByRole('button', {name: 'Lập và ký văn bản'}).click();
        await f.locator('[data-field="unit"] .field-error').filter({hasText: 'Phiếu thẩm định cần mã đơn vị'}).waitFor();
        await f.getByLabel('Đơn vị').selectOption('XA16');
        await f.getByLabel(/Bản dự thảo/).uncheck();
        await f.getByRole('button', {name: 'Lập và ký văn bản'}).click();
        await page.getByText(/^Đã lập và ký văn bản #\d+: Phiếu thẩm định XA16 \(1 chữ ký\)\.$/).waitFor();
        const docs = await documentsOf(clerk);
        assert.equal(docs.length, 2);
        sheet = docs.find(d => d.kind === 'appraisal_sheet');
        assert.equal(sheet.unit, 'XA16');
        assert.equal(sheet.draft, false);
        assert.equal(sheet.number, null, 'left blank for the clerk');

        // The list: one row per document with its hash prefix; the sheet downloads as a PDF.
        const rows = page.locator('table.data tbody tr');
        assert.equal(await rows.count(), 2);
        const sheetRow = rows.filter({hasText: `#${sheet.id}`});
        assert.match(await sheetRow.textContent(), /Phiếu thẩm định — XA16/);
        assert.equal(await sheetRow.locator('td[data-label="SHA-256"]').textContent(), sheet.sha256.slice(0, 12));
        assert.equal(await sheetRow.locator('.sig-count').textContent(), '1');
        await page.locator('table.data').scrollIntoViewIfNeeded();
        await screenshots(assert, page, '60-van-ban');
        const file = await download(page, `Tải PDF văn bản #${sheet.id}`);
        assert.equal(file.name, `appraisal_sheet-2022-XA16-${sheet.id}.pdf`);
        assert.equal(file.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
        assert.equal(file.bytes.length, sheet.size);
        assert.ok(file.bytes.length > 10000, `a sheet of ${file.bytes.length} bytes`);
        sheetBytes = file.bytes;

        // The approver signs the decision on top: a new document with two signatures.
        await page.getByRole('button', {name: `Ký phê duyệt văn bản #${decision.id}`}).click();
        await page.getByText(new RegExp(`^Đã ký phê duyệt văn bản #${decision.id}: bản có 2 chữ ký là văn bản #\\d+\\.$`)).waitFor();
        assert.equal(await page.locator('table.data tbody tr').count(), 3);
        countersigned = (await documentsOf(clerk)).find(d => d.previous_id === decision.id);
        assert.ok(countersigned, 'the countersigned copy is listed');
        assert.equal(countersigned.signatures, 2);
        const newRow = page.locator('table.data tbody tr').filter({hasText: `#${countersigned.id}`}).first();
        assert.equal(await newRow.locator('.sig-count').textContent(), '2');
        await newRow.getByText(`Ký thêm lên văn bản #${decision.id}`).waitFor();
        assert.equal(await page.getByRole('button', {name: `Ký phê duyệt văn bản #${decision.id}`}).count(), 0, 'signed once only');
        assert.equal(await page.getByRole('button', {name: `Ký phê duyệt văn bản #${countersigned.id}`}).count(), 0);
    });
    const audit = (await apiGet(base, clerk, '/audit?limit=1000')).body.filter(e => e.entity === 'document');
    assert.deepEqual(audit.map(e => [e.action, e.entity_id]), [['document.generate', String(decision.id)],
        ['document.generate', String(sheet.id)], ['document.sign', String(countersigned.id)]]);
});

test('verify page: the downloaded sheet is valid, a flipped byte is a mismatch, two signatures on the decision', async () => {
    assert.ok(sheetBytes, 'needs the sheet downloaded by the previous test');
    const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(sheetBytes.toString('latin1'));
    assert.ok(m, 'the sheet has a /ByteRange');
    const [, start, length] = m.map(Number);
    // A byte inside the first content stream: covered by the signature, harmless to the structure.
    const at = sheetBytes.indexOf('stream\n') + 40;
    assert.ok(at >= start && at < start + length, `byte ${at} lies in the signed range ${start}+${length}`);
    const flipped = Buffer.from(sheetBytes);
    flipped[at] ^= 0x01;
    const good = await apiPostBytes(base, unit, '/verify', sheetBytes);
    assert.equal(good.status, 200);
    assert.equal(good.body.all_signatures_valid, true);
    assert.equal(good.body.stored_document.id, sheet.id);
    const bad = await apiPostBytes(base, unit, '/verify', flipped);
    assert.equal(bad.status, 200);
    assert.equal(bad.body.all_signatures_valid, false);
    assert.equal(bad.body.signatures[0].valid, false);
    assert.equal(bad.body.stored_document, null);
    const twice = await contentOf(countersigned.id);

    await withPage(async page => {
        await login(page, ACCOUNTS.reviewer);
        await nav(page).getByRole('link', {name: 'Kiểm tra chữ ký'}).click();
        await waitForPage(page, 'Kiểm tra chữ ký số');
        const f = page.getByRole('form', {name: 'Kiểm tra chữ ký số'});
        const input = f.getByLabel('Tệp PDF cần kiểm tra');
        const result = page.locator('.verify-result');

        await input.setInputFiles({name: 'phiếu thẩm định XA16.pdf', mimeType: 'application/pdf', buffer: sheetBytes});
        await f.getByRole('button', {name: 'Kiểm tra', exact: true}).click();
        await result.getByText('Cả 1 chữ ký đều hợp lệ.').waitFor();
        const card = result.locator('section.signature');
        assert.equal(await card.count(), 1);
        assert.equal(await card.locator('.badge').textContent(), 'Hợp lệ');
        assert.equal(await card.locator('.sig-coverage').textContent(), 'Có: chữ ký bảo vệ toàn bộ tệp.');
        const s = good.body.signatures[0];
        assert.match(await card.locator('.sig-signer').textContent(), new RegExp(s.signer_name.replace(/[()]/g, '\\$&')));
        assert.match(await card.locator('.sig-time').textContent(), /^\d\d:\d\d \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)$/);
        await result.locator('.manifest').getByText('Khớp với tài liệu đang lưu.').waitFor();
        await result.locator('.stored-doc').getByText(`Đúng từng byte với văn bản #${sheet.id}`, {exact: false}).waitFor();
        await screenshots(assert, page, '61-kiem-tra-chu-ky');

        await input.setInputFiles({name: 'phiếu bị sửa.pdf', mimeType: 'application/pdf', buffer: flipped});
        await f.getByRole('button', {name: 'Kiểm tra', exact: true}).click();
        await result.getByText('Có chữ ký KHÔNG hợp lệ.').waitFor();
        assert.equal(await result.locator('section.signature .badge').textContent(), 'Không hợp lệ');
        assert.match(await result.locator('.sig-integrity').textContent(), /^Đã bị thay đổi hoặc chữ ký hỏng/);
        await result.locator('.stored-doc').getByText(/không trùng với văn bản nào/).waitFor();
        await result.locator('section.signature').scrollIntoViewIfNeeded();
        await screenshots(assert, page, '62-kiem-tra-chu-ky-sai');

        await input.setInputFiles({name: 'quyết định đã ký phê duyệt.pdf', mimeType: 'application/pdf', buffer: twice});
        await f.getByRole('button', {name: 'Kiểm tra', exact: true}).click();
        await result.getByText('Cả 2 chữ ký đều hợp lệ.').waitFor();
        const cards = result.locator('section.signature');
        assert.equal(await cards.count(), 2);
        assert.match(await cards.nth(0).locator('.sig-coverage').textContent(), /^Không, và điều này bình thường/);
        assert.equal(await cards.nth(1).locator('.sig-coverage').textContent(), 'Có: chữ ký bảo vệ toàn bộ tệp.');
        await result.locator('.stored-doc').getByText(`Đúng từng byte với văn bản #${countersigned.id}`, {exact: false}).waitFor();

        // Not a PDF: the server's reason in the form.
        await input.setInputFiles({name: 'ghi chú.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF')});
        await f.getByRole('button', {name: 'Kiểm tra', exact: true}).click();
        await f.locator('.form-alert').waitFor();
        assert.equal(await result.locator('section.signature').count(), 0);
    });
    const v = await apiPostBytes(base, clerk, '/verify', twice);
    assert.deepEqual(v.body.signatures.map(x => [x.valid, x.covers_whole_document]), [[true, false], [true, true]]);
});

test('unit: sees only its own appraisal sheet, and downloads it', async () => {
    const other = await apiSend(base, clerk, 'POST', '/periods/2022/documents', {kind: 'appraisal_sheet', unit: 'XA01'});
    assert.equal(other.status, 201, JSON.stringify(other.body));
    const mine = await documentsOf(unit);
    assert.deepEqual(mine.map(d => [d.id, d.kind, d.unit]), [[sheet.id, 'appraisal_sheet', 'XA16']]);
    assert.equal((await apiGet(base, unit, `/documents/${other.body.id}`)).status, 403);
    assert.equal((await apiGet(base, unit, `/documents/${decision.id}`)).status, 403);

    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await page.getByRole('main').getByRole('link', {name: /Phiếu thẩm định của đơn vị/}).click();
        await waitForPage(page, 'Phiếu thẩm định năm 2022');
        const rows = page.locator('table.data tbody tr');
        assert.equal(await rows.count(), 1);
        assert.match(await rows.first().textContent(), new RegExp(`#${sheet.id}.*Phiếu thẩm định — XA16`));
        assert.equal(await page.getByText('XA01').count(), 0);
        assert.equal(await page.getByRole('button', {name: /Ký phê duyệt/}).count(), 0, 'units do not sign');
        const file = await download(page, `Tải PDF văn bản #${sheet.id}`);
        assert.equal(file.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
        assert.equal(file.bytes.length, sheet.size);
        await screenshots(assert, page, '63-phieu-tham-dinh-don-vi');
        // The office's page is not for units.
        await page.goto('/#/van-ban');
        await waitForPage(page, 'Không có quyền xem trang này');
    });
});

test('unit: imports a zip of evidence (a refused one, then a dry run, then the import)', async () => {
    await openSelfAssessment(base, clerk);
    const before112 = await evidenceOf('1.1.2');
    const before113 = await evidenceOf('1.1.3');
    const archive = makeZip({
        '1.1.2 Kế hoạch/Kế hoạch 97.pdf': '%PDF-1.4\n% Kế hoạch cải cách hành chính năm 2022, số 97/KH-UBND\n%%EOF\n',
        '1.1.3_Báo cáo quý IV.pdf': '%PDF-1.4\n% Báo cáo kết quả thực hiện quý IV\n%%EOF\n',
        'Quyết định/QĐ 12.pdf': '%PDF-1.4\n% Quyết định số 12\n%%EOF\n',
    });
    const unsafe = makeZip({'1.1.2 Kế hoạch/Kế hoạch 98.pdf': '%PDF-1.4\n% 98\n', '../1.1.2 ngoài.pdf': '%PDF-1.4\n% ngoài\n'});

    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await nav(page).getByRole('link', {name: 'Nộp tệp nén'}).click();
        await waitForPage(page, 'Nộp tài liệu bằng tệp nén năm 2022');
        await page.getByText('Đơn vị tự đánh giá', {exact: false}).first().waitFor();
        const f = page.getByRole('form', {name: 'Nhập tài liệu từ tệp nén'});
        const input = f.getByLabel('Tệp nén');
        const importButton = f.getByRole('button', {name: 'Nhập chính thức'});
        const result = page.locator('.import-result');
        const statusOf = async p => result.locator('tbody tr').filter({has: page.locator('.entry-path', {hasText: p})}).locator('[data-status]').getAttribute('data-status');

        // An entry escaping the folder: the whole archive is refused, nothing stored.
        await input.setInputFiles({name: 'hồ sơ lỗi.zip', mimeType: 'application/zip', buffer: unsafe});
        await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
        await f.locator('[data-field="archive"] .field-error').filter({hasText: '1 mục bị từ chối'}).waitFor();
        assert.equal(await statusOf('../1.1.2 ngoài.pdf'), 'rejected');
        assert.equal(await importButton.isDisabled(), true);
        assert.ok(page.apiRefusals.some(r => r.startsWith('400 ')), page.apiRefusals.join(', '));

        // The good archive: a dry run reports each entry and stores nothing.
        await input.setInputFiles({name: 'hồ sơ CCHC 2022.zip', mimeType: 'application/zip', buffer: archive});
        assert.equal(await result.locator('tbody tr').count(), 0, 'a new file clears the old report');
        await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
        await result.getByText('Kết quả chạy thử: hồ sơ CCHC 2022.zip').waitFor();
        await f.getByText('Chạy thử xong: 2 tệp sẽ được nhập.', {exact: false}).waitFor();
        assert.match(await result.locator('.archive-counts').textContent(), /^3 mục: 2 sẽ nhập, 0 trùng, 1 không rõ tiêu chí, 0 bị từ chối\./);
        assert.equal(await statusOf('1.1.2 Kế hoạch/Kế hoạch 97.pdf'), 'imported');
        assert.equal(await statusOf('1.1.3_Báo cáo quý IV.pdf'), 'imported');
        assert.equal(await statusOf('Quyết định/QĐ 12.pdf'), 'unmatched');
        const row112 = result.locator('tbody tr').filter({hasText: 'Kế hoạch 97.pdf'}).first();
        assert.equal(await row112.locator('td[data-label="Tiêu chí"]').textContent(), '1.1.2');
        assert.equal(await row112.locator('td[data-label="Lưu với tên"]').textContent(), 'Kế hoạch 97.pdf');
        assert.notEqual(await result.locator('tbody tr').filter({hasText: 'QĐ 12.pdf'}).locator('td[data-label="Lý do"]').textContent(), '—');
        assert.equal(await importButton.isDisabled(), false);
        assert.deepEqual(await evidenceOf('1.1.2'), before112, 'a dry run stores nothing');
        await result.scrollIntoViewIfNeeded();
        await screenshots(assert, page, '64-nhap-tep-nen');

        await importButton.click();
        await f.getByText('Đã nhập 2 tệp vào các tiêu chí thành phần.', {exact: false}).waitFor();
        await result.getByText('Đã nhập từ hồ sơ CCHC 2022.zip').waitFor();
        assert.equal(await importButton.isDisabled(), true, 'imported once');

        // The same archive again: every matched entry is now a duplicate.
        await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
        await f.getByText('Chạy thử xong: không có tệp mới nào để nhập.').waitFor();
        assert.equal(await statusOf('1.1.2 Kế hoạch/Kế hoạch 97.pdf'), 'duplicate');
        assert.equal(await importButton.isDisabled(), true);

        // The imported file is on the sub-criterion's page.
        await result.getByRole('link', {name: '1.1.2'}).first().click();
        await page.getByRole('link', {name: 'Kế hoạch 97.pdf'}).waitFor();
    });
    const after112 = await evidenceOf('1.1.2');
    const after113 = await evidenceOf('1.1.3');
    assert.equal(after112.length, before112.length + 1);
    assert.equal(after113.length, before113.length + 1);
    const added = after112.find(e => e.file_name === 'Kế hoạch 97.pdf');
    assert.ok(added, JSON.stringify(after112));
    assert.equal(added.round, 'self');
    assert.equal(added.uploaded_by, ACCOUNTS.unit[0]);
    assert.ok(after113.some(e => e.file_name === '1.1.3_Báo cáo quý IV.pdf'), JSON.stringify(after113));
    assert.ok(!after112.some(e => e.file_name === 'Kế hoạch 98.pdf'), 'the refused archive stored nothing');
});

test('clerk: an annual report carries the sections IV and V typed in the form', async () => {
    const assessment = 'Các xã đã chủ động tự đánh giá đúng hạn.\n\nMột số đơn vị còn nộp tài liệu kiểm chứng chậm.';
    const directions = 'Tiếp tục đẩy mạnh cải cách thủ tục hành chính năm 2023.';
    let report;
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await page.goto('/#/van-ban?nam=2022');
        await waitForPage(page, 'Văn bản năm 2022');
        const f = page.getByRole('form', {name: 'Lập văn bản'});
        await f.getByLabel('Loại văn bản').selectOption('annual_report');
        assert.equal(await f.getByLabel('Đơn vị').isVisible(), false);
        await f.getByLabel(/Mục IV/).fill(assessment);
        await f.getByLabel(/Mục V\./).fill(directions);
        await f.getByLabel('Số văn bản').fill('12');
        await f.getByRole('button', {name: 'Lập và ký văn bản'}).click();
        await page.getByText(/^Đã lập và ký văn bản #\d+: Báo cáo kết quả năm \(1 chữ ký\)\.$/).waitFor();
        report = (await documentsOf(clerk)).find(d => d.kind === 'annual_report');
        assert.ok(report);
        assert.equal(report.number, 12);
        const file = await download(page, `Tải PDF văn bản #${report.id}`);
        assert.equal(file.bytes.length, report.size);
        // The clerk's paragraphs are in the PDF's text (pdftotext from poppler-utils).
        const text = execFileSync('pdftotext', ['-layout', '-', '-'], {input: file.bytes, encoding: 'utf8'}).replace(/\s+/g, ' ');
        assert.ok(text.includes('Một số đơn vị còn nộp tài liệu kiểm chứng chậm.'), 'section IV text');
        assert.ok(text.includes('Tiếp tục đẩy mạnh cải cách thủ tục hành chính năm 2023.'), 'section V text');
    });
});

test('clerk: sections IV and V pre-filled from the year\'s results, never over typed text; reviewers only read the list', async () => {
    const results = (await apiGet(base, clerk, '/periods/2022/results')).body;
    const xa = results.tables.find(t => t.unit_type.code === 'xa');
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await page.goto('/#/van-ban?nam=2022');
        await waitForPage(page, 'Văn bản năm 2022');
        const f = page.getByRole('form', {name: 'Lập văn bản'});
        assert.equal(await f.getByRole('button', {name: 'Điền sẵn từ số liệu'}).isVisible(), false);
        await f.getByLabel('Loại văn bản').selectOption('annual_report');
        await f.getByLabel(/Mục V\./).fill('Phương hướng do văn phòng viết.');
        await f.getByRole('button', {name: 'Điền sẵn từ số liệu'}).click();
        const iv = f.getByLabel(/Mục IV/);
        await page.waitForFunction(() => document.querySelector('textarea[name="assessment_text"]').value.length > 0);
        const text = await iv.inputValue();
        // The communes' average index and grade counts, as the results API gives them.
        assert.ok(text.includes(`chỉ số trung bình ${xa.summary.average_index_pct_text.replace('.', ',')}%`), text);
        const good = xa.summary.grades.find(g => g.grade === 'Tốt');
        assert.ok(text.includes(`${good.count} đơn vị xếp loại Tốt`), text);
        assert.ok(text.includes('UBND xã Phúc Khánh'), 'XA16 is provisional: named among the limits');
        assert.equal(await f.getByLabel(/Mục V\./).inputValue(), 'Phương hướng do văn phòng viết.', 'typed text is kept');
    });
    await withPage(async page => {
        await login(page, ACCOUNTS.reviewer);
        await page.getByRole('navigation', {name: 'Điều hướng chính'}).getByRole('link', {name: 'Văn bản'}).click();
        await waitForPage(page, 'Văn bản năm 2022');
        assert.equal(await page.getByRole('form', {name: 'Lập văn bản'}).count(), 0);
        assert.equal(await page.getByRole('button', {name: /Ký phê duyệt/}).count(), 0);
        assert.ok(await page.locator('table.data tbody tr').count() > 0);
        await page.getByRole('link', {name: /^Xem trước văn bản #\d+/}).first().waitFor();
    });
});

test('clerk: appraisal sheets for every unit still without one, one request each with progress', async () => {
    const units = (await apiGet(base, clerk, '/units')).body
        .filter(u => u.active_from_year <= 2022 && (u.active_to_year === null || u.active_to_year >= 2022));
    const sheetUnits = async () => new Set((await documentsOf(clerk)).filter(d => d.kind === 'appraisal_sheet').map(d => d.unit));
    const before = await sheetUnits();
    assert.ok(before.size > 0 && before.size < units.length, 'earlier tests made some sheets');
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await page.goto('/#/van-ban?nam=2022');
        await waitForPage(page, 'Văn bản năm 2022');
        const f = page.getByRole('form', {name: 'Lập văn bản'});
        await f.getByLabel('Loại văn bản').selectOption('appraisal_sheet');
        await f.getByLabel('Đơn vị').selectOption({label: `— ${units.length - before.size} đơn vị chưa có phiếu —`});
        await f.getByLabel('Số văn bản').fill('12');
        await f.getByRole('button', {name: 'Lập và ký văn bản'}).click();
        await f.getByText('Để trống số văn bản khi lập phiếu cho nhiều đơn vị').waitFor();
        assert.deepEqual(await sheetUnits(), before, 'nothing made');
        await f.getByLabel('Số văn bản').fill('');
        await f.getByRole('button', {name: 'Lập và ký văn bản'}).click();
        await page.getByText(`Đã lập và ký ${units.length - before.size} phiếu thẩm định, mỗi đơn vị một phiếu.`)
            .waitFor({timeout: 120000});
    });
    assert.deepEqual([...await sheetUnits()].sort(), units.map(u => u.code).sort());
    const sheets = (await documentsOf(clerk)).filter(d => d.kind === 'appraisal_sheet');
    assert.equal(sheets.length, units.length, 'no unit got a second sheet');
});
