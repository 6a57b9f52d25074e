// Draft wording for sections IV and V of the annual report from the year's results
// (GET /periods/{year}/results): per unit type the grades, averages and best units; the units
// whose results are provisional or that did not self-assess. The clerk edits it before use.
import {decimalComma} from './format.js';

const joinNames = names => names.join(', ');

export function reportFacts({year, tables}) {
    const assessment = [];
    const directions = [];
    for (const t of tables) {
        if (!t.units.length) continue;
        const name = (t.unit_type.name || t.unit_type.code);
        const grades = t.summary.grades.filter(g => g.count > 0)
            .map(g => `${g.count} đơn vị xếp loại ${g.grade} (${decimalComma(g.pct_text)}%)`).join(', ');
        const best = t.units.filter(u => t.summary.best.includes(u.unit_code)).map(u => u.unit_name);
        assessment.push(`${name}: ${t.units.length} đơn vị, chỉ số trung bình ${decimalComma(t.summary.average_index_pct_text)}%; ${grades}. ` +
            `Dẫn đầu: ${joinNames(best)}.`);
        const weak = t.units.filter(u => u.grade && !['Tốt', 'Khá'].includes(u.grade)).map(u => u.unit_name);
        if (weak.length)
            directions.push(`${name}: ${joinNames(weak)} xây dựng kế hoạch khắc phục các tiêu chí bị trừ điểm năm ${year}, báo cáo kết quả trong năm ${year + 1}.`);
        const provisional = t.units.filter(u => u.flagged_items > 0).map(u => u.unit_name);
        if (provisional.length)
            assessment.push(`Hạn chế: ${provisional.length} đơn vị thuộc nhóm ${name} còn tiêu chí chưa được thẩm định đủ hoặc chưa có điểm điều tra (${joinNames(provisional)}).`);
    }
    directions.push('Tiếp tục nâng cao chất lượng tài liệu kiểm chứng: văn bản có số, ký hiệu, ngày ban hành và trích dẫn đúng trang, mục chứng minh; tự đánh giá, chấm điểm đúng hạn.');
    return {assessment: assessment.join('\n\n'), directions: directions.join('\n\n')};
}
