#pragma once

#include <string>
#include <vector>

#include "core/Result.h"
#include "core/Sheet.h"

namespace kc::office {

// Writes sheets as an XLSX workbook (libxlsxwriter) and returns its bytes: the title in bold on
// row 1, the header in bold with borders on row 3 (frozen), numbers as numbers with two
// decimals ("0.00"), integers as integers, text as UTF-8 strings. libxlsxwriter writes to a
// file only, so the workbook is written to a temporary file in tmpDir and read back.
// Internal when the library fails; throws std::system_error (ENOSPC, EDQUOT or EFBIG) when the
// disk or quota is full. The temporary file is removed in every case.
Result<std::string> writeXlsx(const std::vector<Sheet>& sheets, const std::string& tmpDir);

}  // namespace kc::office
