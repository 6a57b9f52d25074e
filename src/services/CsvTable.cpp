#include "services/CsvTable.h"

#include <algorithm>
#include <optional>

#include "core/ProblemList.h"
#include "core/Text.h"
#include "services/JsonSyntax.h"

namespace kc {

namespace {

// Splits one CSV record (RFC 4180 quoting) starting at pos; advances pos past its line end and
// counts the line ends consumed (a quoted cell may hold some). unclosed: the text ended inside
// a quoted cell.
std::vector<std::string> csvRecord(std::string_view t, std::size_t& pos, char sep, int& lines,
                                   bool& unclosed) {
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
    unclosed = quoted;
    for (std::string& f : fields) f = text::toNfc(text::trim(f));
    return fields;
}

// Cells past the header's columns are refused unless empty: "0,5" unquoted in a comma file
// would otherwise lose its decimals to the next column without a word.
std::optional<ErrorDetail> shapeProblem(const std::vector<std::string>& cells, std::size_t columns,
                                        bool unclosed, char sep, int line) {
    const std::string at = "row " + std::to_string(line);
    if (unclosed)
        return ErrorDetail{at, "Dấu nháy kép (\") mở ô mà không đóng"};
    if (std::any_of(cells.begin() + static_cast<std::ptrdiff_t>(std::min(columns, cells.size())),
                    cells.end(), [](const std::string& c) { return !c.empty(); }))
        return ErrorDetail{at, "Dòng có " + std::to_string(cells.size()) + " ô, nhiều hơn " +
                                   std::to_string(columns) + " cột của dòng tiêu đề" +
                                   (sep == ',' ? " (số có dấu phẩy thập phân phải đặt trong "
                                                 "dấu nháy kép, ví dụ \"0,5\")"
                                               : "")};
    return std::nullopt;
}

}  // namespace

std::string CsvTable::cell(const Record& r, const std::string& name) const {
    auto it = columns.find(name);
    return it != columns.end() && it->second < r.cells.size() ? r.cells[it->second] : std::string();
}

Result<CsvTable> readCsvTable(std::string_view t, const std::vector<std::string>& required,
                              const std::string& expectedHeader) {
    if (t.substr(0, 2) == "\xFF\xFE" || t.substr(0, 2) == "\xFE\xFF")
        return Error::invalid(
            "Tệp CSV đang ở dạng UTF-16 (\"Unicode Text\" của Excel); hãy lưu lại "
            "dưới dạng CSV UTF-8",
            {{"row 1", "Không phải UTF-8"}});
    if (auto line = findInvalidUtf8Line(t))
        return Error::invalid(
            "Tệp CSV không phải UTF-8 (có thể đang là Windows-1258 hoặc TCVN3); "
            "hãy lưu lại dưới dạng CSV UTF-8",
            {{"row " + std::to_string(*line), "Không phải UTF-8"}});
    t = text::withoutBom(t);
    CsvTable table;
    std::string_view head = t.substr(0, t.find('\n'));
    table.separator =
        std::count(head.begin(), head.end(), ';') > std::count(head.begin(), head.end(), ',') ? ';'
                                                                                              : ',';
    std::size_t pos = 0;
    int line = 1, consumed = 0;
    bool unclosed = false;
    std::vector<std::string> header = csvRecord(t, pos, table.separator, consumed, unclosed);
    for (std::size_t i = 0; i < header.size(); ++i)
        if (!table.columns.emplace(header[i], i).second && !header[i].empty())
            return Error::invalid("Dòng tiêu đề có cột " + header[i] + " hai lần",
                                  {{"row 1", "Cần các cột " + expectedHeader}});
    for (const std::string& name : required)
        if (!table.has(name))
            return Error::invalid("Dòng tiêu đề thiếu cột " + name,
                                  {{"row 1", "Cần các cột " + expectedHeader}});
    line += consumed;
    ProblemList problems;
    while (pos < t.size()) {
        consumed = 0;
        CsvTable::Record r{line, csvRecord(t, pos, table.separator, consumed, unclosed)};
        if (auto p = shapeProblem(r.cells, header.size(), unclosed, table.separator, line))
            problems.push_back(*p);
        else if (std::any_of(r.cells.begin(), r.cells.end(), text::hasControlCharacters))
            problems.push_back({"row " + std::to_string(line), "Có ô chứa ký tự điều khiển"});
        else if (std::any_of(r.cells.begin(), r.cells.end(), [](const std::string& c) {
                     return text::characterCount(c) > text::kMaxTextChars;
                 }))
            problems.push_back({"row " + std::to_string(line),
                                "Có ô dài quá " + std::to_string(text::kMaxTextChars) + " ký tự"});
        line += consumed;
        if (r.cells.size() == 1 && r.cells[0].empty())
            continue;
        table.records.push_back(std::move(r));
    }
    if (!problems.empty())
        return problems.invalid("Tệp CSV có " + std::to_string(problems.size()) +
                                " dòng sai cấu trúc; chưa lưu dòng nào");
    return table;
}

std::string csvCell(std::string value, bool text) {
    if (text && !value.empty() &&
        std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
        value.insert(value.begin(), '\'');
    if (value.find_first_of(",;\"\r\n") == std::string::npos)
        return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace kc
