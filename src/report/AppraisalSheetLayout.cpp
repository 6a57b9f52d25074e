#include "report/AppraisalSheetLayout.h"

#include "report/Manifest.h"
#include "report/VietnameseFormat.h"

namespace kc::report {

namespace {

pdf::TableCell evidenceCell(const ScoreRow& row, const AppraisalSheetTemplate& t) {
    if (row.survey)
        return pdf::TableCell("Điều tra xã hội học");
    if (row.evidence.empty()) {
        pdf::TableCell none(t.noEvidence);
        none.italic = true;
        return none;
    }
    pdf::TableCell cell;
    for (std::size_t i = 0; i < row.evidence.size(); ++i) {
        const EvidenceCitation& c = row.evidence[i];
        cell.runs.emplace_back(c.line() + (i + 1 < row.evidence.size() ? "\n" : ""), false, false,
                               c.url);
    }
    return cell;
}

// After a criterion score clamped by the criterion rule (CriterionSum).
constexpr const char* kCappedMark = "\u2020";  // †

// A bonus prints "+", a penalty "−" before its cap and its scores ("−0,50"); "-" when none.
std::string signedPoints(const std::optional<Points>& p, Adjustment a) {
    if (!p || a == Adjustment::None)
        return points(p);
    return (a == Adjustment::Bonus ? "+" : "\u2212") + points(p);
}

// An adjustment item's name says what it is: "Điểm thưởng: …", "Điểm trừ: …".
std::string subName(const ScoreRow& r) {
    switch (r.adjustment) {
        case Adjustment::Bonus:
            return "Điểm thưởng: " + r.name;
        case Adjustment::Penalty:
            return "Điểm trừ: " + r.name;
        case Adjustment::None:
            break;
    }
    return r.name;
}

}  // namespace

void addScoreTable(pdf::PdfDocumentBuilder& b, const AppraisalSheet& sheet,
                   const AppraisalSheetTemplate& t) {
    pdf::Table table;
    table.sizePt = 10;
    table.cellPaddingPt = 2.5;
    table.columns = {{0.07, false}, {0.31, false}, {0.075, true}, {0.075, true},
                     {0.08, true},  {0.08, true},  {0.31, false}};
    table.headerRows = {{{t.colCode}, {t.colName}, {t.colMax}, {t.colSelf}, {t.colStep1},
                         {t.colStep2}, {t.colEvidence}}};
    bool anyCapped = false;
    for (const ScoreRow& r : sheet.rows) {
        const bool parent = r.level != RowLevel::SubCriterion;
        // A criterion score the bonuses or penalties took out of [0, max] is marked (note below).
        auto value = [&](const std::optional<Points>& p, std::size_t round) {
            anyCapped = anyCapped || r.capped[round];
            return signedPoints(p, r.adjustment) + (r.capped[round] ? kCappedMark : "");
        };
        pdf::TableRow row{{r.code, parent},
                          {subName(r), r.level == RowLevel::Area},
                          {signedPoints(r.maxPoints, r.adjustment), parent},
                          {value(r.self, 0), parent},
                          {value(r.step1, 1), parent},
                          {value(r.step2, 2), parent}};
        row.push_back(parent ? pdf::TableCell("") : evidenceCell(r, t));
        table.rows.push_back(std::move(row));
    }
    table.rows.push_back({pdf::TableCell(t.totalLabel, true, {}, 2),
                          {sheet.maxTotal.toString(true), true},
                          {points(sheet.selfTotal), true},
                          {points(sheet.step1Total), true},
                          {points(sheet.step2Total), true},
                          {""}});
    b.addTable(std::move(table));
    if (anyCapped)
        b.addParagraph(std::string(kCappedMark) +
                           " Điểm của tiêu chí đã được giới hạn trong khoảng từ 0 đến điểm tối đa "
                           "của tiêu chí: cộng điểm thưởng, trừ điểm trừ vượt ra ngoài khoảng đó.",
                       noteStyle());
}

pdf::PdfDocumentBuilder layoutAppraisalSheet(const AppraisalSheet& sheet,
                                             const DocumentTemplates& templates,
                                             const DocumentFacts& facts, std::string manifest) {
    const AppraisalSheetTemplate& t = templates.appraisalSheet;
    const std::string subject =
        fillPlaceholders(t.common.subject, sheet.year, sheet.unitName, sheet.unitTypeName);
    pdf::PdfDocumentBuilder b(
        documentOptions(facts, subject, templates.organisation.issuingBody));
    addHeader(b, templates.organisation, t.common, facts);
    b.addTitle(t.common.documentType, subject);
    for (std::size_t i = 0; i < t.intro.size(); ++i) {
        pdf::ParagraphStyle style = bodyStyle();
        style.keepWithNext = i + 1 == t.intro.size();  // "…, như sau:" stays with the table
        b.addParagraph(fillPlaceholders(t.intro[i], sheet.year, sheet.unitName, sheet.unitTypeName),
                       style);
    }
    addScoreTable(b, sheet, t);
    pdf::ParagraphStyle note = bodyStyle();
    note.sizePt = 11;
    note.italic = true;
    b.addParagraph(t.manifestNote, note);
    std::vector<std::string> recipients;
    for (const std::string& r : t.common.recipients)
        recipients.push_back(fillPlaceholders(r, sheet.year, sheet.unitName, sheet.unitTypeName));
    addSignature(b, templates.organisation, t.common, recipients);
    b.attachFile({kManifestName, std::move(manifest), "application/json",
                  "Danh mục tài liệu kiểm chứng và điểm"});
    return b;
}

}  // namespace kc::report
