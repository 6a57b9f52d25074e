#include "services/CsvTable.h"

#include <algorithm>

#include "core/Text.h"
#include "services/JsonSyntax.h"

namespace kc {

namespace {

// Splits one CSV record (RFC 4180 quoting) starting at pos; advances pos past its line end and
// counts the line ends consumed (a quoted cell may hold some).
std::vector<std::string> csvRecord(std::string_view t, std::size_t& pos, char sep, int& lines) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    while (pos < t.size()) {
        char c = t[pos++];
        if (quoted) {
            if (c == '"' && pos < t.size() && t[pos] == '"') {
                fields.back() += '"';
                ++pos;
            } else if (c == '"') {
                quoted = false;
            } else {
                lines += c == '\n' ? 1 : 0;
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == sep) {
            fields.emplace_back();
        } else if (c == '\n') {
            ++lines;
            break;
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    for (std::string& f : fields) f = text::toNfc(text::trim(f));
    return fields;
}

}  // namespace

std::string CsvTable::cell(const Record& r, const std::string& name) const {
    auto it = columns.find(name);
    return it != columns.end() && it->second < r.cells.size() ? r.cells[it->second]
                                                              : std::string();
}

Result<CsvTable> readCsvTable(std::string_view t, const std::vector<std::string>& required,
                              const std::string& expectedHeader) {
    if (auto line = findInvalidUtf8Line(t))
        return Error::invalid(
            "Tệp CSV không phải UTF-8 (có thể đang là Windows-1258 hoặc TCVN3); "
            "hãy lưu lại dưới dạng CSV UTF-8",
            {{"row " + std::to_string(*line), "Không phải UTF-8"}});
    if (t.substr(0, 3) == "\xEF\xBB\xBF")
        t.remove_prefix(3);
    CsvTable table;
    std::string_view head = t.substr(0, t.find('\n'));
    table.separator = std::count(head.begin(), head.end(), ';') >
                              std::count(head.begin(), head.end(), ',')
                          ? ';'
                          : ',';
    std::size_t pos = 0;
    int line = 1, consumed = 0;
    std::vector<std::string> header = csvRecord(t, pos, table.separator, consumed);
    for (std::size_t i = 0; i < header.size(); ++i) table.columns[header[i]] = i;
    for (const std::string& name : required)
        if (!table.has(name))
            return Error::invalid("Dòng tiêu đề thiếu cột " + name,
                                  {{"row 1", "Cần các cột " + expectedHeader}});
    line += consumed;
    while (pos < t.size()) {
        consumed = 0;
        CsvTable::Record r{line, csvRecord(t, pos, table.separator, consumed)};
        line += consumed;
        if (r.cells.size() == 1 && r.cells[0].empty())
            continue;
        table.records.push_back(std::move(r));
    }
    return table;
}

}  // namespace kc
