#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Points.h"

namespace kc {

// A cell of an exported table: text, an exact decimal (written with two decimals) or an
// integer. Exactly one is meant to be set; an empty cell has none.
struct SheetCell {
    std::string text;
    std::optional<Points> number;
    std::optional<long long> integer;

    static SheetCell of(std::string t) { return {std::move(t), std::nullopt, std::nullopt}; }
    static SheetCell of(Points p) { return {{}, p, std::nullopt}; }
    static SheetCell of(long long i) { return {{}, std::nullopt, i}; }
    static SheetCell blank() { return {}; }
};

// A table with a title, a header row and data rows, as exported to CSV or XLSX.
struct Sheet {
    std::string name;   // sheet name (at most 31 characters in XLSX)
    std::string title;  // a line above the header
    std::vector<std::string> header;
    std::vector<std::vector<SheetCell>> rows;
};

}  // namespace kc
