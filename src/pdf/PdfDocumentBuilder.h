#pragma once

#include <memory>
#include <string>

#include "core/Result.h"
#include "pdf/DocumentModel.h"

namespace kc::pdf {

// The rendered document.
struct RenderedPdf {
    std::string bytes;
    int pageCount = 0;
};

// Collects blocks, then lays them out top to bottom on A4 portrait pages and writes a PDF
// (Decree 30 margins by default, Liberation Serif embedded). The add* calls only record; every
// check happens in render(), which can be called any number of times.
// Thread-compatible: one builder per thread; separate builders may render concurrently.
class PdfDocumentBuilder {
public:
    explicit PdfDocumentBuilder(DocumentOptions options = {});
    ~PdfDocumentBuilder();
    PdfDocumentBuilder(PdfDocumentBuilder&&) noexcept;
    PdfDocumentBuilder& operator=(PdfDocumentBuilder&&) noexcept;

    PdfDocumentBuilder& addOfficialHeader(OfficialHeader header);
    // The document type in bold capitals ("QUYẾT ĐỊNH"), then the subject in bold; both centred,
    // with a rule under the subject a third as long as its line (Decree 30).
    PdfDocumentBuilder& addTitle(std::string documentType, std::string subject, double sizePt = 14);
    PdfDocumentBuilder& addParagraph(std::string text, ParagraphStyle style = {});
    PdfDocumentBuilder& addParagraph(Paragraph paragraph);
    PdfDocumentBuilder& addTable(Table table);
    PdfDocumentBuilder& addBarChart(BarChart chart);
    PdfDocumentBuilder& addSpace(double heightPt);
    PdfDocumentBuilder& addPageBreak();
    PdfDocumentBuilder& attachFile(Attachment attachment);

    // Lays out and writes the document.
    // Errors: InvalidInput (with one detail per problem, e.g. "block 4 (table): row 17") for
    // text that is not UTF-8, bad column fractions or spans, table header rows that leave no
    // room on a page for a line of a row, a chart taller than a page, empty or negative chart
    // data; NotFound when a font file is missing.
    // Throws PdfFailure when PoDoFo fails for another reason (broken installation).
    Result<RenderedPdf> render() const;

    // render(), then writes the bytes to path (through a temporary file and a rename).
    // Errors: those of render(); NotFound when the directory does not exist or is not writable.
    Status writeFile(const std::string& path) const;

private:
    struct Impl;
    std::unique_ptr<Impl> _impl;
};

}  // namespace kc::pdf
