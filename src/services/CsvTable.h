#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.h"

namespace kc {

// A CSV file as clerks save it from Excel: UTF-8 (a BOM is skipped), comma- or semicolon-
// separated (whichever the header line has more of; Excel in a Vietnamese locale writes ';'),
// RFC 4180 quoting, CRLF or LF line ends. Cells are trimmed and NFC-normalised.
struct CsvTable {
    char separator = ',';
    std::map<std::string, std::size_t> columns;  // header name -> index

    struct Record {
        int line = 0;  // 1-based line in the file (the header is line 1)
        std::vector<std::string> cells;
    };
    std::vector<Record> records;  // blank lines skipped

    // The cell of column name in r, "" when the column or cell is missing.
    std::string cell(const Record& r, const std::string& name) const;
    bool has(const std::string& name) const { return columns.count(name) > 0; }
};

// Reads text. InvalidInput, naming the line, when it is not UTF-8 (e.g. Windows-1258 or TCVN3
// from an old Excel): "hãy lưu lại dưới dạng CSV UTF-8"; when a required column is missing
// from the header or a column is named twice (the message lists expectedHeader); or, naming
// every such row, when a row has non-empty cells past the header's columns (an unquoted
// decimal comma in a comma file), the text ends inside a quoted cell, or a cell holds a control
// character or more than text::kMaxTextChars characters.
Result<CsvTable> readCsvTable(std::string_view text, const std::vector<std::string>& required,
                              const std::string& expectedHeader);

// One cell of a CSV file written for Excel: RFC 4180 quoting when it holds , ; " CR or LF (the
// ";" because Excel set to Vietnamese splits a CSV at ";", so "x;=HYPERLINK(…)" unquoted would
// become a cell of its own starting with "="). Text a person typed (text = true) that a
// spreadsheet would run as a formula (starting with = + - @ tab or CR: "=HYPERLINK(…)") gets an
// apostrophe in front.
std::string csvCell(std::string value, bool text);

}  // namespace kc
