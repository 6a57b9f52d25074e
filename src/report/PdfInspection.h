#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Clock.h"
#include "core/Result.h"

namespace kc::report {

// One signature of a PDF as a reader needs to know it.
struct SignatureCheck {
    std::string fieldName;
    std::string subFilter;
    bool valid = false;                // the digest verifies over the signed byte range
    bool coversWholeDocument = false;  // no bytes were appended after this signature
    bool signingCertificateBound = false;
    std::string signerSubject;  // "CN=…, O=…"
    std::string signerCommonName;
    std::optional<TimePoint> signingTime;
    std::string problem;  // why it is not valid; empty otherwise
};

struct PdfInspection {
    std::vector<SignatureCheck> signatures;  // in field order; empty for an unsigned PDF
    std::optional<std::string> manifest;     // the embedded manifest.json, if any
};

// Checks every signature of pdf (no trust store: certificates are reported, not trusted) and
// extracts its manifest. Errors: InvalidInput when pdf is not a readable PDF.
Result<PdfInspection> inspectPdf(std::string_view pdf);

}  // namespace kc::report
