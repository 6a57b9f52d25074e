#include <algorithm>
#include <optional>

#include "domain/Phase.h"
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

// "100" for a whole number of points, else "92,50".
std::string scale(Points p) {
    return p.hundredths() % 100 == 0 ? std::to_string(p.hundredths() / 100) : p.toString(true);
}

// Section I: the scale each unit type is scored on (agencies and communes may be scored on the
// appraised part only).
std::string scalesParagraph(const YearResults& results) {
    std::vector<std::string> scales;
    for (const TypeResults& t : results.types)
        scales.push_back(t.typeName + " " + scale(t.averageMax) + " điểm");
    return "Điểm tối đa theo loại đơn vị: " + joined(scales) + ".";
}

// Section II: the period's deadlines, those that are set.
std::optional<std::string> deadlinesParagraph(const PhaseDates& d) {
    std::vector<std::string> parts;
    if (d.selfAssessmentCloses)
        parts.push_back("các đơn vị tự đánh giá, chấm điểm đến hết ngày " +
                        formatDateVn(*d.selfAssessmentCloses));
    if (d.step1Closes)
        parts.push_back("Tổ thẩm định thẩm định bước 1 đến hết ngày " +
                        formatDateVn(*d.step1Closes));
    if (d.supplementCloses)
        parts.push_back("các đơn vị bổ sung tài liệu, giải trình đến hết ngày " +
                        formatDateVn(*d.supplementCloses));
    if (d.step2Closes)
        parts.push_back("thẩm định bước 2 đến hết ngày " + formatDateVn(*d.step2Closes));
    if (parts.empty())
        return std::nullopt;
    std::string text = "Thời hạn: ";
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? "; " : "") + parts[i];
    return text + ".";
}

// "tăng 4,38 điểm", "giảm 0,30 điểm phần trăm", "không đổi".
std::string change(Points now, Points before, const std::string& unit) {
    const std::int64_t diff = now.hundredths() - before.hundredths();
    if (diff == 0)
        return "không đổi";
    return std::string(diff > 0 ? "tăng " : "giảm ") +
           Points::fromHundredths(diff > 0 ? diff : -diff).toString(true) + " " + unit;
}

// The change from last year, or empty: " So với năm 2021 (điểm trung bình 89,79, chỉ số trung
// bình 89,79%), điểm trung bình tăng 4,38 điểm." (for one unit: " So với năm 2021 (89,79 điểm,
// chỉ số 89,79%), tăng 4,38 điểm."). Totals on different scales (a survey run one year and not
// the other) are not compared: the index is, in percentage points.
std::string comparedWithPrevious(const TypeResults& type) {
    if (!type.previous)
        return "";
    const TypeResults::Previous& p = *type.previous;
    const bool one = type.rows.size() == 1;
    const std::string since = " So với năm " + std::to_string(p.year) + " (";
    const std::string index = one ? "chỉ số" : "chỉ số trung bình";
    if (p.averageMax != type.averageMax)
        return since + index + " " + p.averageIndexPct.toString(true) + "%, trên thang điểm " +
               scale(p.averageMax) + "), " + index + " " +
               change(type.averageIndexPct, p.averageIndexPct, "điểm phần trăm") + ".";
    if (one)
        return since + p.averageTotal.toString(true) + " điểm, " + index + " " +
               p.averageIndexPct.toString(true) + "%), " +
               change(type.averageTotal, p.averageTotal, "điểm") + ".";
    return since + "điểm trung bình " + p.averageTotal.toString(true) + ", " + index + " " +
           p.averageIndexPct.toString(true) + "%), điểm trung bình " +
           change(type.averageTotal, p.averageTotal, "điểm") + ".";
}

// Points per area: the unit's own when the type has one unit (the district), else the average.
// An area left out of the results (a survey not run) reads "không tính", as in the results.
void addAreaTable(pdf::PdfDocumentBuilder& b, const TypeResults& type) {
    if (type.areas.empty() || type.rows.empty())
        return;
    const bool one = type.rows.size() == 1;
    const std::vector<Points>& got = one ? type.rows.front().areas : type.areaAverages;
    pdf::Table table;
    table.sizePt = 10;
    table.columns = {{0.1, true}, {0.54, false}, {0.16, true}, {0.2, true}};
    table.headerRows = {{{"Lĩnh vực"},
                         {"Tên lĩnh vực"},
                         {"Điểm tối đa"},
                         {one ? "Điểm đạt được" : "Điểm trung bình"}}};
    for (std::size_t a = 0; a < type.areas.size(); ++a) {
        const AreaColumn& area = type.areas[a];
        const bool counted = area.max.hundredths() > 0;
        table.rows.push_back({{area.code},
                              {area.name},
                              {counted ? area.max.toString(true) : "không tính"},
                              {!counted         ? "không tính"
                               : a < got.size() ? got[a].toString(true)
                                                : "-"}});
    }
    b.addTable(std::move(table));
}

// "*" after a total that counts self-scores of items not appraised (results.md), as in the
// decision draft.
std::string mark(const ResultRow& r) {
    return r.notAppraised > 0 ? "*" : "";
}

// Bar charts of the totals, in the table's order and labelled by its numbers (the units' names
// are too long to fit): one chart, or for more than kMaxBars units as few charts as hold them
// with equal shares of the units (no chart left with a handful of bars), each titled with its
// range and all on one scale. A one-unit type has none.
void addTotalsCharts(pdf::PdfDocumentBuilder& b, const TypeResults& type) {
    constexpr std::size_t kMaxBars = 40;  // a bar's slot is then about 11 pt wide
    const std::size_t units = type.rows.size();
    if (units < 2)
        return;
    double largest = 0;
    for (const ResultRow& r : type.rows) largest = std::max(largest, r.total.toDouble());
    const std::size_t charts = (units + kMaxBars - 1) / kMaxBars;
    std::size_t first = 0;
    for (std::size_t c = 0; c < charts; ++c) {
        const std::size_t chartsLeft = charts - c;
        const std::size_t end = first + (units - first + chartsLeft - 1) / chartsLeft;
        pdf::BarChart chart;
        chart.maxValue = largest;
        chart.title = "Tổng điểm của các đơn vị - " + type.typeName +
                      (charts == 1 ? " (theo số thứ tự trong bảng)"
                                   : " (đơn vị thứ " + std::to_string(first + 1) + "–" +
                                         std::to_string(end) + " theo số thứ tự trong bảng)");
        for (std::size_t i = first; i < end; ++i) {
            chart.labels.push_back(std::to_string(i + 1));
            chart.values.push_back(type.rows[i].total.toDouble());
        }
        b.addBarChart(std::move(chart));
        first = end;
    }
}

void addTypeResults(pdf::PdfDocumentBuilder& b, const TypeResults& type, int n) {
    b.addParagraph(std::to_string(n) + ". " + type.typeName, headingStyle());
    std::string summary;
    if (type.rows.size() == 1) {  // the district: its own figures, no shares or leader
        const ResultRow& only = type.rows.front();
        summary = only.unitName + " đạt " + only.total.toString(true) + mark(only) +
                  " điểm, chỉ số " + only.indexPct.toString(true) + "%, xếp loại " + only.grade +
                  ".";
    } else {
        summary = "Có " + std::to_string(type.rows.size()) +
                  " đơn vị được đánh giá; điểm trung bình " + type.averageTotal.toString(true) +
                  " điểm, chỉ số trung bình " + type.averageIndexPct.toString(true) + "%.";
        if (!type.best.empty())
            summary += " Đơn vị dẫn đầu: " + joined(type.best) + ".";
        std::vector<std::string> shares;
        for (const GradeShare& g : type.grades)
            shares.push_back(g.grade + " " + std::to_string(g.count) + " đơn vị (" +
                             tenths(g.tenthsPct) + ")");
        summary += " Xếp loại: " + joined(shares) + ".";
    }
    summary += comparedWithPrevious(type);
    b.addParagraph(summary, bodyStyle());
    addAreaTable(b, type);

    addTotalsCharts(b, type);
    pdf::Table table;
    table.sizePt = 10;
    table.columns = {{0.08, true}, {0.44, false}, {0.12, true}, {0.12, true}, {0.1, true},
                     {0.14, false}};
    table.headerRows = {{{"TT"}, {"Đơn vị"}, {"Tổng điểm"}, {"Chỉ số (%)"}, {"Xếp hạng"}, {"Xếp loại"}}};
    int i = 0;
    bool provisional = false;
    for (const ResultRow& r : type.rows) {
        provisional = provisional || r.notAppraised > 0;
        table.rows.push_back({{std::to_string(++i)},
                              {r.unitName},
                              {r.total.toString(true) + mark(r)},
                              {r.indexPct.toString(true)},
                              {std::to_string(r.rank)},
                              {r.grade}});
    }
    b.addTable(std::move(table));
    if (provisional)
        b.addParagraph(
            "(*) Đơn vị còn tiêu chí thành phần chưa được thẩm định (chưa có điểm thẩm định bước "
            "1, bước 2): tổng điểm tạm tính điểm tự chấm của các tiêu chí đó (0 điểm nếu đơn vị "
            "không tự chấm), và điểm các lĩnh vực, điểm trung bình, chỉ số, xếp hạng, xếp loại "
            "tính theo đó; đây chưa phải kết quả thẩm định đầy đủ.",
            noteStyle());
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
    b.addParagraph(scalesParagraph(results), bodyStyle());
    section(t.processTitle);
    for (const std::string& p : t.process) b.addParagraph(fillPlaceholders(p, year), bodyStyle());
    if (auto deadlines = deadlinesParagraph(results.dates))
        b.addParagraph(*deadlines, bodyStyle());

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
