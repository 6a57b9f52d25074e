// What the browser tests share: a real kiemchung server with the demo data in a scratch
// directory, Debian's Chromium driven by playwright-core, and helpers that log in, move between
// pages, take screenshots and collect console errors.
//
// Environment:
//   KC_E2E_BINARY     the kiemchung binary (default: build-test/src/app/kiemchung)
//   KC_E2E_ARTIFACTS  where screenshots and the server log go (default: build-test/e2e-artifacts)
//   KC_E2E_CHROMIUM   the browser (default: /usr/bin/chromium)
import {spawn, spawnSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BINARY = path.resolve(process.env.KC_E2E_BINARY || path.join(ROOT, 'build-test/src/app/kiemchung'));
export const ARTIFACTS = path.resolve(process.env.KC_E2E_ARTIFACTS || path.join(ROOT, 'build-test/e2e-artifacts'));
export const CHROMIUM = process.env.KC_E2E_CHROMIUM || '/usr/bin/chromium';

export const ACCOUNTS = {
    admin: ['admin', 'admin@KiemChung2022'],
    clerk: ['vanthu', 'vanthu@KiemChung2022'],
    reviewer: ['thamdinh', 'thamdinh@KiemChung2022'],
    unit: ['xaphuckhanh', 'xaphuckhanh@KiemChung2022'],
};

export const VIEWPORTS = {desktop: {width: 1366, height: 768}, phone: {width: 390, height: 844}};

// A scratch directory with a fresh copy of config/ and templates/ and the demo data, made by
// `kiemchung init` (which also makes the demo signing keys, storage/keys/*.p12, that documents
// need) and `kiemchung demo`.
export function makeDemoDir() {
    if (!existsSync(BINARY)) throw new Error(`no server binary at ${BINARY}: build it, or set KC_E2E_BINARY`);
    const scratchParent = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
    const dir = mkdtempSync(path.join(scratchParent, 'kc-e2e-'));
    cpSync(path.join(ROOT, 'config'), path.join(dir, 'config'), {recursive: true});
    cpSync(path.join(ROOT, 'templates'), path.join(dir, 'templates'), {recursive: true});  // documents' wording
    mkdirSync(ARTIFACTS, {recursive: true});
    const init = runCommand(dir, ['init']);
    const demo = runCommand(dir, ['demo']);
    writeFileSync(path.join(ARTIFACTS, 'demo.log'), init.stdout + demo.stdout);
    if (init.status !== 0 || demo.status !== 0) throw new Error(`init or demo failed, see ${ARTIFACTS}/demo.log`);
    return dir;
}

function serverEnv(dir) {
    return {...process.env, KC_HTTP_PORT: '0', KC_HTTP_BIND: '127.0.0.1', KC_HTTP_THREADS: '8',
        KC_AUTH_PBKDF2ITERATIONS: '1000', KC_STORAGE_DIR: path.join(dir, 'storage')};
}

// Runs `kiemchung <args>` in dir (made by makeDemoDir) with the server's environment:
// {status, stdout, stderr}.
export function runCommand(dir, args) {
    const r = spawnSync(BINARY, args, {cwd: dir, env: serverEnv(dir), encoding: 'utf8'});
    return {status: r.status, stdout: r.stdout, stderr: r.stderr};
}

// Starts `kiemchung serve` on a free port in dir (default: a new makeDemoDir()).
// Returns {url, dir, pid, exited, stderr(), stop(), kill()}: stop() sends SIGTERM, removes dir
// and resolves to the server's exit code; kill() sends SIGKILL (a crash) and keeps dir, for a
// new startServer(dir) on the same storage; exited resolves to the exit code or signal name.
export async function startServer(dir = makeDemoDir()) {
    const child = spawn(BINARY, ['serve'], {cwd: dir, env: serverEnv(dir), stdio: ['ignore', 'pipe', 'pipe']});
    let stderr = '';
    child.stderr.on('data', d => { stderr += d; });
    const exited = new Promise(resolve => child.on('exit', (code, signal) => resolve(code ?? signal)));
    const url = await new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${out}\n${stderr}`)), 30000);
        child.stdout.on('data', d => {
            out += d;
            const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        exited.then(code => reject(new Error(`server exited (${code}) before listening:\n${out}\n${stderr}`)));
    });
    return {
        url,
        dir,
        pid: child.pid,
        exited,
        stderr: () => stderr,
        async stop() {
            child.kill('SIGTERM');
            const code = await exited;
            writeFileSync(path.join(ARTIFACTS, 'server-stderr.log'), stderr);
            rmSync(dir, {recursive: true, force: true});
            return code;
        },
        async kill() {
            child.kill('SIGKILL');
            return exited;
        },
    };
}

export async function launchBrowser() {
    // playwright's launch() gives the browser a new, empty user-data-dir of its own.
    // Vietnamese browser UI (date inputs as dd/mm/yyyy, "Chọn tệp"), from Debian's chromium-l10n.
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        env: {...process.env, LANGUAGE: 'vi', LANG: 'vi_VN.UTF-8'},
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage', '--lang=vi'],
    });
}

// A fresh context (no cookies) and page, with every console error and uncaught exception
// collected in page.problems. A "Failed to load resource" error for an /api/v1/ response with a
// 4xx status is the browser's own note about an answer the page expects and handles (a wrong
// password, a refused file); it is recorded in page.apiRefusals instead. Every other console
// error fails the test through assertNoProblems, as does a failed request of the page (not of
// the browser's built-in PDF viewer).
export async function newPage(browser, baseURL, viewport = VIEWPORTS.desktop) {
    const context = await browser.newContext({baseURL, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh'});
    context.setDefaultTimeout(10000);
    const page = await context.newPage();
    page.problems = [];
    page.apiRefusals = [];
    page.on('console', msg => {
        if (msg.type() !== 'error') return;
        const where = msg.location().url || '';
        const refused = /^Failed to load resource: the server responded with a status of (4\d\d)/.exec(msg.text());
        if (refused && new URL(where, baseURL).pathname.startsWith('/api/v1/')) {
            page.apiRefusals.push(`${refused[1]} ${where}`);
            return;
        }
        page.problems.push(`console: ${msg.text()} (${where})`);
    });
    page.on('pageerror', e => page.problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', r => {
        page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    return page;
}

export function assertNoProblems(assert, page) {
    assert.deepEqual(page.problems, [], 'console errors or page errors');
}

// Runs body with a fresh page of browser on baseURL, then fails on any console error; on a
// failure saves a full-page screenshot as <failureName>-failure.png in ARTIFACTS. Closes the page.
export async function withPage(assert, browser, baseURL, failureName, body, viewport) {
    const page = await newPage(browser, baseURL, viewport);
    try {
        await body(page);
        assertNoProblems(assert, page);
    } catch (e) {
        await page.screenshot({path: path.join(ARTIFACTS, `${failureName}-failure.png`), fullPage: true}).catch(() => {});
        throw e;
    } finally {
        await page.context().close();
    }
}

// Waits until the router has finished rendering a page whose h1 matches title (string or RegExp).
export async function waitForPage(page, title) {
    await page.locator('main:not([aria-busy]) h1').filter({hasText: title}).first().waitFor();
}

// Opens #<hash> (e.g. "/don-vi") and waits for its h1.
export async function go(page, hash, title) {
    await page.goto(`/#${hash}`);
    await waitForPage(page, title);
}

// Logs in through the form and waits for the home page.
export async function login(page, [username, password]) {
    await page.goto('/#/dang-nhap');
    await waitForPage(page, 'Đăng nhập');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', {name: 'Đăng nhập'}).click();
    await waitForPage(page, `Xin chào, ${username}`);
}

// Saves <name>-desktop.png and <name>-phone.png (1366x768 and 390x844) of the current page and
// checks that the phone layout needs no sideways scrolling. Restores the desktop size.
export async function screenshots(assert, page, name) {
    mkdirSync(ARTIFACTS, {recursive: true});
    for (const [kind, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        await page.evaluate(() => new Promise(requestAnimationFrame));
        await page.screenshot({path: path.join(ARTIFACTS, `${name}-${kind}.png`)});
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} at ${kind}: ${overflow}px wider than the screen`);
    }
    await page.setViewportSize(VIEWPORTS.desktop);
}

// axe-core (an npm devDependency here) checks a page for accessibility: the WCAG 2.0 and 2.1
// rules of levels A and AA. The page's Content-Security-Policy allows scripts from its own
// origin only, so an inline <script> with axe's source (addScriptTag's `content`) is refused;
// instead axe is loaded by a <script src> on the page's own origin, at a path the server does
// not have, which the browser context answers itself with the file from node_modules. The page
// thus runs under its real policy while it is audited.
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_PATH = '/__e2e__/axe.min.js';
const AXE_SOURCE = path.join(ROOT, 'tests/e2e/node_modules/axe-core/axe.min.js');
const axeContexts = new WeakSet();
const SERIOUS = ['serious', 'critical'];

// Runs axe-core on what page shows now and returns the violations of impact "serious" or
// "critical" of the AXE_TAGS rules: [{rule, impact, help, targets: [CSS selector, ...]}],
// empty when there are none. Loads axe into the page first when it is not there yet.
export async function auditAccessibility(page) {
    const context = page.context();
    if (!axeContexts.has(context)) {
        const source = readFileSync(AXE_SOURCE, 'utf8');
        await context.route(url => url.pathname === AXE_PATH,
            route => route.fulfill({status: 200, contentType: 'text/javascript; charset=utf-8', body: source}));
        axeContexts.add(context);
    }
    if (!await page.evaluate(() => typeof window.axe === 'object')) await page.addScriptTag({url: AXE_PATH});
    const violations = await page.evaluate(async tags => {
        const result = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({impact: n.impact, target: n.target.flat().join(' ')}))}));
    }, AXE_TAGS);
    return violations.map(v => ({...v, nodes: v.nodes.filter(n => SERIOUS.includes(n.impact))}))
        .filter(v => v.nodes.length)
        .map(v => ({rule: v.rule, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target)}));
}

// Moves the keyboard focus through the page with Tab (from its first element, at most maxTabs
// times, or until it comes back to an element already seen) and returns each focused element whose focus ring is
// missing, thinner than 2px or of less than 3:1 contrast against the colour behind it (WCAG
// 1.4.11 and 2.4.7): [{target, outline, ratio}]. "Behind" is the nearest background of the
// element's parent, or of the element itself when the ring is drawn inside it (negative offset).
export async function focusRingProblems(page, maxTabs = 60) {
    await page.locator('#skip-link').focus();
    await page.keyboard.press('Shift+Tab');  // out of the page, so that Tab starts at its top
    const problems = [];
    for (let i = 0; i < maxTabs; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(() => {
            const el = document.activeElement;
            if (!el || el === document.body || el.hasAttribute('data-ring-seen')) return null;  // back at the top
            el.setAttribute('data-ring-seen', '');
            const rgba = c => (c.match(/[\d.]+/g) || []).map(Number);
            const background = node => {
                for (let n = node; n; n = n.parentElement) {
                    const [r, g, b, a = 1] = rgba(getComputedStyle(n).backgroundColor);
                    if (a > 0) return [r, g, b];
                }
                return [255, 255, 255];
            };
            const luminance = rgb => rgb.map(v => {
                const c = v / 255;
                return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
            }).reduce((sum, c, k) => sum + c * [0.2126, 0.7152, 0.0722][k], 0);
            const cs = getComputedStyle(el);
            const behind = background(parseFloat(cs.outlineOffset) < 0 ? el : el.parentElement);
            const [hi, lo] = [luminance(rgba(cs.outlineColor).slice(0, 3)), luminance(behind)].sort((a, b) => b - a);
            const text = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || '').trim().slice(0, 40);
            return {target: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} "${text}"`,
                outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
                visible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
                ratio: Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100};
        });
        if (!ring) break;
        if (!ring.visible || ring.ratio < 3) problems.push({target: ring.target, outline: ring.outline, ratio: ring.ratio});
    }
    await page.evaluate(() => document.querySelectorAll('[data-ring-seen]').forEach(el => el.removeAttribute('data-ring-seen')));
    return problems;
}

// A bearer token for direct API checks.
export async function apiToken(baseURL, [username, password]) {
    const r = await fetch(`${baseURL}/api/v1/session`, {method: 'POST', body: JSON.stringify({username, password})});
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
    return (await r.json()).token;
}

export async function apiGet(baseURL, token, p) {
    const r = await fetch(`${baseURL}/api/v1${p}`, {headers: {Authorization: `Bearer ${token}`}});
    return {status: r.status, body: await r.json()};
}

// A JSON request with a bearer token: {status, body} (body null for 204).
export async function apiSend(baseURL, token, method, p, body) {
    const r = await fetch(`${baseURL}/api/v1${p}`, {method, headers: {Authorization: `Bearer ${token}`},
        body: body === undefined ? undefined : JSON.stringify(body)});
    return {status: r.status, body: r.status === 204 ? null : await r.json()};
}

// The demo year is over: opens its self-assessment around now (from yesterday, for 30 days, the
// later phases after it), as the office would, through the API with an office bearer token.
export async function openSelfAssessment(baseURL, token) {
    const iso = ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const now = Date.now();
    const day = 86400000;
    const r = await apiSend(baseURL, token, 'PATCH', '/periods/2022', {self_assessment_opens: iso(now - day),
        self_assessment_closes: iso(now + 30 * day), step1_closes: iso(now + 40 * day),
        supplement_closes: iso(now + 50 * day), step2_closes: iso(now + 60 * day)});
    if (r.status !== 200) throw new Error(`opening self-assessment: ${r.status} ${JSON.stringify(r.body)}`);
}

// A bearer-token request whose body is raw bytes (a PDF to verify): {status, body}.
export async function apiPostBytes(baseURL, token, p, bytes, contentType = 'application/pdf') {
    const r = await fetch(`${baseURL}/api/v1${p}`, {method: 'POST', body: bytes,
        headers: {Authorization: `Bearer ${token}`, 'Content-Type': contentType}});
    return {status: r.status, body: await r.json()};
}

// A one-page PDF (ASCII, so it can travel as text) showing title, whose /OpenAction is a script
// that opens a dialog asking for a password: what a unit's file may hold. A viewer that runs PDF
// scripts shows the dialog; pdf.js, as the web interface uses it, does not.
export function scriptedPdf(title) {
    const content = `BT /F1 28 Tf 60 760 Td (${title}) Tj ET 0 0 1 rg 60 500 300 200 re f`;
    const objects = [
        '<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        "<< /S /JavaScript /JS (app.alert\\('Nhap mat khau de xem tai lieu'\\); app.response\\('Mat khau:'\\);) >>",
        `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ];
    let pdf = '%PDF-1.4\n';
    const offsets = objects.map((body, i) => {
        const at = pdf.length;
        pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
        return at;
    });
    const xref = pdf.length;
    pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const at of offsets) pdf += `${String(at).padStart(10, '0')} 00000 n \n`;
    pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return pdf;
}

// A zip (entries stored, names flagged UTF-8) of files {name: Buffer|string}, for upload tests.
export function makeZip(files) {
    const locals = [];
    const centrals = [];
    let offset = 0;
    for (const [name, content] of Object.entries(files)) {
        const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
        const nameBytes = Buffer.from(name, 'utf8');
        const crc = zlib.crc32(data);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(0x0800, 6);  // names in UTF-8
        local.writeUInt16LE(0, 8);       // stored
        local.writeUInt32LE(0, 10);      // time, date
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(data.length, 18);
        local.writeUInt32LE(data.length, 22);
        local.writeUInt16LE(nameBytes.length, 26);
        local.writeUInt16LE(0, 28);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(20, 4);
        central.writeUInt16LE(20, 6);
        central.writeUInt16LE(0x0800, 8);
        central.writeUInt16LE(0, 10);
        central.writeUInt32LE(0, 12);
        central.writeUInt32LE(crc, 16);
        central.writeUInt32LE(data.length, 20);
        central.writeUInt32LE(data.length, 24);
        central.writeUInt16LE(nameBytes.length, 28);
        central.writeUInt32LE(offset, 42);
        locals.push(local, nameBytes, data);
        centrals.push(central, nameBytes);
        offset += local.length + nameBytes.length + data.length;
    }
    const dir = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Object.keys(files).length, 8);
    end.writeUInt16LE(Object.keys(files).length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, dir, end]);
}

// A datetime-local value in Vietnam time for a moment days from now (at 23:59:59).
export function vnInput(daysFromNow) {
    const d = new Date(Date.now() + daysFromNow * 86400000 + 7 * 3600000);
    return `${d.toISOString().slice(0, 10)}T23:59:59`;
}
