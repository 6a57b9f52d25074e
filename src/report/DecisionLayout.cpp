#include "report/AppraisalSheetLayout.h"
#include "report/Manifest.h"
#include "report/ResultsLayout.h"
#include "report/VietnameseFormat.h"

namespace kc::report {

namespace {

pdf::ParagraphStyle centred(bool bold, bool italic = false, double size = 13) {
    pdf::ParagraphStyle s;
    s.align = pdf::Align::Center;
    s.bold = bold;
    s.italic = italic;
    s.sizePt = size;
    return s;
}

// A centred heading, kept on the page of what follows it.
pdf::ParagraphStyle centredHeading(bool bold, bool italic = false, double size = 13) {
    pdf::ParagraphStyle s = centred(bold, italic, size);
    s.keepWithNext = true;
    return s;
}

// "Điều 1. Phê duyệt …" with "Điều 1." in bold.
pdf::Paragraph article(const std::string& text) {
    pdf::Paragraph p;
    p.style = bodyStyle();
    const auto dot = text.find(". ");
    if (text.rfind("Điều ", 0) == 0 && dot != std::string::npos && dot < 16) {
        p.runs.emplace_back(text.substr(0, dot + 1), true);
        p.runs.emplace_back(text.substr(dot + 1));
    } else {
        p.runs.emplace_back(text);
    }
    return p;
}

// The decision's issuer as a sentence names it: the decision's own issuing body when its
// template sets one (as printed), else the organisation's name in a sentence, if given.
std::string issuerInSentence(const DocumentTemplates& t) {
    if (!t.decision.common.issuingBody.empty())
        return t.decision.common.issuingBody;
    return t.organisation.issuingBodyName.empty() ? t.organisation.issuingBody
                                                  : t.organisation.issuingBodyName;
}

void appendixHeading(pdf::PdfDocumentBuilder& b, int n, const std::string& subject,
                     const DocumentTemplates& t, const DocumentFacts& facts) {
    b.addPageBreak();
    b.addParagraph("Phụ lục " + roman(n), centredHeading(true));
    b.addParagraph(subject, centredHeading(true));
    b.addParagraph("(Kèm theo Quyết định " +
                       numberReference(facts.number, t.decision.common.numberCode) + " " +
                       placeDate("", facts.date).substr(2) + " của " + issuerInSentence(t) + ")",
                   centredHeading(false, true, 12));
}

void addTypeTables(pdf::PdfDocumentBuilder& b, const TypeResults& type, int year,
                   const std::string& publicUrl) {
    pdf::Table scores;
    scores.sizePt = 9;
    scores.cellPaddingPt = 2;
    // "Xếp loại" holds "Hoàn thành tốt" (53,5 pt at 9 pt) on one line, and so every default
    // grade name; a unit's name wraps instead.
    scores.columns = {{0.05, true},  {0.2, false},  {0.075, true}, {0.075, true},
                      {0.075, true}, {0.07, true},  {0.075, true}, {0.08, true},
                      {0.06, true},  {0.13, false}, {0.06, false}};
    scores.headerRows = {{{"TT"}, {"Đơn vị"}, {"Tự chấm"}, {"Thẩm định B1"}, {"Thẩm định B2"},
                          {"Điều tra XHH"}, {"Tổng điểm"}, {"Chỉ số (%)"}, {"Xếp hạng"},
                          {"Xếp loại"}, {"Kiểm chứng"}}};
    int i = 0;
    bool provisional = false;
    for (const ResultRow& r : type.rows) {
        pdf::TableCell cited(std::to_string(r.evidenceFiles) + " tệp", false,
                             publicUrl + "/api/v1/periods/" + std::to_string(year) + "/units/" +
                                 r.unitCode + "/evidence");
        // A value that is not wholly an appraisal is marked, and the note below says why.
        const std::string mark = r.notAppraised > 0 ? "*" : "";
        provisional = provisional || r.notAppraised > 0;
        scores.rows.push_back({{std::to_string(++i)},
                               {r.unitName},
                               {points(r.self)},
                               {points(r.step1)},
                               {points(r.step2) + mark},
                               {r.survey.toString(true)},
                               {r.total.toString(true) + mark, true},
                               {r.indexPct.toString(true)},
                               {std::to_string(r.rank)},
                               {r.grade},
                               cited});
    }
    b.addTable(std::move(scores));
    if (provisional) {
        b.addParagraph(
            "(*) Đơn vị còn tiêu chí thành phần chưa được thẩm định (chưa có điểm thẩm định bước "
            "1, bước 2): cột Thẩm định B2, Tổng điểm và điểm các lĩnh vực tạm tính điểm tự "
            "chấm của các tiêu chí đó (0 điểm nếu đơn vị không tự chấm); đây chưa phải kết quả "
            "thẩm định đầy đủ.",
            noteStyle());
    }

    if (type.areas.empty())
        return;
    pdf::Table areas;
    areas.sizePt = 9;
    areas.cellPaddingPt = 2;
    const double unitWidth = 0.3;
    const double areaWidth = (1.0 - 0.05 - unitWidth) / static_cast<double>(type.areas.size());
    areas.columns = {{0.05, true}, {unitWidth, false}};
    pdf::TableRow header{{"TT"}, {"Đơn vị"}};
    pdf::TableRow maxima{{""}, {"Điểm tối đa", true}};
    for (const AreaColumn& a : type.areas) {
        areas.columns.push_back({areaWidth, true});
        header.push_back({"LV " + a.code});
        maxima.push_back({a.max.toString(true), true});
    }
    areas.headerRows = {header, maxima};
    i = 0;
    for (const ResultRow& r : type.rows) {
        pdf::TableRow row{{std::to_string(++i)}, {r.unitName}};
        for (const Points& p : r.areas) row.push_back({p.toString(true)});
        areas.rows.push_back(std::move(row));
    }
    std::string legend = "Lĩnh vực (LV): ";
    for (std::size_t k = 0; k < type.areas.size(); ++k)
        legend += (k ? "; " : "") + type.areas[k].code + ". " + type.areas[k].name;
    pdf::ParagraphStyle small = bodyStyle();
    small.sizePt = 10;
    small.firstLineIndentCm = 0;
    small.italic = true;
    small.keepWithNext = true;
    b.addParagraph(legend + ".", small);
    b.addTable(std::move(areas));
}

}  // namespace

pdf::PdfDocumentBuilder layoutDecision(const YearResults& results,
                                       const std::vector<AppraisalSheet>& sheets,
                                       const DocumentTemplates& templates,
                                       const DocumentFacts& facts, const std::string& publicUrl,
                                       std::string manifest) {
    const DecisionTemplate& t = templates.decision;
    const int year = results.year;
    const std::string subject = fillPlaceholders(t.common.subject, year);
    pdf::PdfDocumentBuilder b(documentOptions(facts, subject, templates.organisation.issuingBody));
    addHeader(b, templates.organisation, t.common, facts);
    b.addTitle(t.common.documentType, subject);
    b.addParagraph(fillPlaceholders(t.authority, year), centred(true));
    pdf::ParagraphStyle basis = bodyStyle();
    basis.italic = true;
    for (std::size_t i = 0; i < t.legalBases.size(); ++i)
        b.addParagraph(fillPlaceholders(t.legalBases[i], year) +
                           (i + 1 < t.legalBases.size() ? ";" : "."),
                       basis);
    b.addParagraph(fillPlaceholders(t.proposal, year), basis);
    b.addParagraph("QUYẾT ĐỊNH:", centredHeading(true));
    for (const std::string& a : t.articles) b.addParagraph(article(fillPlaceholders(a, year)));
    std::vector<std::string> recipients;
    for (const std::string& r : t.common.recipients) recipients.push_back(fillPlaceholders(r, year));
    addSignature(b, templates.organisation, t.common, recipients);

    int n = 0;
    for (const TypeResults& type : results.types) {
        appendixHeading(b, ++n, fillPlaceholders(t.appendixSubject, year, "", type.typeName),
                        templates, facts);
        addTypeTables(b, type, year, publicUrl);
    }
    if (!sheets.empty()) {
        appendixHeading(b, ++n, fillPlaceholders(t.detailSubject, year), templates, facts);
        int k = 0;
        for (const AppraisalSheet& s : sheets) {
            b.addParagraph(std::to_string(++k) + ". " + s.unitName + " (" + s.unitTypeName + ")",
                           headingStyle());
            addScoreTable(b, s, templates.appraisalSheet);
        }
    }
    b.attachFile({kManifestName, std::move(manifest), "application/json",
                  "Danh mục tài liệu kiểm chứng và điểm"});
    return b;
}

}  // namespace kc::report
