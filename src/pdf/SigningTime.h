#pragma once

// Internal to kc_pdf: the time formats a signature is shown and stored in.

#include <optional>
#include <string>
#include <string_view>

#include "core/Clock.h"

namespace kc::pdf {

class SigningTime {
public:
    // ISO 8601 with the offset, e.g. "2023-02-02T10:30:00+07:00" (Decree 30 wants ISO 8601).
    static std::string iso(TimePoint t, int utcOffsetMinutes);

    // PDF date string, e.g. "D:20230202103000+07'00'".
    static std::string pdfDate(TimePoint t, int utcOffsetMinutes);

    // Parses a PDF date ("D:YYYYMMDDHHmmSS" followed by Z, +HH'mm' or -HH'mm'; trailing parts
    // may be missing). Empty when malformed.
    static std::optional<TimePoint> parsePdfDate(std::string_view s);
};

}  // namespace kc::pdf
