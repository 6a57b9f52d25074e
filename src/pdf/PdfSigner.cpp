#include "pdf/PdfSigner.h"

#include <openssl/evp.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/Sha256.h"
#include "core/Text.h"
#include "pdf/CmsSignature.h"
#include "pdf/OpenSslSupport.h"
#include "pdf/PdfFailure.h"
#include "pdf/PdfObjectIndex.h"
#include "pdf/SignatureRevision.h"
#include "pdf/SigningTime.h"

namespace kc::pdf {

namespace {

// Room for CMS size differences between the dry run and the real signature (ECDSA signatures
// vary by a few bytes) and for nothing else: the reserve is written as hex into the PDF.
constexpr std::size_t kReserveMargin = 512;

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// SHA-256 of the two ranges [0, gapBegin) and [gapEnd, end) of file, hashed in place.
std::string digestOfByteRange(std::string_view file, std::size_t gapBegin, std::size_t gapEnd) {
    Sha256 hash;
    hash.update(file.substr(0, gapBegin));
    hash.update(file.substr(gapEnd));
    return hash.digest();
}

void writeHex(std::string_view bytes, char* out) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    for (unsigned char b : bytes) {
        *out++ = kDigits[b >> 4];
        *out++ = kDigits[b & 15];
    }
}

// Reads the signed file back the way a reader would, through its newest trailer and
// cross-reference section, and checks the field just added. Empty when all holds.
std::string problemWith(std::string_view file, const std::string& fieldName,
                        const std::array<std::int64_t, 4>& byteRange, std::string_view sha256) {
    Result<std::unique_ptr<PdfObjectIndex>> opened = PdfObjectIndex::open(file);
    if (!opened)
        return opened.error().message;
    const PdfObjectIndex& index = **opened;
    auto catalog = index.resolve(index.trailer().GetKey("Root"));
    auto form = catalog && catalog->IsDictionary()
                    ? index.resolve(catalog->GetDictionary().GetKey("AcroForm"))
                    : nullptr;
    auto fields = form && form->IsDictionary()
                      ? index.resolve(form->GetDictionary().GetKey("Fields"))
                      : nullptr;
    if (!fields || !fields->IsArray())
        return "no /AcroForm /Fields";
    for (const PoDoFo::PdfObject& f : fields->GetArray()) {
        auto field = index.resolve(&f);
        const PoDoFo::PdfObject* t =
            field && field->IsDictionary() ? field->GetDictionary().GetKey("T") : nullptr;
        if (!t || !(t->IsString() || t->IsHexString()) ||
            t->GetString().GetStringUtf8() != fieldName)
            continue;
        auto sig = index.resolve(field->GetDictionary().GetKey("V"));
        if (!sig || !sig->IsDictionary())
            return "field without a signature dictionary";
        const PoDoFo::PdfObject* range = sig->GetDictionary().GetKey("ByteRange");
        if (!range || !range->IsArray() || range->GetArray().size() != 4)
            return "no /ByteRange";
        for (std::size_t i = 0; i < 4; ++i)
            if (!range->GetArray()[i].IsNumber() ||
                range->GetArray()[i].GetNumber() != byteRange[i])
                return "/ByteRange differs from what was signed";
        if (byteRange[2] + byteRange[3] != static_cast<std::int64_t>(file.size()))
            return "/ByteRange does not reach the end of the file";
        const PoDoFo::PdfObject* contents = sig->GetDictionary().GetKey("Contents");
        if (!contents || !contents->IsHexString())
            return "no /Contents";
        const PoDoFo::PdfString& cms = contents->GetString();
        Status verified =
            CmsSignature::verify(std::string_view(cms.GetString(), cms.GetLength()), sha256);
        return verified ? "" : verified.error().message;
    }
    return "field " + fieldName + " not found";
}

}  // namespace

struct PdfSigner::Impl {
    ossl::Key key;
    ossl::Cert cert;
    ossl::CertStack chain;
    std::string commonName;
    std::string organization;
    std::size_t reserve = 0;
};

PdfSigner::PdfSigner(std::unique_ptr<Impl> impl) : _impl(std::move(impl)) {}
PdfSigner::~PdfSigner() = default;
PdfSigner::PdfSigner(PdfSigner&&) noexcept = default;
PdfSigner& PdfSigner::operator=(PdfSigner&&) noexcept = default;

const std::string& PdfSigner::signerName() const {
    return _impl->commonName;
}

Result<PdfSigner> PdfSigner::fromPkcs12(const std::string& path, const std::string& password) {
    const std::optional<std::string> bytes = readFile(path);
    if (!bytes)
        return Error::notFound("Không tìm thấy tệp khóa " + path);
    ossl::drainErrors();
    ossl::Bio bio = ossl::memoryBio(*bytes);
    ossl::Pkcs12 p12(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!p12)
        return Error::invalid("Tệp " + path + " không phải PKCS#12");
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* chain = nullptr;
    if (PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &chain) != 1) {
        const std::string why = ossl::drainErrors();
        // Files exported by older tools (OpenSSL 1.1, Windows) encrypt with RC2-40 or 3DES,
        // which OpenSSL 3 keeps in its legacy provider, not loaded by default. The password
        // was right (the MAC is checked first): load the provider and read the file again.
        if (why.find("unsupported") == std::string::npos)
            return Error::invalid("Không mở được tệp khóa: sai mật khẩu hoặc tệp hỏng (" + why +
                                  ")");
        if (const std::string missing = ossl::loadLegacyProvider(); !missing.empty())
            return Error::invalid(
                "Không mở được tệp khóa: tệp được mã hóa theo thuật toán cũ (RC2/3DES), cần bộ "
                "thuật toán cũ của OpenSSL nhưng không nạp được " +
                missing);
        if (PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &chain) != 1)
            return Error::invalid("Không mở được tệp khóa: sai mật khẩu hoặc tệp hỏng (" +
                                  ossl::drainErrors() + ")");
    }
    auto impl = std::make_unique<Impl>();
    impl->key.reset(key);
    impl->cert.reset(cert);
    impl->chain.reset(chain ? chain : sk_X509_new_null());
    if (!key || !cert || X509_check_private_key(cert, key) != 1)
        return Error::invalid("Tệp khóa không chứa khóa riêng khớp với chứng thư số");
    impl->commonName = ossl::nameEntry(X509_get_subject_name(cert), NID_commonName);
    impl->organization = ossl::nameEntry(X509_get_subject_name(cert), NID_organizationName);

    const auto probe = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    Result<std::string> dryRun = CmsSignature::create(
        key, cert, impl->chain.get(), std::string(CmsSignature::kDigestSize, '\0'), probe);
    if (!dryRun)
        return dryRun.takeError();
    impl->reserve = dryRun->size() + kReserveMargin;
    return PdfSigner(std::move(impl));
}

Result<std::string> PdfSigner::signBytes(std::string_view pdf, const SignOptions& options) const {
    for (const std::string* s : {&options.fieldName, &options.reason, &options.location})
        if (!kc::text::isValidUtf8(*s))
            return Error::invalid("Thông tin chữ ký không phải UTF-8");
    const TimePoint when = options.signingTime.value_or(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    Result<std::unique_ptr<PdfObjectIndex>> index = PdfObjectIndex::open(pdf);
    if (!index)
        return index.takeError();

    SignatureRequest request;
    request.fieldName = kc::text::toNfc(options.fieldName);
    request.pdfDate = SigningTime::pdfDate(when, options.utcOffsetMinutes);
    request.name = _impl->commonName;
    request.reason = kc::text::toNfc(options.reason);
    request.location = kc::text::toNfc(options.location);
    request.visible = options.visible;
    request.fontDirectory = options.fontDirectory;
    request.fontFamily = options.fontFamily;
    request.reserve = _impl->reserve;
    if (options.visible) {
        request.lines = {"Ký bởi: " + _impl->commonName};
        if (!_impl->organization.empty())
            request.lines.push_back("Cơ quan: " + _impl->organization);
        // Decree 30: the number and code beside the signing time, on one line so the block
        // keeps its four lines in the top margin.
        const std::string reference = kc::text::toNfc(options.reference);
        request.lines.push_back((reference.empty() ? "" : "Số: " + reference + " – ") +
                                "Thời gian: " + SigningTime::iso(when, options.utcOffsetMinutes));
        if (!request.reason.empty())
            request.lines.push_back("Lý do: " + request.reason);
    }
    Result<SignatureRevision> revision = SignatureRevision::build(**index, pdf, request);
    if (!revision)
        return revision.takeError();

    std::string out;
    out.reserve(pdf.size() + revision->bytes.size());
    out.append(pdf);
    out.append(revision->bytes);
    revision->fillByteRange(out, pdf.size());
    const std::size_t gapBegin = pdf.size() + revision->contentsAt;
    const std::size_t gapEnd = gapBegin + revision->contentsSize;
    const std::string sha256 = digestOfByteRange(out, gapBegin, gapEnd);
    Result<std::string> cms =
        CmsSignature::create(_impl->key.get(), _impl->cert.get(), _impl->chain.get(), sha256, when);
    if (!cms)
        return cms.takeError();
    if (2 * cms->size() > revision->contentsSize - 2)
        throw PdfFailure("CMS larger than the space reserved for it");
    writeHex(*cms, out.data() + gapBegin + 1);

    // The check reads the result back but does not hash the 28 MB again: the patch above wrote
    // only inside the gap (its size was checked), so the ranges still hold what was hashed.

    const std::array<std::int64_t, 4> byteRange{0, static_cast<std::int64_t>(gapBegin),
                                                static_cast<std::int64_t>(gapEnd),
                                                static_cast<std::int64_t>(out.size() - gapEnd)};
    if (std::string problem = problemWith(out, revision->fieldName, byteRange, sha256);
        !problem.empty())
        throw PdfFailure("the signature just written does not verify: " + problem);
    return out;
}

Status PdfSigner::signFile(const std::string& inputPath, const std::string& outputPath,
                           const SignOptions& options) const {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(inputPath, ec))
        return Error::notFound("Không tìm thấy tệp " + inputPath);
    const std::optional<std::string> input = readFile(inputPath);
    if (!input)
        return Error::notFound("Không đọc được tệp " + inputPath);
    Result<std::string> signedPdf = signBytes(*input, options);
    if (!signedPdf)
        return signedPdf.takeError();

    const std::string temporary = outputPath + ".signing";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(signedPdf->data(), static_cast<std::streamsize>(signedPdf->size()));
        if (!out.flush()) {
            std::remove(temporary.c_str());
            return Error::notFound("Không ghi được tệp " + temporary);
        }
    }
    std::filesystem::rename(temporary, outputPath, ec);
    if (ec) {
        std::remove(temporary.c_str());
        return Error::notFound("Không ghi được tệp " + outputPath + ": " + ec.message());
    }
    return Ok{};
}

}  // namespace kc::pdf
