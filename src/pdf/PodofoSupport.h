#pragma once

// Internal to kc_pdf: PoDoFo helpers shared by the layout and signing code.

#include <podofo/podofo.h>

#include <string>
#include <string_view>

namespace kc::pdf {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kA4WidthPt = 210 * kPointsPerMm;
constexpr double kA4HeightPt = 297 * kPointsPerMm;

inline double mmToPt(double mm) {
    return mm * kPointsPerMm;
}
inline double cmToPt(double cm) {
    return cm * 10 * kPointsPerMm;
}

// A PdfString holding UTF-8 text (PoDoFo stores it as UTF-16 and encodes it per font).
inline PoDoFo::PdfString utf8String(std::string_view utf8) {
    std::string copy(utf8);
    return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(copy.c_str()));
}

// "PoDoFo: <error name>: <innermost information>", for messages and PdfFailure.
std::string describe(const PoDoFo::PdfError& error);

// Turns off PoDoFo's debug and log output (it prints to stdout) and builds its global identity
// encoding. Idempotent and thread-safe; every entry point calls it first.
void quietPodofo();

}  // namespace kc::pdf
