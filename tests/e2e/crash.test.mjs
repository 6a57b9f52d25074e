// Crashes in the middle of uploads, with their own servers and no browser (docs/storage.md,
// "Atomicity"). Three tests:
// - At random moments: the unit's uploads run from three clients at once (one file per request,
//   several files per request including a 3 MiB one that is hashed on the server's second
//   thread, and zip imports) while the server is killed with SIGKILL; the server is started
//   again on the same storage, six times over. Then every upload the server answered 201 is
//   there with its bytes, every request cut off by the crash is there whole or not at all, every
//   evidence row has its `evidence.upload` audit entry and no other, the audit chain is intact
//   and `kiemchung verify` finds nothing missing or corrupt (orphans, files committed just
//   before a crash and before their rows, are allowed). Last, a 64 MiB upload is cut off after
//   its first bytes reached storage/tmp/: the temporary file it leaves is deleted by the next
//   server once it is a day old (back-dated here), and not before.
// - At each step of a commit: strace kills the server as the request thread enters a chosen
//   system call (the file's fsync, the rename, the directory's fsync, the first write of the
//   transaction, its flush; for a batch of three files the two syncfs and the second rename).
//   After each, `verify` finds exactly the orphans that step leaves, the files are listed only
//   if the transaction was written, and the same upload sent again is stored whole.
// - The order of the flushes (what a kill cannot show, a power cut would): strace -f -y records
//   one upload of one file and one of three, and the request thread must flush the data, rename,
//   flush the names, write and flush the transaction, and only then answer 201.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import {spawn, spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {ACCOUNTS, makeDemoDir, startServer, runCommand, apiToken, apiGet, makeZip, openSelfAssessment} from './harness.mjs';

const YEAR = 2022;
const UNIT = 'XA16';
const SUBS = ['1.1.1', '1.1.2', '1.1.3', '1.2.1'];
const sha256 = bytes => crypto.createHash('sha256').update(bytes).digest('hex');

let server;  // the running one, whichever test started it

// Starts a server on a new demo directory, to be stopped when test t ends (it must exit cleanly:
// under ASan, no leaks), and opens self-assessment around now (the demo year is over). Returns
// {dir, storage, clerk, unit}: the bearer tokens stay valid across restarts, as sessions live
// in the database.
async function startUploadServer(t) {
    t.after(async () => {
        const last = server;
        server = undefined;
        if (last) assert.equal(await last.stop(), 0, 'the last server must stop cleanly');
    });
    const dir = makeDemoDir();
    server = await startServer(dir);
    const clerk = await apiToken(server.url, ACCOUNTS.clerk);
    await openSelfAssessment(server.url, clerk);
    return {dir, storage: path.join(dir, 'storage'), clerk, unit: await apiToken(server.url, ACCOUNTS.unit)};
}

// A file that looks like a scanned PDF: a PDF header, then random bytes (unique content).
function pdfBytes(size) {
    const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
    return Buffer.concat([head, crypto.randomBytes(size - head.length)]);
}

// Each request the clients send: {id, kind, files: [{name, sha256, size}], outcome}, outcome
// 'stored' (201), 'refused' (another status) or 'cut' (no answer: the crash).
const requests = [];

async function send(url, token, form) {
    const r = await fetch(url, {method: 'POST', headers: {Authorization: `Bearer ${token}`}, body: form});
    return {status: r.status, body: await r.json()};
}

// One client: requests of one kind, one after the other, until the connection is refused.
async function client(base, token, kind, round) {
    for (let n = 0; ; n++) {
        const sub = SUBS[n % SUBS.length];
        const id = `r${round} ${kind} ${n}`;
        const form = new FormData();
        const files = [];
        const add = (name, bytes) => {
            files.push({name, sha256: sha256(bytes), size: bytes.length});
            form.append('file', new Blob([bytes]), name);
        };
        let url = `${base}/api/v1/periods/${YEAR}/units/${UNIT}/evidence/${sub}`;
        if (kind === 'single') {
            add(`Kế hoạch ${id}.pdf`, pdfBytes(20000 + n));
        } else if (kind === 'batch') {
            for (let i = 0; i < 4; i++) add(`Báo cáo ${id} tệp ${i}.pdf`, pdfBytes(i === 0 ? 3 << 20 : 30000 + i));
        } else {
            const entries = {};
            for (let i = 0; i < 3; i++) {
                const bytes = pdfBytes(10000 + i);
                const name = `${SUBS[i]} Hồ sơ/Quyết định ${id} mục ${i}.pdf`;
                entries[name] = bytes;
                files.push({name: path.posix.basename(name), sha256: sha256(bytes), size: bytes.length});
            }
            form.append('archive', new Blob([makeZip(entries)]), `hồ sơ ${id}.zip`);
            url = `${base}/api/v1/periods/${YEAR}/units/${UNIT}/evidence-archive`;
        }
        const request = {id, kind, files, outcome: 'cut'};
        requests.push(request);
        try {
            const r = await send(url, token, form);
            request.outcome = r.status === 201 ? 'stored' : 'refused';
            request.answer = r;
        } catch {
            return;  // the server is gone
        }
    }
}

// Starts a 64 MiB upload and resolves once its first 8 MiB are in a temporary file; the
// request stays open (the rest is never sent).
async function startLargeUpload(base, token, storage) {
    const boundary = 'kc-crash-test';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
        `filename="Bản đồ số hóa lớn.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const size = 64 << 20;
    const req = http.request(`${base}/api/v1/periods/${YEAR}/units/${UNIT}/evidence/1.1.1`, {method: 'POST',
        headers: {Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Content-Length': head.length + size + `\r\n--${boundary}--\r\n`.length}});
    req.on('error', () => {});  // the crash resets it
    req.write(head);
    req.write(pdfBytes(16 << 20));
    for (let waited = 0; waited < 30000; waited += 50) {
        const parts = tempFiles(storage).filter(f => f.endsWith('.part') && statSync(f).size >= (8 << 20));
        if (parts.length) return parts;
        await sleep(50);
    }
    throw new Error('the large upload never reached storage/tmp/');
}

// The number on a line "<title>: <n>" of `kiemchung verify`'s report.
const count = (report, title) => Number(new RegExp(`^${title}: (\\d+)$`, 'm').exec(report)?.[1]);

const tempFiles = storage => readdirSync(path.join(storage, 'tmp')).map(f => path.join(storage, 'tmp', f));

test('a server killed during uploads keeps every answered upload and no part of a cut one', async t => {
    const {dir, storage, clerk, unit} = await startUploadServer(t);

    for (let round = 0; round < 6; round++) {
        const clients = ['single', 'batch', 'archive'].map(kind => client(server.url, unit, kind, round));
        await sleep(300 + Math.floor(Math.random() * 900));
        await server.kill();
        await Promise.all(clients);
        server = await startServer(dir);
    }

    const byOutcome = o => requests.filter(r => r.outcome === o);
    assert.deepEqual(byOutcome('refused').map(r => [r.id, r.answer]), [], 'no upload is refused');
    assert.ok(byOutcome('stored').length >= 6, `${byOutcome('stored').length} uploads answered before the crashes`);

    const listed = await apiGet(server.url, clerk, `/periods/${YEAR}/units/${UNIT}/evidence`);
    assert.equal(listed.status, 200);
    const rows = new Map();  // file name -> rows with that name
    for (const e of listed.body) rows.set(e.file_name, [...(rows.get(e.file_name) ?? []), e]);
    let cutAndStored = 0;
    for (const r of requests) {
        const found = r.files.map(f => rows.get(f.name) ?? []);
        const present = found.filter(list => list.length > 0).length;
        if (r.outcome === 'stored') assert.equal(present, r.files.length, `${r.id}: answered 201, every file is listed`);
        else assert.ok(present === 0 || present === r.files.length, `${r.id}: cut off, ${present} of ${r.files.length} files listed`);
        if (present > 0 && r.outcome === 'cut') cutAndStored++;
        r.files.forEach((f, i) => {
            if (!found[i].length) return;
            assert.equal(found[i].length, 1, `${r.id}: ${f.name} listed once`);
            assert.equal(found[i][0].sha256, f.sha256, `${r.id}: ${f.name} has the bytes sent`);
            assert.equal(found[i][0].size, f.size);
        });
    }
    // Every file the clients sent that is listed is served back intact.
    const sent = new Set(requests.flatMap(r => r.files.map(f => f.name)));
    for (const e of listed.body.filter(e => sent.has(e.file_name))) {
        const got = await fetch(`${server.url}/api/v1/evidence/${e.id}/content`, {headers: {Authorization: `Bearer ${clerk}`}});
        assert.equal(got.status, 200);
        assert.equal(sha256(Buffer.from(await got.arrayBuffer())), e.sha256, `${e.file_name} downloads intact`);
    }
    t.diagnostic(`${requests.length} requests: ${byOutcome('stored').length} answered, ` +
        `${byOutcome('cut').length} cut off (${cutAndStored} of them stored whole)`);

    // Each row has exactly one evidence.upload audit entry, and each such entry its row.
    const uploads = [];
    for (let after = 0; ;) {
        const page = await apiGet(server.url, clerk, `/audit?after_id=${after}&limit=1000`);
        assert.equal(page.status, 200);
        if (!page.body.length) break;
        uploads.push(...page.body.filter(a => a.action === 'evidence.upload').map(a => String(a.entity_id)));
        after = page.body.at(-1).id;
    }
    assert.deepEqual(uploads.sort(), listed.body.map(e => String(e.id)).sort());

    // The last crash cuts off a large upload after its first bytes reached storage/tmp/.
    // Earlier crashes may have left temporary files too: they are recent, so they stay.
    writeFileSync(path.join(storage, 'tmp', 'left-a-minute-ago.part'), 'x');
    const recent = tempFiles(storage);
    const left = await startLargeUpload(server.url, unit, storage);
    await server.kill();
    const dayOld = (Date.now() - 25 * 3600 * 1000) / 1000;
    for (const f of left) utimesSync(f, dayOld, dayOld);

    assert.equal(runCommand(dir, ['verify-audit']).status, 0, 'the audit chain is intact');
    const verify = runCommand(dir, ['verify']);
    assert.equal(count(verify.stdout, 'missing'), 0, verify.stdout);
    assert.equal(count(verify.stdout, 'corrupt'), 0, verify.stdout);
    assert.match(verify.stdout, /stale temporary files \(not an error\)/, 'verify lists the day-old temporary file');

    server = await startServer(dir);
    const swept = /removed 1 temporary file\(s\) older than a day/;
    for (let waited = 0; waited < 10000 && !swept.test(server.stderr()); waited += 50) await sleep(50);
    assert.deepEqual(tempFiles(storage).sort(), recent.sort(), 'the day-old temporary file is swept, recent ones kept');
    assert.match(server.stderr(), swept);
    const again = await apiGet(server.url, clerk, `/periods/${YEAR}/units/${UNIT}/evidence?sub=1.1.1`);
    assert.ok(!again.body.some(e => e.file_name === 'Bản đồ số hóa lớn.pdf'), 'the cut-off upload stored nothing');
});

// Attaches `strace -f` with these options to every thread of the server; resolves to the strace
// process once it has attached. Its exit promise is strace.done.
async function attachStrace(pid, options) {
    const strace = spawn('strace', ['-f', '-p', String(pid), ...options], {stdio: ['ignore', 'ignore', 'pipe']});
    strace.done = new Promise(resolve => strace.on('exit', resolve));
    let said = '';
    await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`strace did not attach in 10 s: ${said}`)), 10000);
        strace.stderr.on('data', d => {
            said += d;
            if (/attached/.test(said)) {
                clearTimeout(timer);
                resolve();
            }
        });
        strace.on('error', reject);
        strace.on('exit', code => reject(new Error(`strace exited (${code}): ${said}`)));
    });
    return strace;
}

// Kills the server as one of its threads enters the `when`th call of `syscall` since now (strace
// counts per thread; the call itself does not run, SIGKILL stops the thread first).
const armCrash = (pid, syscall, when) => attachStrace(pid, ['-o', '/dev/null', '-e', `trace=${syscall}`,
    '-e', `inject=${syscall}:signal=SIGKILL:when=${when}`]);

const NEEDS_STRACE = {skip: spawnSync('strace', ['-V']).error && 'strace is not installed (scripts/install-deps.sh installs it)'};

// Each point of the commit where the crash comes, as the request thread reaches it (strace -f
// of one upload shows the order), and what must be found afterwards: the request's files listed
// or not, and how many committed blobs no row refers to (orphans).
const CRASH_POINTS = [
    {files: 1, syscall: 'fsync', when: 1, where: 'before the file is flushed', listed: false, orphans: 0},
    {files: 1, syscall: 'renameat2', when: 1, where: 'before the rename', listed: false, orphans: 0},
    {files: 1, syscall: 'fsync', when: 2, where: 'after the rename, before its directory is flushed', listed: false, orphans: 1},
    {files: 1, syscall: 'pwrite64', when: 1, where: 'before the transaction is written', listed: false, orphans: 1},
    {files: 1, syscall: 'fdatasync', when: 1, where: 'after the transaction is written, before it is flushed', listed: true, orphans: 0},
    {files: 3, syscall: 'syncfs', when: 1, where: 'before the batch is flushed', listed: false, orphans: 0},
    {files: 3, syscall: 'renameat2', when: 2, where: 'between two renames of a batch', listed: false, orphans: 1},
    {files: 3, syscall: 'syncfs', when: 2, where: 'after the renames, before they are flushed', listed: false, orphans: 3},
    {files: 3, syscall: 'fdatasync', when: 1, where: 'after the batch transaction is written', listed: true, orphans: 0},
];

test('a crash at each step of a commit leaves the whole upload or none of it', NEEDS_STRACE, async t => {
    const {dir, clerk, unit} = await startUploadServer(t);
    const upload = form => fetch(`${server.url}/api/v1/periods/${YEAR}/units/${UNIT}/evidence/1.1.2`,
        {method: 'POST', headers: {Authorization: `Bearer ${unit}`}, body: form});
    const listedNames = async () => (await apiGet(server.url, clerk, `/periods/${YEAR}/units/${UNIT}/evidence?sub=1.1.2`)).body.map(e => e.file_name);

    for (const [i, point] of CRASH_POINTS.entries()) {
        const what = `${point.syscall} #${point.when}, ${point.where}`;
        const files = Array.from({length: point.files}, (_, k) => ({name: `Điểm ${i} tệp ${k}.pdf`, bytes: pdfBytes(40000 + k)}));
        const form = () => {
            const f = new FormData();
            for (const file of files) f.append('file', new Blob([file.bytes]), file.name);
            return f;
        };
        const strace = await armCrash(server.pid, point.syscall, point.when);
        const answer = await upload(form()).then(r => r.status, () => 'no answer');
        assert.equal(answer, 'no answer', `${what}: the crash point was reached`);
        assert.equal(await server.exited, 'SIGKILL', what);
        await strace.done;

        const report = runCommand(dir, ['verify']).stdout;
        assert.equal(count(report, 'missing'), 0, `${what}:\n${report}`);
        assert.equal(count(report, 'corrupt'), 0, `${what}:\n${report}`);
        assert.equal(count(report, 'orphan'), point.orphans, `${what}:\n${report}`);
        assert.equal(runCommand(dir, ['verify-audit']).status, 0, `${what}: the audit chain is intact`);

        server = await startServer(dir);
        const names = await listedNames();
        for (const file of files)
            assert.equal(names.filter(n => n === file.name).length, point.listed ? 1 : 0, `${what}: ${file.name}`);
        if (point.listed) continue;
        // Sent again, the upload is stored whole, and its orphans are orphans no more.
        const again = await upload(form());
        assert.equal(again.status, 201, `${what}: sent again`);
        const stored = await again.json();
        assert.deepEqual(stored.map(e => e.sha256), files.map(f => sha256(f.bytes)));
        for (const e of stored) {
            const got = await fetch(`${server.url}/api/v1/evidence/${e.id}/content`, {headers: {Authorization: `Bearer ${clerk}`}});
            assert.equal(sha256(Buffer.from(await got.arrayBuffer())), e.sha256, `${what}: ${e.file_name} downloads intact`);
        }
        const after = runCommand(dir, ['verify']).stdout;
        assert.equal(count(after, 'orphan'), 0, `${what}, sent again:\n${after}`);
        assert.equal(count(after, 'missing') + count(after, 'corrupt'), 0, `${what}, sent again:\n${after}`);
    }
});

// What the request thread of one upload did, in order, from a `strace -f -y` log: each call's
// name and the file it named (-y prints a descriptor's path), for the calls that matter to
// durability, and `reply` for the response's first bytes.
function durabilitySteps(log, storage) {
    const calls = log.split('\n').map(line => /^(\d+) +(\w+)\((.*)$/.exec(line)).filter(Boolean);
    const thread = calls.find(([, , name]) => name === 'fdatasync')?.[1];
    const where = text => text.startsWith(storage) ? path.relative(storage, text) : text;
    const steps = [];
    for (const [, tid, name, rest] of calls) {
        if (tid !== thread) continue;
        const file = /^\d+<([^>]*)>/.exec(rest)?.[1];
        if (name === 'renameat2') {
            const [from, to] = [...rest.matchAll(/"([^"]*)"/g)].map(m => where(m[1]));
            steps.push(`rename ${from.replace(/[^/]*$/, '*')} -> ${to.replace(/[^/]*$/, '*')}`);
        } else if (/^(sendto|write|writev|sendmsg)$/.test(name) && /"HTTP\/1\.1 \d+/.test(rest)) {
            steps.push(`reply ${/"HTTP\/1\.1 (\d+)/.exec(rest)[1]}`);
        } else if (name === 'pwrite64' && file?.endsWith('-wal')) {
            if (steps.at(-1) !== 'write WAL') steps.push('write WAL');
        } else if (/^(fsync|fdatasync|syncfs)$/.test(name) && file) {
            steps.push(`${name} ${where(file).replace(/[0-9a-f]{32}\.part$/, '*.part')}`);
        }
    }
    return steps;
}

test('each step of a commit is flushed before the next relies on it, and the 201 comes last', NEEDS_STRACE, async t => {
    const {dir, storage, unit} = await startUploadServer(t);
    const traced = async files => {
        const log = path.join(dir, 'strace.log');
        const strace = await attachStrace(server.pid, ['-y', '-s', '24', '-o', log,
            '-e', 'trace=fsync,fdatasync,syncfs,renameat2,pwrite64,sendto,sendmsg,write,writev']);
        const form = new FormData();
        for (const [name, bytes] of files) form.append('file', new Blob([bytes]), name);
        const r = await fetch(`${server.url}/api/v1/periods/${YEAR}/units/${UNIT}/evidence/1.1.3`,
            {method: 'POST', headers: {Authorization: `Bearer ${unit}`}, body: form});
        assert.equal(r.status, 201, await r.text());
        strace.kill('SIGINT');  // detaches
        await strace.done;
        return durabilitySteps(readFileSync(log, 'utf8'), storage);
    };

    const single = await traced([['Kế hoạch một tệp.pdf', pdfBytes(30000)]]);
    t.diagnostic(`one file: ${single.join(' → ')}`);
    // The file's data, its new name, that name's directory (and the one above when the leaf
    // directory is new), then the row, its flush, and only then the answer.
    const leaf = /-> (blobs\/[0-9a-f]{2}\/[0-9a-f]{2})\/\*$/.exec(single[1] ?? '')?.[1] ?? '?';
    const above = `fsync ${path.posix.dirname(leaf)}`;
    assert.deepEqual(single.filter(step => step !== above), ['fsync tmp/*.part', `rename tmp/* -> ${leaf}/*`,
        `fsync ${leaf}`, 'write WAL', 'fdatasync kiemchung.db-wal', 'reply 201']);
    assert.ok([-1, 3].includes(single.indexOf(above)), single.join('\n'));

    const batch = await traced([0, 1, 2].map(k => [`Báo cáo ${k}.pdf`, pdfBytes(31000 + k)]));
    t.diagnostic(`three files: ${batch.join(' → ')}`);
    // Every file's data (one syncfs), the three names, the names (another syncfs), the rows.
    const rename = 'rename tmp/* -> blobs/…/*';
    assert.deepEqual(batch.map(step => step.replace(/blobs\/[0-9a-f]{2}\/[0-9a-f]{2}/, 'blobs/…')), ['syncfs blobs',
        rename, rename, rename, 'syncfs blobs', 'write WAL', 'fdatasync kiemchung.db-wal', 'reply 201']);
});
