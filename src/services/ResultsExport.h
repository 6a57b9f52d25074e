#pragma once

#include <string>
#include <vector>

#include "core/Sheet.h"
#include "services/ResultsService.h"

namespace kc {

// The results table of one unit type as a sheet: one row per unit in rank order with code,
// name, self-score, step-1 and final appraised points, survey points, total, maximum, index %,
// rank, grade, each area's points and rank, and last period's index and the change where known.
Sheet resultSheet(const ResultTable& t);

// The summary sheet of a period: per unit type, the number of units, average total and index,
// units per grade (count and share), best and worst units.
Sheet summarySheet(const std::vector<ResultTable>& tables);

// The sheet as CSV for Excel: UTF-8 with a BOM, comma-separated, CRLF line ends, RFC 4180
// quoting, numbers with a decimal point and two decimals, text a spreadsheet would run as a
// formula behind an apostrophe (csvCell); the title is not written.
std::string sheetCsv(const Sheet& sheet);

}  // namespace kc
