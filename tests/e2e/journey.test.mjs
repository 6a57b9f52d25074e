// One assessment item's whole journey in a real browser, against its own server with the demo
// data: the unit self-scores and uploads files with Vietnamese names (drag-and-drop and the file
// picker), the reviewer scores step 1 and asks for a supplement, the unit replies with a new
// file, the reviewer scores step 2, and the clerk sees the heat map reflect it and extends a
// deadline. Every step is checked against the server's state through the API, not only the DOM.
//
// The demo year 2022 is long past; the clerk's API moves its phase dates around "now" between the
// steps (PATCH /periods/2022), as the office would during a real year.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {
    ACCOUNTS, startServer, launchBrowser, withPage as sharedWithPage, waitForPage, login, screenshots,
    apiToken, apiGet, apiSend, scriptedPdf,
} from './harness.mjs';

let server;
let browser;
let base;
let clerk;   // bearer tokens for checking the server's state
let unit;

const ITEM = '/periods/2022/units/XA16/assessment';
const iso = ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86400000;
// The plan the unit uploads is a real PDF whose opening script asks for a password.
const PLAN_PDF = scriptedPdf('Ke hoach CCHC nam 2022');

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

// Runs body with a fresh page; on failure saves what the page showed (journey-failure.png).
const withPage = body => sharedWithPage(assert, browser, base, 'journey', body);

// Moves the 2022 period into phase `name` by setting its dates around now (each in order). A
// phase ends a second ago, after a pause: times are kept to the second, and what was done before
// the move must stay inside the phase it was done in (or files would count as "new since step 1").
async function enterPhase(name) {
    if (name !== 'self') await new Promise(resolve => setTimeout(resolve, 1100));
    const now = Date.now();
    const dates = {
        self: {self_assessment_opens: iso(now - DAY), self_assessment_closes: iso(now + 30 * DAY),
            step1_closes: iso(now + 40 * DAY), supplement_closes: iso(now + 50 * DAY), step2_closes: iso(now + 60 * DAY)},
        step1: {self_assessment_closes: iso(now - 1000)},
        supplement: {step1_closes: iso(now - 1000)},
        step2: {supplement_closes: iso(now - 1000)},
    }[name];
    const r = await apiSend(base, clerk, 'PATCH', '/periods/2022', dates);
    assert.equal(r.status, 200, JSON.stringify(r.body));
}

async function item(sub) {
    const r = await apiGet(base, clerk, ITEM);
    assert.equal(r.status, 200);
    return r.body.items.find(i => i.sub_code === sub);
}

async function evidence(sub) {
    return (await apiGet(base, clerk, `/periods/2022/units/XA16/evidence?sub=${sub}`)).body;
}

// Drops files on the upload zone as a browser would after a drag from the desktop.
async function dropFiles(page, files) {
    const transfer = await page.evaluateHandle(list => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([f.text], f.name, {type: f.type}));
        return dt;
    }, files);
    await page.locator('.drop-zone').dispatchEvent('drop', {dataTransfer: transfer});
}

test('unit: self-scores 1.1.1, uploads two files with Vietnamese names, withdraws and restores one', async () => {
    await enterPhase('self');
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await page.getByRole('navigation', {name: 'Điều hướng chính'}).getByRole('link', {name: 'Tự đánh giá'}).click();
        await waitForPage(page, 'Tự đánh giá năm 2022');
        await page.getByText('Giai đoạn: Đơn vị tự đánh giá').waitFor();
        await page.getByText(/Đã xong 0\/58 tiêu chí thành phần/).waitFor();
        await screenshots(assert, page, '20-tu-danh-gia');

        await page.getByRole('link', {name: 'Ban hành Kế hoạch CCHC năm kịp thời theo hướng dẫn của UBND tỉnh'}).click();
        await waitForPage(page, /^1\.1\.1 /);
        const self = page.getByRole('form', {name: 'Tự chấm điểm'});
        await self.getByLabel('Ban hành kịp thời — 1 điểm').check();
        await self.getByLabel('Giải trình, thuyết minh').fill('Kế hoạch số 97/KH-UBND ban hành ngày 15/01/2022, đúng hạn.');
        await self.getByRole('button', {name: 'Lưu điểm tự chấm'}).click();
        await page.getByText('Đã lưu điểm tự chấm tiêu chí 1.1.1.').waitFor();

        const upload = page.getByRole('form', {name: 'Tải tài liệu kiểm chứng lên'});
        await upload.getByLabel('Số, ký hiệu').fill('97/KH-UBND');
        await upload.getByLabel('Ngày ban hành').fill('2022-01-15');
        await upload.getByLabel('Cơ quan ban hành').fill('UBND xã Phúc Khánh');
        await upload.getByLabel('Trang, mục chứng minh').fill('tr. 2, mục II');
        // Both files with Vietnamese names dropped at once.
        await dropFiles(page, [{name: 'Kế hoạch CCHC năm 2022.pdf', type: 'application/pdf', text: PLAN_PDF},
            {name: 'Báo cáo kết quả thực hiện quý I.docx', type: 'application/octet-stream', text: 'Báo cáo kết quả thực hiện kế hoạch CCHC quý I năm 2022'}]);
        assert.deepEqual(await page.locator('.upload-item .file-name').allTextContents(),
            ['Kế hoạch CCHC năm 2022.pdf', 'Báo cáo kết quả thực hiện quý I.docx']);
        await upload.getByRole('button', {name: 'Tải lên'}).click();
        await page.getByText('Đã tải lên 2 tệp.').first().waitFor();
        await page.getByRole('link', {name: 'Kế hoạch CCHC năm 2022.pdf'}).waitFor();
        await page.getByText('Vòng tự đánh giá: 2 tệp đang dùng').waitFor();
        await page.locator('.evidence-holder').scrollIntoViewIfNeeded();
        await screenshots(assert, page, '21-tu-danh-gia-tieu-chi');

        // Withdraw the report, then restore it: both stay in its history.
        await page.getByRole('button', {name: 'Rút tệp Báo cáo kết quả thực hiện quý I.docx'}).click();
        await page.getByText('Đã rút tệp Báo cáo kết quả thực hiện quý I.docx.').waitFor();
        await page.getByText('Vòng tự đánh giá: 1 tệp đang dùng, 1 tệp đã rút').waitFor();
        await page.getByRole('button', {name: 'Khôi phục tệp Báo cáo kết quả thực hiện quý I.docx'}).click();
        await page.getByText('Đã khôi phục tệp Báo cáo kết quả thực hiện quý I.docx.').waitFor();

        // A file the server refuses (empty) stays in the list with the reason and a retry button.
        // (chosen with the file picker this time)
        await page.getByRole('form', {name: 'Tải tài liệu kiểm chứng lên'}).getByLabel('chọn tệp từ máy')
            .setInputFiles({name: 'Tệp rỗng.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0)});
        await page.getByRole('button', {name: 'Tải lên'}).click();
        const failed = page.locator('.upload-item.failed').filter({hasText: 'Tệp rỗng.pdf'});
        await failed.getByText(/^Lỗi: /).waitFor();
        await failed.getByRole('button', {name: 'Thử lại Tệp rỗng.pdf'}).waitFor();
        await page.getByRole('alert').filter({hasText: '1/1 tệp chưa tải lên được'}).waitFor();
        assert.ok(page.apiRefusals.some(r => r.startsWith('400 ')), page.apiRefusals.join(', '));

        // A scored-by-percentage item: the points are computed as the unit types; a different
        // score without a reason is refused by the server, next to the score.
        await page.getByRole('link', {name: '1.1.2 →'}).click();
        await waitForPage(page, /^1\.1\.2 /);
        await page.getByRole('link', {name: '1.1.3 →'}).click();
        await waitForPage(page, /^1\.1\.3 /);
        const form = page.getByRole('form', {name: 'Tự chấm điểm'});
        await form.getByLabel(/^Tỷ lệ đạt được/).fill('85');
        await form.getByText('Điểm tính được: 1').waitFor();
        assert.equal(await form.getByLabel(/^Điểm \(từ 0 đến 2\)/).inputValue(), '1');
        await form.getByLabel(/^Điểm \(từ 0 đến 2\)/).fill('2');
        await form.getByLabel('Giải trình, thuyết minh').fill('Tỷ lệ 85% nhưng đã hoàn thành các nhiệm vụ trọng tâm.');
        await form.getByRole('button', {name: 'Lưu điểm tự chấm'}).click();
        await form.locator('[data-field="score"] .field-error').filter({hasText: 'khác điểm tính được 1,00; cần ghi lý do'}).waitFor();
        assert.equal(await form.getByLabel(/^Điểm \(từ 0 đến 2\)/).inputValue(), '2', 'what was typed stays');
        await form.getByLabel('Lý do chấm khác điểm tính được').fill('Nhiệm vụ còn lại đã chuyển sang năm sau theo chỉ đạo của UBND huyện.');
        await form.getByRole('button', {name: 'Lưu điểm tự chấm'}).click();
        await page.getByText('Đã lưu điểm tự chấm tiêu chí 1.1.3.').waitFor();
    });
    const i111 = await item('1.1.1');
    assert.equal(i111.self.score, 1);
    assert.equal(i111.self.text, 'Kế hoạch số 97/KH-UBND ban hành ngày 15/01/2022, đúng hạn.');
    assert.equal(i111.status, 'complete');
    // Sent side by side, the two files are numbered in the order the server finished them.
    const files = await evidence('1.1.1');
    const [plan, report] = ['Kế hoạch CCHC năm 2022.pdf', 'Báo cáo kết quả thực hiện quý I.docx'].map(n => files.find(f => f.file_name === n));
    assert.deepEqual(files.map(f => [f.file_name, f.round, f.withdrawn]).sort(), [  // the empty file was not stored
        ['Báo cáo kết quả thực hiện quý I.docx', 'self', false], ['Kế hoạch CCHC năm 2022.pdf', 'self', false]]);
    assert.equal(plan.doc_number, '97/KH-UBND');
    assert.equal(plan.issue_date, '2022-01-15');
    assert.equal(plan.page_ref, 'tr. 2, mục II');
    assert.deepEqual(report.history.map(e => e.action), ['upload', 'withdraw', 'restore']);
    const i113 = await item('1.1.3');
    assert.deepEqual([i113.self.score, i113.self.metric_pct, i113.self.suggested], [2, 85, 1]);
    const download = await fetch(`${base}/api/v1/evidence/${plan.id}/content`, {headers: {Authorization: `Bearer ${unit}`}});
    assert.equal(await download.text(), PLAN_PDF);
});

// Holds the browser's requests that matcher picks until the test lets each one go. held lists
// them in the order they arrived; arrivals(n) waits (at most 5 s) until n have arrived;
// release(i) lets the i-th go on to the server and resolves with its answer.
async function holdRequests(page, matcher) {
    const held = [];
    await page.route(matcher, route => new Promise(done => held.push({route, done})));
    return {
        held,
        async arrivals(n) {
            for (const end = Date.now() + 5000; held.length < n && Date.now() < end;) await page.waitForTimeout(20);
            assert.equal(held.length, n, `${held.length} requests sent where ${n} were expected`);
        },
        async release(i) {
            const {route, done} = held[i];
            const finished = page.waitForEvent('requestfinished', r => r === route.request());
            await route.continue();
            done();
            return (await finished).response();
        },
    };
}

// The uploader keeps up to three requests in flight (PARALLEL_UPLOADS in src/web/js/upload.js).
// Five files chosen together, the second one empty (the server refuses it): the test holds each
// request; three are sent at once, the fourth only once one of them has its answer, the fifth
// after that. The refused file keeps its row with "Thử lại"; the four others are stored with the
// batch's metadata. Then a second panel of the same module gets three files whose answers the
// test releases last-sent first, and hands onUploaded what was stored in the chosen order.
test('unit: five files go up three at once; the refused one stays; stored items keep the chosen order', async () => {
    const SUB = '1.2.1';
    const path = `/periods/2022/units/XA16/evidence/${SUB}`;
    const isUpload = url => url.pathname === `/api/v1${path}`;
    const chosen = ['Báo cáo CCHC quý I.pdf', 'Tệp rỗng.pdf', 'Báo cáo CCHC 6 tháng.pdf', 'Báo cáo CCHC quý III.pdf', 'Báo cáo CCHC năm.pdf'];
    const later = ['Công văn gửi báo cáo 1.pdf', 'Công văn gửi báo cáo 2.pdf', 'Công văn gửi báo cáo 3.pdf'];
    const pdf = name => ({name, mimeType: 'application/pdf', buffer: Buffer.from(name === 'Tệp rỗng.pdf' ? '' : `%PDF-1.4 ${name}`)});
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await page.goto(`/#/tu-danh-gia/${SUB}?nam=2022`);
        await waitForPage(page, /^1\.2\.1 /);
        const upload = page.getByRole('form', {name: 'Tải tài liệu kiểm chứng lên'});
        const statuses = async form => (await form.locator('.upload-item .upload-status').allTextContents())
            .map(t => (t.startsWith('Lỗi: ') ? 'Lỗi' : t));
        await upload.getByLabel('Số, ký hiệu').fill('15/BC-UBND');
        await upload.getByLabel('chọn tệp từ máy').setInputFiles(chosen.map(pdf));
        assert.equal(await upload.getByRole('button', {name: /^Bỏ tệp /}).count(), 5);
        const gate = await holdRequests(page, isUpload);
        await upload.getByRole('button', {name: 'Tải lên'}).click();
        await gate.arrivals(3);
        await page.waitForTimeout(500);
        assert.equal(gate.held.length, 3, 'no fourth request while three are unanswered');
        assert.deepEqual(await statuses(upload), ['Đang tải lên…', 'Đang tải lên…', 'Đang tải lên…', 'Chờ tải lên', 'Chờ tải lên']);
        assert.equal(await upload.getByRole('button', {name: /^Bỏ tệp /}).count(), 0, 'the waiting files are part of the batch');
        await gate.release(0);
        await gate.arrivals(4);
        for (const i of [1, 2, 3]) await gate.release(i);
        await gate.arrivals(5);
        await gate.release(4);
        await page.getByText('Đã tải lên 4 tệp; 1 tệp lỗi, bấm "Thử lại" ở từng tệp.').first().waitFor();
        await page.getByRole('alert').filter({hasText: '1/5 tệp chưa tải lên được'}).waitFor();
        await page.unroute(isUpload);
        // Every row stays where it was chosen; only the empty file's failed, with its retry button.
        assert.deepEqual(await upload.locator('.upload-item .file-name').allTextContents(), chosen);
        assert.deepEqual(await statuses(upload), ['Đã tải lên', 'Lỗi', 'Đã tải lên', 'Đã tải lên', 'Đã tải lên']);
        await upload.locator('.upload-item.failed').getByRole('button', {name: 'Thử lại Tệp rỗng.pdf'}).waitFor();
        for (const name of chosen.filter(n => n !== 'Tệp rỗng.pdf')) await page.getByRole('link', {name}).waitFor();

        // What onUploaded gets, from a second panel on the page, when the answers come back reversed.
        await page.evaluate(async path => {
            const {uploadPanel} = await import('/static/js/upload.js');
            window.storedNames = new Promise(resolve => {
                const panel = uploadPanel({path, roundLabel: 'Tự đánh giá', onUploaded: items => resolve(items.map(i => i.file_name))});
                panel.id = 'order-check';
                document.querySelector('main').append(panel);
            });
        }, path);
        const second = page.locator('#order-check');
        await second.getByLabel('chọn tệp từ máy').setInputFiles(later.map(pdf));
        const gate2 = await holdRequests(page, isUpload);
        await second.getByRole('button', {name: 'Tải lên'}).click();
        await gate2.arrivals(3);
        const answered = [];
        for (const i of [2, 1, 0]) answered.push((await (await gate2.release(i)).json())[0].file_name);
        await page.unroute(isUpload);
        assert.deepEqual([...answered].sort(), [...later].sort());
        assert.notDeepEqual(answered, later, 'the answers came back in another order than the files were chosen');
        assert.deepEqual(await page.evaluate(() => window.storedNames), later);
        assert.deepEqual(await statuses(second), ['Đã tải lên', 'Đã tải lên', 'Đã tải lên']);
    });
    // The server numbers the files in the order it stored them; all are there, none twice.
    const files = await evidence(SUB);
    assert.deepEqual(files.map(f => f.file_name).sort(), [...chosen.filter(n => n !== 'Tệp rỗng.pdf'), ...later].sort());
    for (const f of files.filter(f => chosen.includes(f.file_name))) assert.equal(f.doc_number, '15/BC-UBND', f.file_name);
});

test('reviewer: step 1 score with a comment and a supplement request; keys move between items', async () => {
    await enterPhase('step1');
    await withPage(async page => {
        await login(page, ACCOUNTS.reviewer);
        await page.getByRole('navigation', {name: 'Điều hướng chính'}).getByRole('link', {name: 'Thẩm định'}).click();
        await waitForPage(page, 'Thẩm định năm 2022');
        await page.getByRole('heading', {name: /XA16 — UBND xã Phúc Khánh/}).waitFor();
        await screenshots(assert, page, '30-tham-dinh');
        await page.getByRole('link', {name: 'Tiêu chí 1.1.1'}).click();
        await waitForPage(page, /^1\.1\.1 /);
        await page.getByRole('link', {name: 'Kế hoạch CCHC năm 2022.pdf'}).waitFor();
        await page.getByText('Kế hoạch số 97/KH-UBND ban hành ngày 15/01/2022, đúng hạn.').waitFor();
        // The PDF opens beside the scores, its pages drawn by pdf.js: the script inside it (a
        // password prompt) never runs, and the browser's own viewer is never involved (the server
        // no longer sends an uploaded PDF inline).
        const dialogs = [];
        page.on('dialog', d => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
        const preview = page.locator('li.evidence').filter({hasText: 'Kế hoạch CCHC năm 2022.pdf'});
        const [fetched] = await Promise.all([
            page.waitForResponse(r => /\/api\/v1\/evidence\/\d+\/content$/.test(r.url())),
            preview.getByText('Xem tệp PDF').click(),
        ]);
        assert.equal(fetched.status(), 200);
        assert.match(fetched.headers()['content-disposition'], /^attachment; /);
        await preview.getByRole('status').filter({hasText: '1 trang.'}).waitFor();
        const canvas = preview.getByRole('img', {name: 'Trang 1/1'});
        await page.waitForFunction(c => c.width > 0, await canvas.elementHandle());
        // The page's blue rectangle is on the canvas: drawn, not blank.
        await page.waitForFunction(c => {
            const {data} = c.getContext('2d').getImageData(0, 0, c.width, c.height);
            for (let i = 0; i < data.length; i += 4) if (data[i + 2] > 200 && data[i] < 60) return true;
            return false;
        }, await canvas.elementHandle());
        assert.equal(await page.locator('iframe, embed, object').count(), 0);
        await page.waitForTimeout(500);  // time for a script the viewer might have run
        assert.deepEqual(dialogs, []);
        await canvas.scrollIntoViewIfNeeded();
        await screenshots(assert, page, '31-xem-truoc-pdf');

        const step1 = page.getByRole('form', {name: 'Thẩm định bước 1'});
        await step1.getByLabel('Ban hành không kịp thời — 0,5 điểm').check();
        await step1.getByLabel('Nhận xét').fill('Chưa có văn bản chứng minh thời điểm ban hành.');
        await step1.getByRole('button', {name: 'Lưu điểm thẩm định bước 1'}).click();
        await page.getByText('Đã lưu điểm thẩm định bước 1 tiêu chí 1.1.1 của XA16.').waitFor();

        const request = page.getByRole('form', {name: 'Yêu cầu bổ sung'});
        await request.getByRole('button', {name: 'Gửi yêu cầu bổ sung'}).click();
        await request.locator('[data-field="missing"] .field-error').filter({hasText: 'Cần ghi tài liệu còn thiếu'}).waitFor();
        await request.getByLabel('Tài liệu còn thiếu').fill('Quyết định phê duyệt Kế hoạch CCHC năm 2022');
        await request.getByLabel('Lý do').fill('Cần chứng minh kế hoạch ban hành đúng hạn.');
        await request.getByRole('button', {name: 'Gửi yêu cầu bổ sung'}).click();
        await page.getByText('Đã gửi yêu cầu bổ sung tiêu chí 1.1.1 cho XA16.').waitFor();
        await screenshots(assert, page, '31-tham-dinh-tieu-chi');

        await page.locator('main h1').focus();
        await page.keyboard.press('n');
        await waitForPage(page, /^1\.1\.2 /);
        await page.keyboard.press('p');
        await waitForPage(page, /^1\.1\.1 /);
    });
    const i = await item('1.1.1');
    assert.equal(i.step1.score, 0.5);
    assert.equal(i.step1.text, 'Chưa có văn bản chứng minh thời điểm ban hành.');
    assert.equal(i.request.missing, 'Quyết định phê duyệt Kế hoạch CCHC năm 2022');
    assert.equal(i.request.reply, null);
    assert.equal(i.status, 'supplement_requested');
});

test('unit: replies to the request and uploads a supplementary file', async () => {
    await enterPhase('supplement');
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await page.goto('/#/tu-danh-gia');
        await waitForPage(page, 'Tự đánh giá năm 2022');
        await page.getByText('Có 1 tiêu chí thành phần được Tổ thẩm định yêu cầu bổ sung, giải trình.').waitFor();
        await page.getByRole('link', {name: /^1\.1\.1 Ban hành Kế hoạch/}).click();
        await waitForPage(page, /^1\.1\.1 /);
        await page.getByText('Quyết định phê duyệt Kế hoạch CCHC năm 2022').waitFor();
        const reply = page.getByRole('form', {name: 'Giải trình'});
        await reply.getByLabel('Nội dung giải trình').fill('Đơn vị bổ sung Quyết định số 12/QĐ-UBND ngày 10/01/2022 phê duyệt kế hoạch.');
        await reply.getByRole('button', {name: 'Gửi giải trình'}).click();
        await page.getByText('Đã gửi giải trình tiêu chí 1.1.1.').waitFor();

        const upload = page.getByRole('form', {name: 'Tải tài liệu kiểm chứng lên'});
        await upload.getByText('Tệp sẽ được ghi vào vòng "Bổ sung".').waitFor();
        await upload.getByLabel('Số, ký hiệu').fill('12/QĐ-UBND');
        await dropFiles(page, [{name: 'Quyết định phê duyệt kế hoạch.pdf', type: 'application/pdf', text: '%PDF-1.4 Quyết định 12/QĐ-UBND'}]);
        await upload.getByRole('button', {name: 'Tải lên'}).click();
        await page.getByText('Đã tải lên 1 tệp.').first().waitFor();
        await page.getByText('Vòng bổ sung: 1 tệp đang dùng').waitFor();
        await page.locator('.request-box').scrollIntoViewIfNeeded();
        await screenshots(assert, page, '22-giai-trinh');
    });
    const i = await item('1.1.1');
    assert.equal(i.request.reply, 'Đơn vị bổ sung Quyết định số 12/QĐ-UBND ngày 10/01/2022 phê duyệt kế hoạch.');
    assert.equal(i.status, 'replied');
    assert.equal(i.supplement_files, 1);
    const added = (await evidence('1.1.1')).filter(f => f.round === 'supplement');
    assert.deepEqual(added.map(f => [f.file_name, f.new_since_step1, f.doc_number]),
        [['Quyết định phê duyệt kế hoạch.pdf', true, '12/QĐ-UBND']]);
});

test('reviewer: sees what is new since step 1 and scores step 2', async () => {
    await enterPhase('step2');
    await withPage(async page => {
        await login(page, ACCOUNTS.reviewer);
        await page.goto('/#/tham-dinh');
        await waitForPage(page, 'Thẩm định năm 2022');
        const entry = page.locator('.queue li').filter({hasText: 'Tiêu chí 1.1.1'});
        await entry.getByText('Giải trình mới').waitFor();
        await entry.getByText('1 tệp bổ sung mới').waitFor();
        await entry.getByRole('link', {name: 'Tiêu chí 1.1.1'}).click();
        await waitForPage(page, /^1\.1\.1 /);
        await page.getByText('1 tệp bổ sung: Quyết định phê duyệt kế hoạch.pdf.').waitFor();
        await page.locator('.evidence').filter({hasText: 'Quyết định phê duyệt kế hoạch.pdf'}).getByText('Mới sau bước 1').waitFor();
        await page.getByText('Đơn vị bổ sung Quyết định số 12/QĐ-UBND ngày 10/01/2022 phê duyệt kế hoạch.').waitFor();
        const step2 = page.getByRole('form', {name: 'Thẩm định bước 2'});
        await step2.getByLabel('Ban hành kịp thời — 1 điểm').check();
        await step2.getByLabel('Nhận xét').fill('Đã bổ sung quyết định phê duyệt; đạt.');
        await step2.getByRole('button', {name: 'Lưu điểm thẩm định bước 2'}).click();
        await page.getByText('Đã lưu điểm thẩm định bước 2 tiêu chí 1.1.1 của XA16.').waitFor();
        await screenshots(assert, page, '32-tham-dinh-buoc-2');
    });
    const i = await item('1.1.1');
    assert.equal(i.step2.score, 1);
    assert.equal(i.status, 'appraised_step2');
});

test('clerk: the heat map reflects the unit, drills down, and a deadline is extended', async () => {
    const matrix = (await apiGet(base, clerk, '/periods/2022/completeness?unit_type=xa')).body;
    const xa16 = matrix.rows.find(r => r.unit_code === 'XA16');
    const xa01 = matrix.rows.find(r => r.unit_code === 'XA01');
    assert.equal(xa16.summary.counts.appraised_step2, 1);
    assert.equal(xa16.nothing_submitted, false);
    assert.equal(xa01.nothing_submitted, false);  // the demo appraised every commune but XA16
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await page.getByRole('navigation', {name: 'Điều hướng chính'}).getByRole('link', {name: 'Tiến độ'}).click();
        await waitForPage(page, 'Tiến độ năm 2022');
        await page.getByText(`${matrix.rows.length} đơn vị;`).waitFor();
        await page.getByText(`${matrix.rows.filter(r => r.nothing_submitted).length} đơn vị chưa nộp gì`).waitFor();
        // Every cell of XA16 shows the server's done/total and is coloured by its least status.
        for (const [criterion, [done, total, least]] of Object.entries(xa16.cells)) {
            const cell = page.locator(`td[data-unit="XA16"][data-criterion="${criterion}"]`);
            assert.equal(await cell.textContent(), `${done}/${total}`, criterion);
            assert.equal(await cell.getAttribute('data-status'), least, criterion);
            assert.match(await cell.getAttribute('class'), new RegExp(`heat-${least}`));
        }
        const [done, total] = xa16.cells['1.1'];
        assert.ok(done >= 2 && total === 3, `1.1 of XA16: ${done}/${total}`);
        const [done01, total01] = xa01.cells['1.1'];
        assert.equal(await page.locator('td[data-unit="XA01"][data-criterion="1.1"]').textContent(), `${done01}/${total01}`);
        // Units that submitted nothing come first, then the least complete: XA16 (this journey's
        // few items) before XA01 (fully self-assessed by the demo).
        const order = await page.locator('table.heat tbody th a').allTextContents();
        assert.ok(order.findIndex(t => t.startsWith('XA16 ')) < order.findIndex(t => t.startsWith('XA01 ')));
        await screenshots(assert, page, '40-tien-do');

        await page.locator('td[data-unit="XA16"][data-criterion="1.1"] a').click();
        await waitForPage(page, 'Tiến độ: UBND xã Phúc Khánh');
        await page.getByRole('heading', {name: 'Tiêu chí 1.1'}).waitFor();
        const row = page.getByRole('row').filter({hasText: '1.1.1'});
        await row.getByText('Đã chấm bước 2').waitFor();
        await row.getByText('Đã giải trình').waitFor();
        await screenshots(assert, page, '41-tien-do-don-vi');

        await page.goto('/#/tien-do/XA01?nam=2022');
        await waitForPage(page, 'Tiến độ: UBND thị trấn Phố Ràng');
        const f = page.getByRole('form', {name: 'Gia hạn cho đơn vị'});
        await f.getByLabel('Giai đoạn').selectOption('supplement');
        await f.getByRole('button', {name: 'Gia hạn'}).click();
        await f.locator('[data-field="reason"] .field-error').filter({hasText: 'Thiếu lý do'}).waitFor();
        await f.getByLabel('Lý do').fill('Đơn vị bị mất điện kéo dài, đề nghị gia hạn.');
        await f.getByRole('button', {name: 'Gia hạn'}).click();
        await page.getByText(/^Đã gia hạn bổ sung, giải trình cho XA01 đến \d\d:\d\d \d\d\/\d\d\/\d{4}\.$/).waitFor();
        await page.getByRole('cell', {name: 'Đơn vị bị mất điện kéo dài, đề nghị gia hạn.'}).waitFor();
    });
    const xa01Now = (await apiGet(base, clerk, '/periods/2022/units/XA01/assessment')).body;
    assert.equal(xa01Now.extensions.length, 1);
    assert.equal(xa01Now.extensions[0].phase, 'supplement');
    assert.equal(xa01Now.phase, 'supplement', 'the extension reopens the supplement window for XA01 only');
});
