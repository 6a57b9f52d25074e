#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/Clock.h"
#include "core/Result.h"

namespace kc::pdf {

// Where a visible signature block goes; millimetres from the page's top-left corner.
struct VisibleSignature {
    int page = 1;  // 1-based
    double leftMm = 105;
    double topMm = 235;
    double widthMm = 80;
    double heightMm = 24;
};

struct SignOptions {
    std::string fieldName;  // empty: "Signature<n>" with n one more than the existing fields
    std::string reason;     // e.g. "Phê duyệt kết quả đánh giá"
    std::string location;   // e.g. "Bảo Yên, Lào Cai"
    std::optional<TimePoint> signingTime;     // empty: the system clock
    int utcOffsetMinutes = 7 * 60;            // for /M and the visible block (Vietnam, UTC+7)
    std::optional<VisibleSignature> visible;  // empty: an invisible signature
    std::string reference;  // the document's number and code ("07/QĐ-UBND"), shown when given
    // Font for the visible block: <fontDirectory>/<fontFamily>-{Regular,Bold}.ttf.
    std::string fontDirectory = "/usr/share/fonts/truetype/liberation2";
    std::string fontFamily = "LiberationSerif";
};

// Signs PDF files with a key and certificate from a PKCS#12 file: an incremental update adding
// a signature field whose value is a detached CMS (SHA-256, CAdES signed attributes, SubFilter
// ETSI.CAdES.detached), so earlier revisions and signatures stay intact. The update is appended
// without loading the document: only the trailer, the cross-reference tables and the few
// objects it changes (catalog or AcroForm, the page) are read, so a 28 MB document signs in
// tens of milliseconds. Works on PDFs with classic cross-reference tables, as PoDoFo writes
// them and as this class appends them; xref streams are refused. The key is loaded once;
// signFile and signBytes may be called concurrently from several threads.
class PdfSigner {
public:
    // Errors: NotFound when the file is missing; InvalidInput when it is not PKCS#12, the
    // password is wrong, or it holds no key with a matching certificate.
    static Result<PdfSigner> fromPkcs12(const std::string& path, const std::string& password);

    ~PdfSigner();
    PdfSigner(PdfSigner&&) noexcept;
    PdfSigner& operator=(PdfSigner&&) noexcept;

    // The certificate subject's common name (UTF-8), e.g. "Nguyễn Văn An".
    const std::string& signerName() const;

    // pdf plus one signed revision. Before returning, the result is read back through its new
    // trailer and cross-reference section: the new field's /ByteRange must cover the whole
    // result with /Contents as its gap, and the CMS there must verify against the SHA-256 of
    // that byte range.
    // Errors: NotFound (font missing); InvalidInput (no trailer or classic cross-reference
    // table, an xref stream, encrypted, no pages, visible page out of range, text not UTF-8);
    // Duplicate (fieldName already used).
    // Throws PdfFailure when PoDoFo or OpenSSL fail for another reason, or when the result
    // does not verify.
    Result<std::string> signBytes(std::string_view pdf, const SignOptions& options = {}) const;

    // signBytes on inputPath's content, written to outputPath (which may equal inputPath; the
    // result is written to a temporary file and renamed, so a failure leaves outputPath alone).
    // Errors: as signBytes; NotFound also when the input is missing or the output directory
    // is not writable.
    Status signFile(const std::string& inputPath, const std::string& outputPath,
                    const SignOptions& options = {}) const;

private:
    struct Impl;
    explicit PdfSigner(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> _impl;
};

}  // namespace kc::pdf
