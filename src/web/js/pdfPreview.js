// PDF previews drawn by pdf.js (Debian's libjs-pdf, which the server serves at /vendor/pdfjs/):
// each page is painted on a canvas, so no script inside the PDF runs (the browser's own viewer
// would run it), and the preview works where the browser is set to download PDFs. Pages are
// drawn when they scroll into view and their canvases emptied when they leave it, so a scan of
// hundreds of pages costs the memory of a few.
import {h, replace} from './dom.js';

const PDFJS = '/vendor/pdfjs/';
let library = null;
let worker = null;  // one pdf.js worker for every preview

// pdf.js's UMD build sets globalThis.pdfjsLib; loaded once, on the first preview.
function loadPdfjs() {
    if (!library) library = new Promise((resolve, reject) => {
        const script = h('script', {src: `${PDFJS}pdf.js`});
        script.addEventListener('load', () => {
            const lib = globalThis.pdfjsLib;
            if (!lib) return reject(new Error('pdfjsLib missing'));
            lib.GlobalWorkerOptions.workerSrc = `${PDFJS}pdf.worker.js`;
            resolve(lib);
        });
        script.addEventListener('error', () => reject(new Error('pdf.js not served')));
        document.head.append(script);
    }).catch(error => {
        library = null;  // try again on the next preview (the package may be installed by then)
        throw error;
    });
    return library;
}

function failure(error) {
    if (error?.name === 'PasswordException') return 'Tệp PDF có mật khẩu: hãy tải tệp về để mở.';
    if (error?.name === 'InvalidPDFException') return 'Không đọc được tệp PDF này: hãy tải tệp về để mở.';
    if (error?.status === 401) return 'Phiên đăng nhập đã hết: hãy đăng nhập lại.';
    if (error?.message === 'pdf.js not served' || error?.message === 'pdfjsLib missing')
        return 'Máy chủ chưa cài trình xem PDF (gói libjs-pdf): hãy tải tệp về để xem.';
    return 'Không xem trước được tệp này: hãy tải tệp về để mở.';
}

const shown = new Map();  // box -> {pdf, observer} for every preview open on the page

// Closes the preview in box: its pages' memory, its document in the worker, its canvases.
export function closePdf(box) {
    const open = shown.get(box);
    if (open) {
        shown.delete(box);
        open.observer.disconnect();
        open.pdf.destroy();
    }
    box.replaceChildren();
}

// Previews whose box has left the page (the router drew another page) are closed too.
function closeDetached() {
    for (const box of [...shown.keys()]) if (!box.isConnected) closePdf(box);
}
window.addEventListener('hashchange', () => setTimeout(closeDetached, 1000));

// Fills box with the pages of the PDF at url (fetched with the session cookie, in ranges where
// the server allows it). name labels the pages for screen readers. Never throws: a failure is
// shown in box.
export async function showPdf(box, url, name) {
    closeDetached();
    const status = h('p', {class: 'hint', role: 'status'}, 'Đang mở tệp PDF…');
    const pages = h('div', {class: 'pdf-pages', tabindex: '0', role: 'region', 'aria-label': `Các trang của ${name}`});
    replace(box, status, pages);
    let pdf, ratio;
    try {
        const lib = await loadPdfjs();
        worker ||= new lib.PDFWorker();
        // isEvalSupported: false keeps pdf.js from compiling font programs to JavaScript (the
        // page's Content-Security-Policy forbids it anyway); no scripting is ever set up.
        pdf = await lib.getDocument({url, worker, isEvalSupported: false, enableXfa: false}).promise;
        const first = (await pdf.getPage(1)).getViewport({scale: 1});
        ratio = first.height / first.width;
    } catch (error) {
        pdf?.destroy();
        if (box.contains(status)) status.textContent = failure(error);
        return;
    }
    if (!box.contains(pages)) return pdf.destroy();  // closed while it loaded
    status.textContent = `${pdf.numPages} trang.`;
    const drawn = new Map();  // page number -> its render task while drawn
    const observer = new IntersectionObserver(entries => {
        for (const entry of entries) {
            const canvas = entry.target;
            const number = Number(canvas.dataset.page);
            if (entry.isIntersecting && !drawn.has(number)) drawn.set(number, draw(pdf, number, canvas));
            else if (!entry.isIntersecting && drawn.has(number)) {
                drawn.get(number).then(task => task?.cancel());
                drawn.delete(number);
                canvas.width = 0;  // frees the bitmap; the box keeps its size from CSS
            }
        }
    }, {root: pages, rootMargin: '100% 0px'});
    shown.set(box, {pdf, observer});
    for (let n = 1; n <= pdf.numPages; n++) {
        const canvas = h('canvas', {class: 'pdf-page', width: 0, height: 0, role: 'img', 'aria-label': `Trang ${n}/${pdf.numPages}`, dataset: {page: n}});
        // The first page's shape until the page is drawn (set through the CSSOM, which the
        // Content-Security-Policy allows, unlike a style attribute).
        canvas.style.aspectRatio = `1 / ${ratio}`;
        pages.append(canvas);
        observer.observe(canvas);
    }
}

// Paints page n at the canvas's on-screen width (times the screen's pixel density). Returns the
// render task (null if the page could not be read), so that a page scrolled away can be stopped.
async function draw(pdf, n, canvas) {
    try {
        const page = await pdf.getPage(n);
        const unscaled = page.getViewport({scale: 1});
        const scale = (canvas.clientWidth || 800) * (window.devicePixelRatio || 1) / unscaled.width;
        const viewport = page.getViewport({scale});
        canvas.width = Math.round(viewport.width);
        canvas.height = Math.round(viewport.height);
        canvas.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
        const task = page.render({canvasContext: canvas.getContext('2d'), viewport});
        task.promise.catch(() => {});  // cancelled when scrolled away, or a broken page: left blank
        return task;
    } catch {
        return null;
    }
}
