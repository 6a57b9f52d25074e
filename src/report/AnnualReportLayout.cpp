#include "report/Manifest.h"
#include "report/ResultsLayout.h"
#include "report/VietnameseFormat.h"

namespace kc::report {

namespace {

std::vector<std::string> paragraphsOf(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        const bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
        if (blank) {
            if (!current.empty())
                out.push_back(current);
            current.clear();
        } else {
            current += (current.empty() ? "" : " ") + line;
        }
        start = end + 1;
    }
    if (!current.empty())
        out.push_back(current);
    return out;
}

std::string tenths(int t) {
    return std::to_string(t / 10) + "," + std::to_string(t % 10) + "%";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out;
}

void addTypeResults(pdf::PdfDocumentBuilder& b, const TypeResults& type, int n) {
    b.addParagraph(std::to_string(n) + ". " + type.typeName, headingStyle());
    std::string summary = "Có " + std::to_string(type.rows.size()) +
                          " đơn vị được đánh giá; điểm trung bình " +
                          type.averageTotal.toString(true) + " điểm, chỉ số trung bình " +
                          type.averageIndexPct.toString(true) + "%.";
    if (!type.best.empty())
        summary += " Đơn vị dẫn đầu: " + joined(type.best) + ".";
    std::vector<std::string> shares;
    for (const GradeShare& g : type.grades)
        shares.push_back(g.grade + " " + std::to_string(g.count) + " đơn vị (" + tenths(g.tenthsPct) + ")");
    summary += " Xếp loại: " + joined(shares) + ".";
    b.addParagraph(summary, bodyStyle());

    if (!type.rows.empty() && type.rows.size() <= 40) {
        pdf::BarChart chart;
        chart.title = "Tổng điểm của các đơn vị - " + type.typeName;
        for (const ResultRow& r : type.rows) {
            chart.labels.push_back(r.unitCode);
            chart.values.push_back(r.total.toDouble());
        }
        b.addBarChart(std::move(chart));
    }
    pdf::Table table;
    table.sizePt = 10;
    table.columns = {{0.08, true}, {0.44, false}, {0.12, true}, {0.12, true}, {0.1, true},
                     {0.14, false}};
    table.headerRows = {{{"TT"}, {"Đơn vị"}, {"Tổng điểm"}, {"Chỉ số (%)"}, {"Xếp hạng"}, {"Xếp loại"}}};
    int i = 0;
    for (const ResultRow& r : type.rows)
        table.rows.push_back({{std::to_string(++i)}, {r.unitName}, {r.total.toString(true)},
                              {r.indexPct.toString(true)}, {std::to_string(r.rank)}, {r.grade}});
    b.addTable(std::move(table));
}

}  // namespace

pdf::PdfDocumentBuilder layoutAnnualReport(const YearResults& results,
                                           const DocumentTemplates& templates,
                                           const DocumentFacts& facts, const ReportTexts& texts,
                                           std::string manifest) {
    const ReportTemplate& t = templates.report;
    const int year = results.year;
    const std::string subject = fillPlaceholders(t.common.subject, year);
    pdf::PdfDocumentBuilder b(documentOptions(facts, subject, templates.organisation.issuingBody));
    addHeader(b, templates.organisation, t.common, facts);
    b.addTitle(t.common.documentType, subject);
    auto section = [&](const std::string& title) {
        b.addParagraph(fillPlaceholders(title, year), headingStyle());
    };
    section(t.overviewTitle);
    for (const std::string& p : t.overview) b.addParagraph(fillPlaceholders(p, year), bodyStyle());
    section(t.processTitle);
    for (const std::string& p : t.process) b.addParagraph(fillPlaceholders(p, year), bodyStyle());

    section(t.resultsTitle);
    int n = 0;
    for (const TypeResults& type : results.types) addTypeResults(b, type, ++n);
    b.addParagraph(std::to_string(++n) + ". Chỉ số hài lòng (SIPAS)", headingStyle());
    if (results.sipas.empty()) {
        b.addParagraph("Chưa có kết quả điều tra xã hội học cho năm " + std::to_string(year) + ".",
                       bodyStyle());
    } else {
        pdf::Table sipas;
        sipas.columns = {{0.7, false}, {0.3, true}};
        sipas.headerRows = {{{"Yếu tố"}, {"Tỷ lệ hài lòng"}}};
        for (const SipasLine& l : results.sipas)
            sipas.rows.push_back({{l.factor}, {l.pct.toString(true) + "%"}});
        b.addTable(std::move(sipas));
    }

    section(t.assessmentTitle);
    if (!results.notSelfAssessed.empty())
        b.addParagraph("Các đơn vị chưa tự đánh giá, chấm điểm: " + joined(results.notSelfAssessed) +
                           ".",
                       bodyStyle());
    for (const std::string& p : paragraphsOf(texts.assessment)) b.addParagraph(p, bodyStyle());
    section(t.directionsTitle);
    for (const std::string& p : paragraphsOf(texts.directions)) b.addParagraph(p, bodyStyle());

    std::vector<std::string> recipients;
    for (const std::string& r : t.common.recipients) recipients.push_back(fillPlaceholders(r, year));
    addSignature(b, templates.organisation, t.common, recipients);
    b.attachFile({kManifestName, std::move(manifest), "application/json",
                  "Danh mục tài liệu kiểm chứng và điểm"});
    return b;
}

}  // namespace kc::report
