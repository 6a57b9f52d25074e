#pragma once

#include <optional>
#include <string>

#include "core/Clock.h"
#include "core/Points.h"

// How numbers, dates and document numbers are written in Vietnamese official documents
// (Decree 30/2020, DOMAIN.md §5-6). Pure functions; thread-safe.
namespace kc::report {

// "94,29"; an absent score is "-".
std::string points(const std::optional<Points>& p);

// Where a document without a number leaves room for the clerk to write it in: six no-break
// spaces (U+00A0), which the PDF layout keeps where it collapses runs of ordinary spaces.
inline const std::string kNumberBlank = "\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0";

// "Số: 07/QĐ-UBND" (numbers below 10 get a leading zero); without a number the space is left
// blank for the clerk: "Số:" + kNumberBlank + "/QĐ-UBND", printed as "Số:      /QĐ-UBND".
std::string numberLine(std::optional<int> number, const std::string& code);

// The number as running text cites it: "số 07/QĐ-UBND", or "số" + kNumberBlank + "/QĐ-UBND".
std::string numberReference(std::optional<int> number, const std::string& code);

// "Bảo Yên, ngày 02 tháng 02 năm 2023" for the calendar date of t in Vietnam (UTC+7); day and
// month below 10 get a leading zero.
std::string placeDate(const std::string& place, TimePoint t);

// "I", "II", ... for 1..39.
std::string roman(int n);

// "2023-02-02T10:30:00+07:00": ISO 8601 in Vietnam time, as printed on signed documents.
std::string isoVietnam(TimePoint t);

// A document's number and code as cited: "07/QĐ-UBND" (a leading zero below 10). REQUIRES:
// number >= 0 (documents are numbered from 1).
std::string documentReference(int number, const std::string& code);

}  // namespace kc::report
