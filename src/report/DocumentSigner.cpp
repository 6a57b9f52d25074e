#include "report/DocumentSigner.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "pdf/PdfSigner.h"

namespace kc::report {

namespace {

// Removes its files at scope exit, whatever happened.
struct TempFiles {
    std::string in, out;
    ~TempFiles() {
        std::error_code ec;
        std::filesystem::remove(in, ec);
        std::filesystem::remove(out, ec);
    }
};

std::atomic<unsigned long> counter{0};

}  // namespace

struct Pkcs12DocumentSigner::Impl {
    pdf::PdfSigner signer;
    std::string tempDir;
};

Pkcs12DocumentSigner::Pkcs12DocumentSigner(std::unique_ptr<Impl> impl) : _impl(std::move(impl)) {}
Pkcs12DocumentSigner::~Pkcs12DocumentSigner() = default;

Result<std::unique_ptr<Pkcs12DocumentSigner>> Pkcs12DocumentSigner::load(
    const std::string& path, const std::string& password, std::string tempDir) {
    auto signer = pdf::PdfSigner::fromPkcs12(path, password);
    if (!signer.ok())
        return signer.takeError();
    std::filesystem::create_directories(tempDir);
    return std::unique_ptr<Pkcs12DocumentSigner>(new Pkcs12DocumentSigner(
        std::make_unique<Impl>(Impl{std::move(signer).value(), std::move(tempDir)})));
}

const std::string& Pkcs12DocumentSigner::signerName() const {
    return _impl->signer.signerName();
}

Result<std::string> Pkcs12DocumentSigner::sign(const std::string& pdf,
                                               const SignatureSpec& spec) const {
    const std::string stem = _impl->tempDir + "/sign-" + std::to_string(::getpid()) + "-" +
                             std::to_string(counter.fetch_add(1));
    TempFiles files{stem + ".in.pdf", stem + ".out.pdf"};
    {
        std::ofstream out(files.in, std::ios::binary | std::ios::trunc);
        out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
        if (!out.flush())
            throw std::runtime_error("cannot write " + files.in);
    }
    pdf::SignOptions options;
    options.reason = spec.reason;
    options.location = spec.location;
    options.signingTime = spec.time;
    if (spec.visibleOnFirstPage)
        options.visible = pdf::VisibleSignature{1, 118, 4, 77, 15};
    KC_TRY(_impl->signer.signFile(files.in, files.out, options));
    std::ifstream in(files.out, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace kc::report
