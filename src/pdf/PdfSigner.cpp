#include "pdf/PdfSigner.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/Text.h"
#include "pdf/CmsSignature.h"
#include "pdf/FontSet.h"
#include "pdf/OpenSslSupport.h"
#include "pdf/PdfFailure.h"
#include "pdf/PdfVerifier.h"
#include "pdf/SignatureAppearance.h"
#include "pdf/SignatureFields.h"
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

std::string nextFieldName(const std::vector<std::string>& taken) {
    for (int n = 1;; ++n) {
        std::string name = "Signature" + std::to_string(n);
        if (std::find(taken.begin(), taken.end(), name) == taken.end())
            return name;
    }
}

}  // namespace

struct PdfSigner::Impl {
    ossl::Key key;
    ossl::Cert cert;
    ossl::CertStack chain;
    std::string commonName;
    std::string organization;
    std::size_t reserve = 0;

    Status sign(const std::string& input, const std::string& temporary, const SignOptions& options,
                TimePoint when, std::string& fieldName) const;
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
    if (PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &chain) != 1)
        return Error::invalid("Không mở được tệp khóa: sai mật khẩu hoặc tệp hỏng (" +
                              ossl::drainErrors() + ")");
    auto impl = std::make_unique<Impl>();
    impl->key.reset(key);
    impl->cert.reset(cert);
    impl->chain.reset(chain ? chain : sk_X509_new_null());
    if (!key || !cert || X509_check_private_key(cert, key) != 1)
        return Error::invalid("Tệp khóa không chứa khóa riêng khớp với chứng thư số");
    impl->commonName = ossl::nameEntry(X509_get_subject_name(cert), NID_commonName);
    impl->organization = ossl::nameEntry(X509_get_subject_name(cert), NID_organizationName);

    const auto probe = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    Result<std::string> dryRun =
        CmsSignature::create(key, cert, impl->chain.get(), std::string_view(), probe);
    if (!dryRun)
        return dryRun.takeError();
    impl->reserve = dryRun->size() + kReserveMargin;
    return PdfSigner(std::move(impl));
}

Status PdfSigner::signFile(const std::string& inputPath, const std::string& outputPath,
                           const SignOptions& options) const {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(inputPath, ec))
        return Error::notFound("Không tìm thấy tệp " + inputPath);
    for (const std::string* s : {&options.fieldName, &options.reason, &options.location})
        if (!kc::text::isValidUtf8(*s))
            return Error::invalid("Thông tin chữ ký không phải UTF-8");
    const TimePoint when = options.signingTime.value_or(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));

    const std::string temporary = outputPath + ".signing";
    std::string fieldName;
    Status signedOk = _impl->sign(inputPath, temporary, options, when, fieldName);
    if (!signedOk) {
        std::remove(temporary.c_str());
        return signedOk;
    }
    // Check our own work before it replaces anything: the new signature must verify and cover
    // the whole file.
    Result<std::vector<SignatureReport>> reports = PdfVerifier::verifyFile(temporary);
    std::string problem = reports ? "field " + fieldName + " not found" : reports.error().message;
    if (reports) {
        for (const SignatureReport& r : *reports) {
            if (r.fieldName != fieldName)
                continue;
            problem = !r.valid() ? r.problem : (r.coversWholeFile ? "" : "partial byte range");
        }
    }
    if (!problem.empty()) {
        std::remove(temporary.c_str());
        throw PdfFailure("the signature just written does not verify: " + problem);
    }
    std::filesystem::rename(temporary, outputPath, ec);
    if (ec) {
        std::remove(temporary.c_str());
        return Error::notFound("Không ghi được tệp " + outputPath + ": " + ec.message());
    }
    return Ok{};
}

Status PdfSigner::Impl::sign(const std::string& input, const std::string& temporary,
                             const SignOptions& options, TimePoint when,
                             std::string& fieldName) const {
    quietPodofo();
    try {
        PoDoFo::PdfMemDocument doc;
        try {
            doc.Load(input.c_str(), true);
        } catch (const PoDoFo::PdfError& e) {
            return Error::invalid("Tệp không phải PDF đọc được (" + describe(e) + ")");
        }
        if (doc.GetEncrypted())
            return Error::invalid("Không ký được PDF đã mã hóa");
        if (doc.GetPageCount() < 1)
            return Error::invalid("PDF không có trang nào");

        const std::vector<std::string> taken = SignatureFields::topLevelNames(doc);
        fieldName =
            options.fieldName.empty() ? nextFieldName(taken) : kc::text::toNfc(options.fieldName);
        if (std::find(taken.begin(), taken.end(), fieldName) != taken.end())
            return Error::duplicate("Trường chữ ký " + fieldName + " đã tồn tại");

        PoDoFo::PdfAcroForm* form =
            doc.GetAcroForm(true, PoDoFo::ePdfAcroFormDefaultAppearance_None);
        // SignaturesExist | AppendOnly: readers must save incrementally from now on.
        form->GetObject()->GetDictionary().AddKey(
            "SigFlags", PoDoFo::PdfObject(static_cast<PoDoFo::pdf_int64>(3)));
        if (form->GetNeedAppearances())
            form->SetNeedAppearances(false);

        const int pageIndex = options.visible ? options.visible->page - 1 : 0;
        if (pageIndex < 0 || pageIndex >= doc.GetPageCount())
            return Error::invalid("Trang đặt chữ ký không tồn tại: " +
                                  std::to_string(pageIndex + 1));
        PoDoFo::PdfPage* page = doc.GetPage(pageIndex);
        PoDoFo::PdfRect rect(0, 0, 0, 0);
        if (options.visible) {
            const VisibleSignature& v = *options.visible;
            const double height = page->GetPageSize().GetHeight();
            rect = PoDoFo::PdfRect(mmToPt(v.leftMm), height - mmToPt(v.topMm + v.heightMm),
                                   mmToPt(v.widthMm), mmToPt(v.heightMm));
            if (!(v.widthMm > 0 && v.heightMm > 0))
                return Error::invalid("Kích thước khối chữ ký không hợp lệ");
        }
        PoDoFo::PdfAnnotation* widget = page->CreateAnnotation(PoDoFo::ePdfAnnotation_Widget, rect);
        widget->SetFlags(options.visible ? PoDoFo::ePdfAnnotationFlags_Print
                                         : PoDoFo::ePdfAnnotationFlags_Hidden |
                                               PoDoFo::ePdfAnnotationFlags_Invisible);
        PoDoFo::PdfSignatureField field(widget, form, &doc);

        std::unique_ptr<PoDoFo::PdfXObject> appearance;
        if (options.visible) {
            Result<std::unique_ptr<FontSet>> fonts =
                FontSet::load(doc, options.fontDirectory, options.fontFamily);
            if (!fonts)
                return fonts.takeError();
            std::vector<std::string> lines = {"Ký bởi: " + commonName};
            if (!organization.empty())
                lines.push_back("Cơ quan: " + organization);
            lines.push_back("Thời gian: " + SigningTime::iso(when, options.utcOffsetMinutes));
            if (!options.reason.empty())
                lines.push_back("Lý do: " + kc::text::toNfc(options.reason));
            appearance =
                SignatureAppearance::draw(doc, **fonts, rect.GetWidth(), rect.GetHeight(), lines);
            field.SetAppearanceStream(appearance.get());
        }

        PoDoFo::PdfOutputDevice file(temporary.c_str(), true);
        PoDoFo::PdfSignOutputDevice device(&file);
        device.SetSignatureSize(reserve);
        field.SetFieldName(utf8String(fieldName));
        field.SetSignature(*device.GetSignatureBeacon());
        PoDoFo::PdfDictionary& sig = field.GetSignatureObject()->GetDictionary();
        sig.AddKey("SubFilter", PoDoFo::PdfName("ETSI.CAdES.detached"));
        sig.AddKey("M", PoDoFo::PdfString(SigningTime::pdfDate(when, options.utcOffsetMinutes)));
        if (!commonName.empty())
            sig.AddKey("Name", utf8String(commonName));
        if (!options.reason.empty())
            field.SetSignatureReason(utf8String(kc::text::toNfc(options.reason)));
        if (!options.location.empty())
            field.SetSignatureLocation(utf8String(kc::text::toNfc(options.location)));

        doc.WriteUpdate(&device, true);
        if (!device.HasSignaturePosition())
            throw PdfFailure("signature placeholder not written");
        device.AdjustByteRange();
        device.Seek(0);
        std::string signedBytes;
        std::vector<char> buffer(1 << 16);
        for (std::size_t n; (n = device.ReadForSignature(buffer.data(), buffer.size())) > 0;)
            signedBytes.append(buffer.data(), n);

        Result<std::string> cms =
            CmsSignature::create(key.get(), cert.get(), chain.get(), signedBytes, when);
        if (!cms)
            return cms.takeError();
        if (cms->size() > device.GetSignatureSize())
            throw PdfFailure("CMS larger than the space reserved for it");
        device.SetSignature(PoDoFo::PdfData(cms->data(), cms->size()));
        device.Flush();
        return Ok{};
    } catch (const PoDoFo::PdfError& e) {
        throw PdfFailure(describe(e));
    }
}

}  // namespace kc::pdf
