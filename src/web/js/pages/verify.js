// Checking a signed PDF (any logged-in user): the file goes as it is to POST /verify, and the
// answer is shown per signature (valid, covers the whole document, signer, signing time), with
// the evidence manifest check and whether these bytes are a document the server stored.
import {h, replace} from '../dom.js';
import {api} from '../api.js';
import {pageTitle} from '../layout.js';
import {field, form, invalid} from '../forms.js';
import {verificationView} from '../documents.js';

export async function render() {
    const result = h('div', {class: 'verify-result', 'aria-live': 'polite'});
    const f = form({
        label: 'Kiểm tra chữ ký số',
        fields: [field({name: 'file', label: 'Tệp PDF cần kiểm tra', type: 'file', required: true,
            hint: 'Tệp không được lưu lại: hệ thống chỉ đọc và trả lời.', attrs: {accept: '.pdf,application/pdf'}})],
        submitLabel: 'Kiểm tra',
        onSubmit: async form => {
            replace(result);
            const file = form.elements.file.files[0];
            if (!file) invalid('Chưa chọn tệp', 'file', 'Chọn tệp PDF');
            const v = await api('POST', '/verify', {body: new Blob([file], {type: 'application/pdf'})});
            replace(result, verificationView(v, file.name));
            result.querySelector('h2').setAttribute('tabindex', '-1');
            result.querySelector('h2').focus();
        },
    });
    f.elements.file.addEventListener('change', () => replace(result));
    return [
        pageTitle('Kiểm tra chữ ký số', 'Chọn một văn bản PDF (phiếu thẩm định, quyết định, báo cáo) để biết chữ ký còn hợp lệ không, ai ký, ký lúc nào, và tài liệu kiểm chứng được trích dẫn có còn như lúc lập văn bản không.'),
        h('section', {class: 'card'}, f),
        result,
    ];
}
