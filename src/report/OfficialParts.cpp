#include "report/OfficialParts.h"

#include "report/VietnameseFormat.h"

namespace kc::report {

pdf::DocumentOptions documentOptions(const DocumentFacts& facts, const std::string& title,
                                     const std::string& author) {
    pdf::DocumentOptions o;
    o.draftMark = facts.draft;
    o.title = title;
    o.author = author;
    o.subject = title;
    return o;
}

void addHeader(pdf::PdfDocumentBuilder& b, const OrganisationTemplate& org,
               const CommonTemplate& t, const DocumentFacts& facts) {
    pdf::OfficialHeader h;
    h.parentBody = t.parentBody.empty() ? org.parentBody : t.parentBody;
    h.issuingBody = t.issuingBody.empty() ? org.issuingBody : t.issuingBody;
    h.number = numberLine(facts.number, t.numberCode);
    h.placeDate = placeDate(org.place, facts.date);
    b.addOfficialHeader(h);
}

void addSignature(pdf::PdfDocumentBuilder& b, const OrganisationTemplate& org,
                  const CommonTemplate& t, const std::vector<std::string>& recipients) {
    const SignerBlock s = signerOf(org, t);
    // Decree 30: "Nơi nhận:" bold italic 12 pt over an 11 pt list; the signer's authority,
    // title and name bold 13-14 pt.
    constexpr double kHeadingPt = 12, kListPt = 11, kSignerPt = 13;
    std::vector<pdf::TableCell> left;
    pdf::TableCell heading("Nơi nhận:", true);
    heading.italic = true;
    heading.sizePt = kHeadingPt;
    left.push_back(heading);
    for (const std::string& r : recipients) left.emplace_back("- " + r);
    left.emplace_back("- " + org.archiveLine);

    std::vector<pdf::TableCell> right;
    auto signerLine = [&](const std::string& text, bool bold) {
        pdf::TableCell cell(text, bold);
        cell.sizePt = kSignerPt;
        right.push_back(cell);
    };
    for (const std::string* line : {&s.onBehalf, &s.acting, &s.title})
        if (!line->empty())
            signerLine(*line, true);
    for (int i = 0; i < 4; ++i) signerLine("", false);  // room for the signature
    signerLine(s.name, true);

    pdf::Table table;
    table.borders = false;
    table.sizePt = kListPt;
    table.cellPaddingPt = 1;
    pdf::TableColumn recipientsColumn{0.5, false};
    pdf::TableColumn signerColumn{0.5, false};
    signerColumn.centered = true;
    table.columns = {recipientsColumn, signerColumn};
    // One table row per line, kept on one page: the block is far shorter than a page.
    table.keepTogether = true;
    const std::size_t rows = std::max(left.size(), right.size());
    for (std::size_t i = 0; i < rows; ++i)
        table.rows.push_back({i < left.size() ? left[i] : pdf::TableCell(""),
                              i < right.size() ? right[i] : pdf::TableCell("")});
    b.addSpace(6);
    b.addTable(std::move(table));
}

pdf::ParagraphStyle bodyStyle() {
    pdf::ParagraphStyle s;
    s.sizePt = 13;
    s.firstLineIndentCm = 1.27;
    return s;
}

pdf::ParagraphStyle noteStyle() {
    pdf::ParagraphStyle s;
    s.sizePt = 10;
    s.italic = true;
    return s;
}

pdf::ParagraphStyle headingStyle() {
    pdf::ParagraphStyle s;
    s.sizePt = 13;
    s.bold = true;
    s.align = pdf::Align::Left;
    s.spaceBeforePt = 6;
    s.keepWithNext = true;
    return s;
}

}  // namespace kc::report
