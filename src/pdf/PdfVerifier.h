#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Clock.h"
#include "core/Result.h"

namespace kc::pdf {

// What one signature field of a PDF says, checked against the file's bytes.
struct SignatureReport {
    std::string fieldName;
    std::string subFilter;  // e.g. "ETSI.CAdES.detached"
    std::array<std::int64_t, 4> byteRange{};
    // The byte range starts at 0, its gap holds exactly the /Contents string, and it ends at
    // the end of the file. False for an earlier signature once later revisions were appended.
    bool coversWholeFile = false;
    // The CMS signature and its message digest verify over the bytes of the byte range.
    bool digestValid = false;
    // The signing-certificate-v2 attribute names the certificate that signed (CAdES).
    bool signingCertificateBound = false;
    // Always false: no trust store is consulted, so the chain is reported as unverified.
    bool chainVerified = false;
    std::string signerCommonName;
    std::string signerOrganization;
    std::optional<TimePoint> signingTime;  // the CMS signingTime, else the dictionary's /M
    std::string problem;                   // why digestValid is false; empty otherwise

    // The signature is intact: digest valid over a well-formed byte range.
    bool valid() const { return digestValid; }
};

// Reads every signature of a PDF and checks it. No network, no trust store. Stateless and
// thread-safe.
class PdfVerifier {
public:
    // One report per signature field with a value, in field order (empty for an unsigned PDF).
    // Errors: NotFound when the file is missing; InvalidInput when it is not a readable PDF.
    static Result<std::vector<SignatureReport>> verifyFile(const std::string& path);
    static Result<std::vector<SignatureReport>> verifyBytes(std::string_view pdf);
};

}  // namespace kc::pdf
