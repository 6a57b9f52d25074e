// A unit's own appraisal sheets of a year (the API lists a unit only its own), with downloads.
import {h, section} from '../dom.js';
import {get} from '../api.js';
import {pageTitle, alertBox} from '../layout.js';
import {loadPeriods, chosenYear, yearPicker} from '../data.js';
import {documentTable} from '../documents.js';

export async function render() {
    const [[unit], periods] = await Promise.all([get('/units'), loadPeriods()]);
    if (!unit) return [pageTitle('Phiếu thẩm định'), alertBox('warn', 'Tài khoản chưa gắn với đơn vị nào.')];
    const year = chosenYear(periods);
    if (!year) return [pageTitle('Phiếu thẩm định'), alertBox('info', 'Chưa có kỳ đánh giá nào.')];
    const {documents} = await get(`/periods/${year}/documents`);
    return [
        pageTitle(`Phiếu thẩm định năm ${year}`, `${unit.name} (${unit.code}). Phiếu do Văn phòng lập và ký số: điểm tự chấm, điểm thẩm định từng tiêu chí thành phần và tài liệu kiểm chứng được trích dẫn.`),
        yearPicker(periods, year),
        section(`Phiếu thẩm định của đơn vị (${documents.length})`,
            documentTable(documents, {empty: `Văn phòng chưa lập phiếu thẩm định nào cho đơn vị năm ${year}.`}),
            h('p', {class: 'hint'}, 'Muốn biết một tệp PDF có đúng là bản đã ký, chưa bị sửa: mở trang ',
                h('a', {href: '#/kiem-tra-chu-ky'}, 'Kiểm tra chữ ký'), '.')),
    ];
}
