#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/Clock.h"
#include "core/Result.h"

namespace kc::report {

// How one signature is applied.
struct SignatureSpec {
    std::string reason;    // e.g. "Phiếu thẩm định do Kiểm Chứng lập"
    std::string location;  // e.g. "Bảo Yên, Lào Cai"
    // true: the organisation's visible block at the top right of page 1 (Decree 30 for
    // electronic documents); false: an invisible signature.
    bool visibleOnFirstPage = false;
    std::optional<TimePoint> time;  // empty: now
    std::string reference;  // number and code shown in the visible block ("07/QĐ-UBND"), if any
};

// Signs PDF bytes, adding one signature as an incremental update. Thread-safe.
class DocumentSigner {
public:
    virtual ~DocumentSigner() = default;
    // Errors: InvalidInput when pdf is not a signable PDF; Duplicate for a used field name.
    virtual Result<std::string> sign(const std::string& pdf, const SignatureSpec& spec) const = 0;
    // The certificate subject's common name.
    virtual const std::string& signerName() const = 0;
};

// A DocumentSigner over a PKCS#12 key (pdf::PdfSigner: CAdES-detached, SHA-256,
// signing-certificate-v2), in memory.
class Pkcs12DocumentSigner final : public DocumentSigner {
public:
    // Errors: NotFound when the key file is missing; InvalidInput for a wrong password or a
    // file that is not PKCS#12.
    static Result<std::unique_ptr<Pkcs12DocumentSigner>> load(const std::string& path,
                                                              const std::string& password);
    ~Pkcs12DocumentSigner() override;

    Result<std::string> sign(const std::string& pdf, const SignatureSpec& spec) const override;
    const std::string& signerName() const override;

private:
    struct Impl;
    explicit Pkcs12DocumentSigner(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> _impl;
};

}  // namespace kc::report
