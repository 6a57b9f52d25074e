// The results journey in a real browser, against its own server with the demo data: the clerk
// imports survey points from CSV (a file with bad rows first, refused row by row and storing
// nothing, then a good one after a clean dry run), sees the results table reflect it, downloads
// it as XLSX and CSV, and opens a unit's explanation; SIPAS factors, aggregates and their
// conversion into survey points; the result settings; a unit sees its own explanation and no
// one else's. After each step the server's state is checked through the API.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {
    ACCOUNTS, startServer, launchBrowser, withPage as sharedWithPage, waitForPage, login, go, screenshots,
    apiToken, apiGet, apiSend,
} from './harness.mjs';

let server;
let browser;
let base;
let clerk;  // bearer tokens for checking the server's state
let unit;

// What the pages show: two decimals with a decimal comma.
const vn = n => n.toFixed(2).replace('.', ',');

before(async () => {
    server = await startServer();
    base = server.url;
    browser = await launchBrowser();
    clerk = await apiToken(base, ACCOUNTS.clerk);
    unit = await apiToken(base, ACCOUNTS.unit);
    // The demo reports communes on the appraised part (survey items left out); this journey
    // imports survey points for communes, so they count here.
    const r = await apiSend(base, clerk, 'PUT', '/periods/2022/result-settings/xa', {survey_mode: 'import'});
    assert.equal(r.status, 200);
    baseline = await surveyRows();
});

let baseline;  // the demo's survey rows (the district's)

after(async () => {
    if (browser) await browser.close();
    if (server) assert.equal(await server.stop(), 0, 'the server must stop cleanly (see server-stderr.log)');
});

const withPage = body => sharedWithPage(assert, browser, base, 'results', body);

const surveyRows = async () => (await apiGet(base, clerk, '/periods/2022/survey-scores')).body.rows
    .map(r => [r.unit_code, r.sub_code, r.points, r.source]);
const xaTable = async () => (await apiGet(base, clerk, '/periods/2022/results?unit_type=xa')).body;

test('clerk: a survey CSV with bad rows is refused row by row, then a good one is imported', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await page.getByRole('navigation', {name: 'Điều hướng chính'}).getByRole('link', {name: 'Điều tra XHH, SIPAS'}).click();
        await waitForPage(page, 'Điều tra xã hội học, SIPAS năm 2022');
        const f = page.getByRole('form', {name: 'Nhập điểm điều tra xã hội học'});
        const file = f.getByLabel('Tệp điểm điều tra (.csv)');
        // As Excel in a Vietnamese locale writes it: semicolons, decimal commas, CRLF.
        await file.setInputFiles({name: 'điều tra XHH 2022 (lỗi).csv', mimeType: 'application/vnd.ms-excel',
            buffer: Buffer.from('unit_code;sub_code;pct\r\nXA16;1.7.1;94,29\r\nXX99;1.7.1;50\r\nXA16;1.1.1;50\r\nXA01;1.7.1;120\r\n')});
        await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
        const problems = page.locator('.row-problems li');
        await problems.first().waitFor();
        assert.deepEqual(await problems.evaluateAll(li => li.map(x => x.dataset.row)), ['3', '4', '5']);
        await page.locator('.row-problems li[data-row="3"]').getByText('Không có đơn vị mã "XX99" trong năm 2022').waitFor();
        await page.locator('.row-problems li[data-row="3"]').getByText('XX99;1.7.1;50').waitFor();
        await page.locator('.row-problems li[data-row="4"]').getByText('Tiêu chí 1.1.1 không phải tiêu chí điều tra xã hội học').waitFor();
        await page.locator('.row-problems li[data-row="5"]').getByText(/"120" phải là số từ 0 đến 100/).waitFor();
        await f.locator('[data-field="file"] .field-error').filter({hasText: 'Tệp có 3 dòng lỗi'}).waitFor();
        assert.equal(await f.getByRole('button', {name: 'Nhập chính thức'}).isDisabled(), true);
        assert.ok(page.apiRefusals.some(r => r.startsWith('400 ')), page.apiRefusals.join(', '));
        await page.locator('.problems').scrollIntoViewIfNeeded();
        await screenshots(assert, page, '50-dieu-tra-loi');
        assert.deepEqual(await surveyRows(), baseline, 'a refused file stores nothing');

        await file.setInputFiles({name: 'điều tra XHH 2022.csv', mimeType: 'text/csv',
            buffer: Buffer.from('\uFEFFunit_code;sub_code;pct;points\r\nXA16;1.7.1;94,29;\r\nXA16;8.1.3;;1,5\r\nXA01;1.7.1;50;\r\n')});
        await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
        await f.getByText('Tệp hợp lệ: 3 dòng sẽ được nhập.').waitFor();
        assert.equal(await page.locator('.row-problems').count(), 0);
        const report = page.locator('.import-result table tbody tr');
        assert.deepEqual((await report.first().locator('td').allTextContents()), ['2', 'XA16', '1.7.1', '94,29%', '1,41']);
        assert.deepEqual(await surveyRows(), baseline, 'a dry run stores nothing');
        await f.getByRole('button', {name: 'Nhập chính thức'}).click();
        await page.getByText('Đã nhập 3 dòng điểm điều tra xã hội học.').waitFor();
        await page.getByText(`${baseline.length + 3} điểm của ${new Set(baseline.map(r => r[0])).size + 2} đơn vị (bấm để xem)`).waitFor();
    });
    const added = (await surveyRows()).filter(r => r[0] !== 'BAOYEN').sort();
    assert.deepEqual(added, [['XA01', '1.7.1', 0.75, 'csv'], ['XA16', '1.7.1', 1.41, 'csv'], ['XA16', '8.1.3', 1.5, 'csv']]);
    assert.equal((await surveyRows()).length, baseline.length + 3);
});

test('clerk: the results table reflects the survey, downloads XLSX and CSV, opens a unit', async () => {
    const t = await xaTable();
    const byCode = code => t.units.find(u => u.unit_code === code);
    assert.equal(byCode('XA16').total, 2.91, 'XA16: survey points only (the demo left it for the unit)');
    assert.equal(byCode('XA01').total, Math.round((byCode('XA01').appraised + 0.75) * 100) / 100);
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await page.getByRole('navigation', {name: 'Điều hướng chính'}).getByRole('link', {name: 'Kết quả'}).click();
        await waitForPage(page, 'Kết quả năm 2022');
        assert.equal(await page.getByLabel('Loại đơn vị').inputValue(), 'xa');
        // Every row as the API ranks it, with the decimal comma.
        const rows = page.locator('table.data').filter({hasText: 'Tổng điểm'}).locator('tbody tr');
        assert.equal(await rows.count(), t.units.length);
        for (const [i, u] of t.units.slice(0, 3).entries()) {
            const cells = rows.nth(i).locator('td');
            assert.equal(await cells.nth(0).textContent(), String(u.rank));
            assert.equal(await cells.nth(1).textContent(), u.unit_code);
            assert.equal(await cells.nth(6).textContent(), vn(u.survey));
            assert.equal(await cells.nth(7).textContent(), vn(u.total));
            assert.equal(await cells.nth(8).textContent(), u.index_pct_text.replace('.', ','));
            assert.equal(await cells.nth(9).textContent(), u.grade);
            assert.match(await cells.nth(2).textContent(), new RegExp(`⚠ ${u.flagged_items} tạm tính`));
        }
        assert.equal(await rows.nth(0).locator('td').nth(10).textContent(), `${vn(t.units[0].areas[0].points)} (${t.units[0].areas[0].rank})`, 'area 1: points and rank');
        const yeu = t.summary.grades.find(g => g.grade === 'Yếu');
        const grades = page.locator('.result-summary table tbody tr');
        assert.deepEqual(await grades.filter({hasText: 'Yếu'}).locator('td').allTextContents(), ['Yếu', String(yeu.count), `${yeu.pct_text.replace('.', ',')}%`]);
        await page.getByText(`${t.units.length}/${t.units.length} đơn vị có kết quả tạm tính`).waitFor();
        await page.locator('svg.chart rect.bar').first().waitFor();
        await screenshots(assert, page, '51-ket-qua');

        const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', {name: 'Tải bảng Excel (XLSX)'}).click()]);
        assert.equal(xlsx.suggestedFilename(), 'ket-qua-chi-so-cchc-2022-xa.xlsx');
        const xbytes = readFileSync(await xlsx.path());
        assert.equal(xbytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
        assert.ok(xbytes.length > 4000, `XLSX of ${xbytes.length} bytes`);
        const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', {name: 'Tải tệp CSV'}).click()]);
        assert.equal(csv.suggestedFilename(), 'ket-qua-chi-so-cchc-2022-xa.csv');
        const cbytes = readFileSync(await csv.path());
        assert.deepEqual([...cbytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM for Excel');
        const text = cbytes.toString('utf8');
        assert.match(text, /Xếp hạng,Mã đơn vị,Tên đơn vị/);
        assert.match(text, new RegExp(`\\r\\n${byCode('XA16').rank},XA16,UBND xã Phúc Khánh,`));

        await rows.filter({hasText: 'XA16'}).getByRole('link', {name: 'UBND xã Phúc Khánh'}).click();
        await waitForPage(page, 'Kết quả: UBND xã Phúc Khánh');
        await explanationMatches(page, 'XA16');
        await screenshots(assert, page, '52-ket-qua-don-vi');
    });
});

// The explanation page shows what the API says for each item of `code`.
async function explanationMatches(page, code) {
    const r = (await apiGet(base, clerk, `/periods/2022/units/${code}/results`)).body;
    await page.locator('.result-facts').getByText(`${vn(r.total)}/100`, {exact: true}).waitFor();
    await page.getByText(`${r.rank}/${r.units_ranked} đơn vị cùng loại`).waitFor();
    assert.equal(await page.locator('tr[data-sub]').count(), r.items.length);
    assert.equal(await page.locator('tr.flagged[data-sub]').count(), r.items.filter(i => i.flagged).length);
    const i171 = r.items.find(i => i.code === '1.7.1');
    const row = page.locator('tr[data-sub="1.7.1"]');
    assert.equal(await row.locator('td').nth(6).textContent(), '1,41 (94,29%)');
    assert.equal(await row.locator('td').nth(7).textContent(), '1,41');
    assert.equal(await row.locator('td').nth(8).textContent(), `Điều tra XHH: ${i171.why}`);
    assert.match(await page.locator('tr[data-sub="1.1.1"]').getAttribute('class'), /flagged/);
    const c17 = r.criteria.find(c => c.code === '1.7');
    assert.equal(await page.locator('tr.group-row').filter({hasText: 'Tiêu chí 1.7.'}).textContent(), `Tiêu chí 1.7. ${c17.name}: ${vn(c17.points)}/3`);
}

test('clerk: SIPAS factors, aggregates and their conversion into survey points', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/dieu-tra?nam=2022', 'Điều tra xã hội học, SIPAS năm 2022');
        const factors = page.getByRole('form', {name: 'Các yếu tố SIPAS'});
        const questions = factors.getByLabel('Mã các câu hỏi (cách nhau bằng dấu phẩy)');
        for (let i = 0; i < 4; i += 1) await questions.nth(i).fill(`q${2 * i + 1}, q${2 * i + 2}`);
        await factors.getByRole('button', {name: 'Lưu các yếu tố'}).click();
        await page.getByText('Đã lưu 4 yếu tố SIPAS.').waitFor();

        const f = page.getByRole('form', {name: 'Nhập dữ liệu SIPAS'});
        await f.getByLabel('Loại dữ liệu').selectOption('aggregates');
        await f.getByLabel('Tệp dữ liệu SIPAS (.csv)').setInputFiles({name: 'SIPAS tổng hợp.csv', mimeType: 'text/csv',
            buffer: Buffer.from('unit_code,factor,valid,satisfied\nXA16,TC,4,3\nXA16,TT,2,1\nXA16,CC,2,2\nXA16,KQ,1,1\n')});
        await f.getByRole('button', {name: 'Kiểm tra (chạy thử)'}).click();
        await f.getByText('Tệp hợp lệ: 4 dòng, 1 đơn vị.').waitFor();
        await f.getByRole('button', {name: 'Nhập chính thức'}).click();
        await page.getByText('Đã nhập dữ liệu SIPAS: 4 dòng.').waitFor();
        const result = page.getByRole('row').filter({hasText: 'XA16'});
        await result.getByText('81,25%').waitFor();
        await result.getByText('75,00% (3/4)').waitFor();

        const apply = page.getByRole('form', {name: 'Quy đổi SIPAS thành điểm điều tra'});
        await apply.getByLabel('Tiêu chí điều tra nhận điểm').selectOption('8.1.3');
        await apply.getByRole('button', {name: 'Quy đổi'}).click();
        await apply.getByText('Đã ghi điểm tiêu chí 8.1.3 cho 1 đơn vị từ SIPAS.').waitFor();
        await page.getByRole('heading', {name: 'SIPAS: kết quả'}).evaluate(e => e.scrollIntoView());
        await screenshots(assert, page, '53-sipas');
    });
    const sipas = (await apiGet(base, clerk, '/periods/2022/sipas')).body;
    assert.deepEqual(sipas.factors.map(x => [x.code, x.questions]), [['TC', ['q1', 'q2']], ['TT', ['q3', 'q4']], ['CC', ['q5', 'q6']], ['KQ', ['q7', 'q8']]]);
    assert.equal(sipas.units[0].overall_pct, 81.25);
    assert.deepEqual((await surveyRows()).find(r => r[0] === 'XA16' && r[1] === '8.1.3'), ['XA16', '8.1.3', 1.63, 'sipas']);
    assert.equal((await xaTable()).units.find(u => u.unit_code === 'XA16').total, 3.04);
});

test('unit: sees its own explanation from its home page, and no one else\'s', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.unit);
        await page.getByRole('main').getByRole('link', {name: 'Kết quả của đơn vị'}).click();
        await waitForPage(page, 'Kết quả: UBND xã Phúc Khánh');
        await explanationMatches(page, 'XA16');
        assert.equal(await page.getByRole('link', {name: '← Bảng kết quả'}).count(), 0);
        await screenshots(assert, page, '54-ket-qua-cua-don-vi');

        await page.goto('/#/ket-qua/XA01?nam=2022');
        await waitForPage(page, 'Không tải được trang');
        assert.ok(page.apiRefusals.some(r => r.startsWith('403 ')), page.apiRefusals.join(', '));
        await page.goto('/#/ket-qua?nam=2022');
        await waitForPage(page, 'Không có quyền xem trang này');
    });
    assert.equal((await apiGet(base, unit, '/periods/2022/units/XA16/results')).status, 200);
    assert.equal((await apiGet(base, unit, '/periods/2022/units/XA01/results')).status, 403);
    assert.equal((await apiGet(base, unit, '/periods/2022/results?unit_type=xa')).status, 403);
    const r = await fetch(`${base}/api/v1/periods/2022/results/export?format=csv`, {headers: {Authorization: `Bearer ${unit}`}});
    assert.equal(r.status, 403);
});

test('clerk: result settings: overlapping grades refused next to them, then rescale and dense ties', async () => {
    await withPage(async page => {
        await login(page, ACCOUNTS.clerk);
        await go(page, '/cai-dat-ket-qua?nam=2022&loai=xa', 'Cách xếp hạng, xếp loại năm 2022');
        const f = page.getByRole('form', {name: 'Cách xếp hạng, xếp loại'});
        await f.getByLabel('Khi bằng điểm').selectOption('dense');
        await f.getByLabel('Điểm điều tra xã hội học').selectOption('rescale');
        const max2 = f.getByLabel('Đến dưới (%)').nth(1);
        await max2.fill('90');
        await f.getByRole('button', {name: 'Lưu', exact: true}).click();
        await f.locator('[data-field="grades"] > .field-error').filter({hasText: /^Xếp loại \d: /}).waitFor();
        assert.equal(await max2.inputValue(), '90', 'what was typed stays');
        await max2.fill('85');
        await f.getByRole('button', {name: 'Lưu', exact: true}).click();
        await page.getByText('Đã lưu cách xếp hạng, xếp loại cho UBND cấp xã năm 2022.').waitFor();
        await page.getByText('Đồng hạng, không bỏ hạng (1, 1, 2)').first().waitFor();
        await screenshots(assert, page, '55-cai-dat-ket-qua');
    });
    const s = (await apiGet(base, clerk, '/periods/2022/result-settings/xa')).body;
    assert.deepEqual([s.configured, s.tie_rule, s.survey_mode], [true, 'dense', 'rescale']);
    const t = await xaTable();
    assert.equal(t.max, 70, 'survey items left out: the index is taken on the appraisal part');
    // Dense ranks: 1, 2, 3, … with no gap, one per distinct total.
    const ranks = [...new Set(t.units.map(u => u.rank))];
    assert.deepEqual(ranks, ranks.map((_, i) => i + 1));
    assert.equal(ranks.length, new Set(t.units.map(u => u.total)).size);
});
