#include "report/PdfInspection.h"

#include "pdf/PdfAttachments.h"
#include "pdf/PdfVerifier.h"
#include "report/Manifest.h"

namespace kc::report {

Result<PdfInspection> inspectPdf(std::string_view pdf) {
    auto reports = pdf::PdfVerifier::verifyBytes(pdf);
    if (!reports.ok())
        return reports.takeError();
    auto manifest = pdf::PdfAttachments::read(pdf, kManifestName);
    if (!manifest.ok())
        return manifest.takeError();
    PdfInspection out;
    out.manifest = std::move(manifest).value();
    for (const pdf::SignatureReport& r : *reports) {
        SignatureCheck c;
        c.fieldName = r.fieldName;
        c.subFilter = r.subFilter;
        c.valid = r.valid();
        c.coversWholeDocument = r.coversWholeFile;
        c.signingCertificateBound = r.signingCertificateBound;
        c.signerCommonName = r.signerCommonName;
        c.signerSubject = "CN=" + r.signerCommonName;
        if (!r.signerOrganization.empty())
            c.signerSubject += ", O=" + r.signerOrganization;
        c.signingTime = r.signingTime;
        c.problem = r.problem;
        out.signatures.push_back(std::move(c));
    }
    return out;
}

}  // namespace kc::report
