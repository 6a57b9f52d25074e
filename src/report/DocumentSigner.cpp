#include "report/DocumentSigner.h"

#include "pdf/PdfSigner.h"

namespace kc::report {

struct Pkcs12DocumentSigner::Impl {
    pdf::PdfSigner signer;
};

Pkcs12DocumentSigner::Pkcs12DocumentSigner(std::unique_ptr<Impl> impl) : _impl(std::move(impl)) {}
Pkcs12DocumentSigner::~Pkcs12DocumentSigner() = default;

Result<std::unique_ptr<Pkcs12DocumentSigner>> Pkcs12DocumentSigner::load(
    const std::string& path, const std::string& password) {
    auto signer = pdf::PdfSigner::fromPkcs12(path, password);
    if (!signer.ok())
        return signer.takeError();
    return std::unique_ptr<Pkcs12DocumentSigner>(
        new Pkcs12DocumentSigner(std::make_unique<Impl>(Impl{std::move(signer).value()})));
}

const std::string& Pkcs12DocumentSigner::signerName() const {
    return _impl->signer.signerName();
}

Result<std::string> Pkcs12DocumentSigner::sign(const std::string& pdf,
                                               const SignatureSpec& spec) const {
    pdf::SignOptions options;
    options.reason = spec.reason;
    options.location = spec.location;
    options.signingTime = spec.time;
    options.reference = spec.reference;
    if (spec.visibleOnFirstPage)
        options.visible = pdf::VisibleSignature{1, 118, 4, 77, 15};
    return _impl->signer.signBytes(pdf, options);
}

}  // namespace kc::report
