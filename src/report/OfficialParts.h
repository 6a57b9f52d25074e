#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Clock.h"
#include "pdf/PdfDocumentBuilder.h"
#include "report/DocumentTemplates.h"

// The Decree-30 pieces every document shares, laid out with the pdf module's blocks.
namespace kc::report {

// The variable fields of one document: its number (absent: left blank for the clerk), its
// date, and whether it is a draft ("DỰ THẢO" on every page).
struct DocumentFacts {
    std::optional<int> number;
    TimePoint date{};
    bool draft = true;
};

// Builder options for a document: Decree-30 page, draft mark, PDF information.
pdf::DocumentOptions documentOptions(const DocumentFacts& facts, const std::string& title,
                                     const std::string& author);

// The two-column header: parent and issuing body (the template's when set, else the
// organisation's), "Số: …/<code>", national name, motto, place and date.
void addHeader(pdf::PdfDocumentBuilder& b, const OrganisationTemplate& org,
               const CommonTemplate& t, const DocumentFacts& facts);

// "Nơi nhận:" with the recipients and the archive line on the left, the signer block
// (signerOf(org, t)) on the right; the whole block on one page.
void addSignature(pdf::PdfDocumentBuilder& b, const OrganisationTemplate& org,
                  const CommonTemplate& t, const std::vector<std::string>& recipients);

// Paragraph styles of Decree-30 body text.
pdf::ParagraphStyle bodyStyle();
pdf::ParagraphStyle headingStyle();  // bold, left, no indent, kept with what follows it
pdf::ParagraphStyle noteStyle();     // a table's note: 10 pt italic, no indent

}  // namespace kc::report
