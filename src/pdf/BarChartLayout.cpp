#include "pdf/BarChartLayout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "pdf/TextLayout.h"

namespace kc::pdf {

namespace {

constexpr double kLineSpacing = 1.15;
constexpr int kMaxLabelLines = 3;
// Labels shrink to fit their bar's slot down to this size; smaller would not be read.
constexpr double kMinLabelSize = 5.5;
// Between the value labels of neighbouring bars, so that they never touch.
constexpr double kValueGap = 1;

// Rounds the axis up to a multiple of a 1-2-2.5-5 step giving four to five intervals.
std::pair<double, double> niceAxis(double largest) {
    if (!(largest > 0))
        return {1, 0.25};
    const double rough = largest / 4;
    const double magnitude = std::pow(10, std::floor(std::log10(rough)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * magnitude >= rough) {
            step = m * magnitude;
            break;
        }
    }
    return {std::ceil(largest / step - 1e-9) * step, step};
}

int decimalsFor(double step) {
    int decimals = 0;
    while (decimals < 3 && std::abs(step * std::pow(10, decimals) -
                                    std::round(step * std::pow(10, decimals))) > 1e-9)
        ++decimals;
    return decimals;
}

}  // namespace

std::string BarChartLayout::formatNumber(double value, int decimals) {
    decimals = std::clamp(decimals, 0, 6);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(value));
    std::string plain(buffer);
    const std::size_t dot = plain.find('.');
    std::string whole = plain.substr(0, dot);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            grouped += '.';
        grouped += whole[i];
    }
    if (dot != std::string::npos)
        grouped += "," + plain.substr(dot + 1);
    const bool negative = value < 0 && grouped.find_first_not_of("0.,") != std::string::npos;
    return negative ? "-" + grouped : grouped;
}

std::vector<ErrorDetail> BarChartLayout::validate(const BarChart& chart, const std::string& path) {
    std::vector<ErrorDetail> problems;
    if (chart.values.empty())
        problems.push_back({path, "Biểu đồ không có dữ liệu"});
    if (chart.labels.size() != chart.values.size())
        problems.push_back({path, "Số nhãn khác số giá trị"});
    for (std::size_t i = 0; i < chart.values.size(); ++i) {
        if (!std::isfinite(chart.values[i]) || chart.values[i] < 0)
            problems.push_back(
                {path + ": giá trị " + std::to_string(i + 1), "Giá trị phải là số không âm"});
    }
    if (!(chart.heightMm > 0) || !(chart.sizePt > 0) || chart.maxValue < 0)
        problems.push_back({path, "Kích thước biểu đồ không hợp lệ"});
    return problems;
}

namespace {

// Where the parts of a chart go, from its data and the page width.
struct Geometry {
    double lineHeight = 0;
    double titleSize = 0;
    std::vector<TextLine> title;  // wrapped to the text width
    double titleHeight = 0;
    double plotHeight = 0;
    double axisMax = 0;
    double step = 0;
    int tickDecimals = 0;
    double plotLeft = 0;
    double plotWidth = 0;
    double slot = 0;
    double valueSize = 0;  // 0: the values are left out (the table under the chart has them)
    double labelSize = 0;
    std::vector<std::vector<TextLine>> labels;
    double total = 0;  // without the space after
};

// The largest size up to sizePt, in tenths of a point, at which the widest of texts is at most
// room wide (widths grow in proportion to the size); 0 when that is under kMinLabelSize.
double fittingSize(FontSet& fonts, const std::vector<std::string>& texts, double sizePt,
                   double room) {
    double widest = 0;
    for (const std::string& text : texts) widest = std::max(widest, fonts.width(text, {}, sizePt));
    if (widest <= room)
        return sizePt;
    const double size = std::floor(sizePt * room / widest * 10) / 10;
    return size >= kMinLabelSize ? size : 0;
}

std::vector<std::string> wordsOf(const std::vector<std::string>& labels) {
    std::vector<std::string> words;
    for (const std::string& label : labels) {
        std::size_t start = 0;
        while ((start = label.find_first_not_of(" \t\r\n", start)) != std::string::npos) {
            const std::size_t end = std::min(label.find_first_of(" \t\r\n", start), label.size());
            words.push_back(label.substr(start, end - start));
            start = end;
        }
    }
    return words;
}

Geometry measure(PageCursor& page, const BarChart& chart) {
    FontSet& fonts = page.fonts();
    const double size = chart.sizePt;
    Geometry g;
    g.lineHeight = size * kLineSpacing;
    g.titleSize = size + 3;
    if (!chart.title.empty())
        g.title = TextLayout::wrap(fonts, chart.title, FontStyle{true, false}, g.titleSize,
                                   page.textWidth(), page.textWidth());
    // Each title line as tall as the first used to be; the last one's spacing separates it
    // from the plot.
    g.titleHeight = static_cast<double>(g.title.size()) * g.titleSize * 1.4;
    g.plotHeight = mmToPt(chart.heightMm);

    const double largest = *std::max_element(chart.values.begin(), chart.values.end());
    std::tie(g.axisMax, g.step) = niceAxis(std::max(chart.maxValue, largest));
    g.tickDecimals = decimalsFor(g.step);
    double tickWidth = 0;
    for (double v = 0; v <= g.axisMax + g.step / 2; v += g.step)
        tickWidth = std::max(
            tickWidth, fonts.width(BarChartLayout::formatNumber(v, g.tickDecimals), {}, size));

    g.plotLeft = page.left() + tickWidth + 6;
    g.plotWidth = page.right() - g.plotLeft;
    g.slot = g.plotWidth / static_cast<double>(chart.values.size());
    std::vector<std::string> values;
    for (double v : chart.values) values.push_back(BarChartLayout::formatNumber(v, chart.decimals));
    g.valueSize = fittingSize(fonts, values, size, g.slot - kValueGap);
    // A word too wide even at the smallest size is cut by the wrap (still inside its slot).
    g.labelSize = fittingSize(fonts, wordsOf(chart.labels), size, g.slot - 2);
    if (g.labelSize == 0)
        g.labelSize = std::min(size, kMinLabelSize);
    std::size_t labelLines = 1;
    for (const std::string& label : chart.labels) {
        g.labels.push_back(TextLayout::wrap(fonts, label, {}, g.labelSize, g.slot - 2, g.slot - 2));
        if (g.labels.back().size() > kMaxLabelLines)
            g.labels.back().resize(kMaxLabelLines);
        labelLines = std::max(labelLines, g.labels.back().size());
    }
    g.total = g.titleHeight + g.lineHeight + g.plotHeight + 4 +
              static_cast<double>(labelLines) * g.labelSize * kLineSpacing;
    return g;
}

}  // namespace

double BarChartLayout::height(PageCursor& page, const BarChart& chart) {
    return measure(page, chart).total;
}

Status BarChartLayout::draw(PageCursor& page, const BarChart& chart, const std::string& path) {
    FontSet& fonts = page.fonts();
    const double size = chart.sizePt;
    const Geometry g = measure(page, chart);
    if (g.total > page.textHeight())
        return Error::invalid("Biểu đồ không dàn trang được",
                              {{path, "Biểu đồ cao hơn một trang"}});
    page.ensureRoom(g.total);

    const double ascent = fonts.ascent(size);
    auto baselineIn = [&](double lineTop, double sz) {
        return lineTop + (sz * kLineSpacing - fonts.ascent(sz) - fonts.descent(sz)) / 2 +
               fonts.ascent(sz);
    };
    double y = page.y();
    for (const TextLine& line : g.title) {
        TextLayout::drawLine(page, line, page.left(), baselineIn(y, g.titleSize), page.textWidth(),
                             Align::Center, g.titleSize);
        y += g.titleSize * 1.4;
    }
    const double plotTop = y + g.lineHeight;  // room for the tallest bar's value label
    const double plotBottom = plotTop + g.plotHeight;

    for (double v = 0; v <= g.axisMax + g.step / 2; v += g.step) {
        const double ty = plotBottom - v / g.axisMax * g.plotHeight;
        if (v > 0) {
            page.setStrokeGray(0.8);
            page.drawLine(g.plotLeft, ty, g.plotLeft + g.plotWidth, ty, 0.3);
            page.setStrokeGray(0);
        }
        const std::string text = formatNumber(v, g.tickDecimals);
        page.drawText(g.plotLeft - 4 - fonts.width(text, {}, size), ty + ascent / 2 - 1, text, {},
                      size);
    }
    for (std::size_t i = 0; i < chart.values.size(); ++i) {
        const double barHeight = chart.values[i] / g.axisMax * g.plotHeight;
        const double barWidth = g.slot * 0.6;
        const double barX = g.plotLeft + g.slot * static_cast<double>(i) + (g.slot - barWidth) / 2;
        page.fillRect(barX, plotBottom - barHeight, barWidth, barHeight, 0.22, 0.42, 0.69);
        if (g.valueSize > 0) {
            const std::string value = formatNumber(chart.values[i], chart.decimals);
            const double valueWidth = fonts.width(value, {}, g.valueSize);
            page.drawText(barX + (barWidth - valueWidth) / 2,
                          plotBottom - barHeight - fonts.descent(g.valueSize) - 2, value, {},
                          g.valueSize);
        }
        double labelTop = plotBottom + 4;
        for (const TextLine& line : g.labels[i]) {
            TextLayout::drawLine(page, line, g.plotLeft + g.slot * static_cast<double>(i) + 1,
                                 baselineIn(labelTop, g.labelSize), g.slot - 2, Align::Center,
                                 g.labelSize);
            labelTop += g.labelSize * kLineSpacing;
        }
    }
    page.drawLine(g.plotLeft, plotTop - g.lineHeight / 2, g.plotLeft, plotBottom, 0.8);
    page.drawLine(g.plotLeft, plotBottom, g.plotLeft + g.plotWidth, plotBottom, 0.8);
    page.advance(g.total + chart.spaceAfterPt);
    return Ok{};
}

}  // namespace kc::pdf
