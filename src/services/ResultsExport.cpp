#include "services/ResultsExport.h"

#include "services/CsvTable.h"

namespace kc {

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

std::string percentText(int tenths) {
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + "%";
}

}  // namespace

Sheet resultSheet(const ResultTable& t) {
    Sheet s;
    s.name = t.unitType.name;
    s.title = "Kết quả Chỉ số cải cách hành chính năm " + std::to_string(t.year) + " - " +
              t.unitType.name + " (thang điểm " + t.max.toString(true) + ")";
    s.header = {"Xếp hạng", "Mã đơn vị", "Tên đơn vị", "Tự chấm", "Thẩm định bước 1",
                "Thẩm định bước 2 (điểm thẩm định cuối)", "Điểm điều tra XHH", "Tổng điểm",
                "Điểm tối đa", "Chỉ số (%)", "Xếp loại"};
    for (const NodeTotal& a : t.areas) {
        s.header.push_back("LV" + a.code + ". " + a.name + " (" + a.max.toString(true) + ")");
        s.header.push_back("Hạng LV" + a.code);
    }
    if (t.previousYear) {
        s.header.push_back("Chỉ số năm " + std::to_string(*t.previousYear) + " (%)");
        s.header.push_back("Tăng/giảm (%)");
    }
    for (const UnitResult& u : t.units) {
        std::vector<SheetCell> row = {
            SheetCell::of(static_cast<long long>(u.rank)), SheetCell::of(u.unitCode),
            SheetCell::of(u.unitName), SheetCell::of(u.selfTotal), SheetCell::of(u.step1Total),
            SheetCell::of(u.appraised), SheetCell::of(u.survey), SheetCell::of(u.total),
            SheetCell::of(u.max), SheetCell::of(u.indexPct), SheetCell::of(u.grade)};
        for (const NodeTotal& a : u.areas) {
            row.push_back(SheetCell::of(a.points));
            row.push_back(SheetCell::of(static_cast<long long>(a.rank)));
        }
        if (t.previousYear) {
            auto p = t.previous.find(u.unitCode);
            if (p == t.previous.end()) {
                row.push_back(SheetCell::blank());
                row.push_back(SheetCell::blank());
            } else {
                row.push_back(SheetCell::of(p->second.indexPct));
                row.push_back(SheetCell::of(u.indexPct - p->second.indexPct));
            }
        }
        s.rows.push_back(std::move(row));
    }
    return s;
}

Sheet summarySheet(const std::vector<ResultTable>& tables) {
    Sheet s;
    s.name = "Tổng hợp";
    int year = tables.empty() ? 0 : tables.front().year;
    s.title = "Tổng hợp kết quả Chỉ số cải cách hành chính năm " + std::to_string(year);
    s.header = {"Mã loại hình", "Loại hình", "Số đơn vị", "Điểm tối đa", "Điểm trung bình",
                "Chỉ số trung bình (%)", "Xếp loại", "Số đơn vị", "Tỷ lệ", "Cao nhất",
                "Thấp nhất"};
    for (const ResultTable& t : tables)
        for (std::size_t g = 0; g < t.summary.grades.size(); ++g) {
            const GradeCount& c = t.summary.grades[g];
            bool first = g == 0;
            s.rows.push_back(
                {SheetCell::of(t.unitType.code), SheetCell::of(t.unitType.name),
                 first ? SheetCell::of(static_cast<long long>(t.summary.units)) : SheetCell::blank(),
                 first ? SheetCell::of(t.max) : SheetCell::blank(),
                 first ? SheetCell::of(t.summary.averageTotal) : SheetCell::blank(),
                 first ? SheetCell::of(t.summary.averageIndexPct) : SheetCell::blank(),
                 SheetCell::of(c.grade), SheetCell::of(static_cast<long long>(c.count)),
                 SheetCell::of(percentText(c.tenthsPct)),
                 first ? SheetCell::of(join(t.summary.best)) : SheetCell::blank(),
                 first ? SheetCell::of(join(t.summary.worst)) : SheetCell::blank()});
        }
    return s;
}

std::string sheetCsv(const Sheet& sheet) {
    std::string out = "\xEF\xBB\xBF";
    for (std::size_t c = 0; c < sheet.header.size(); ++c)
        out += (c ? "," : "") + csvCell(sheet.header[c], false);
    out += "\r\n";
    for (const auto& row : sheet.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            const SheetCell& cell = row[c];
            if (c)
                out += ',';
            if (cell.number)
                out += cell.number->toString();
            else if (cell.integer)
                out += std::to_string(*cell.integer);
            else
                out += csvCell(cell.text, true);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace kc
