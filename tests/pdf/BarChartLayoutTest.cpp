#include <gtest/gtest.h>

#include <map>

#include "PdfTools.h"
#include "TempDir.h"
#include "pdf/BarChartLayout.h"
#include "pdf/PdfDocumentBuilder.h"

namespace kc::pdf {
namespace {

// A title longer than the text width wraps onto lines of its own above the plot, none drawn
// over another.
TEST(BarChartLayoutTest, ALongTitleWrapsWithoutOverlapping) {
    BarChart chart;
    chart.title =
        "Tổng điểm của các đơn vị - Cơ quan chuyên môn thuộc Ủy ban nhân dân huyện Bảo "
        "Yên (theo số thứ tự trong bảng)";
    for (int i = 1; i <= 12; ++i) {
        chart.labels.push_back(std::to_string(i));
        chart.values.push_back(40 + i);
    }
    PdfDocumentBuilder builder;
    builder.addBarChart(chart);
    kc::test::TempDir dir;
    const std::string pdf = dir.file("chart.pdf");
    ASSERT_TRUE(builder.writeFile(pdf).ok());

    // The title is every word above the tallest bar's value label but the axis' numbers.
    const auto words = kc::test::boxedWords(dir, pdf);
    double bars = 1e9;
    for (const auto& w : words)
        if (w.text == "52,00")
            bars = w.yMin;
    std::vector<kc::test::BoxedWord> title;
    for (const auto& w : words)
        if (w.yMax <= bars && w.text.find_first_not_of("0123456789,") != std::string::npos)
            title.push_back(w);
    ASSERT_EQ(title.size(), 25u);  // every word of the title, once
    for (std::size_t i = 0; i < title.size(); ++i)
        for (std::size_t j = i + 1; j < title.size(); ++j) {
            const bool sameLine = title[i].yMin < title[j].yMax && title[j].yMin < title[i].yMax;
            const bool overlap = title[i].xMin < title[j].xMax && title[j].xMin < title[i].xMax;
            EXPECT_FALSE(sameLine && overlap) << title[i].text << " over " << title[j].text;
        }
}

// Province-sized charts: no label is printed over another's, however many bars there are. The
// values shrink together to fit their slot (25 bars) or, below 5,5 pt, are left out (40 bars:
// the table under the chart has them); each bar's number stays whole.
TEST(BarChartLayoutTest, LabelsNeverOverlapWithManyBars) {
    for (const int bars : {12, 25, 40}) {
        BarChart chart;
        std::map<std::string, int> values;  // as printed, and how many bars have it
        for (int i = 1; i <= bars; ++i) {
            chart.labels.push_back(std::to_string(i));
            chart.values.push_back(94.27 - (i % 7) * 1.08);
            ++values[BarChartLayout::formatNumber(chart.values.back(), 2)];
        }
        PdfDocumentBuilder builder;
        builder.addBarChart(chart);
        kc::test::TempDir dir;
        const std::string pdf = dir.file("chart.pdf");
        ASSERT_TRUE(builder.writeFile(pdf).ok());

        const auto words = kc::test::boxedWords(dir, pdf);
        for (std::size_t i = 0; i < words.size(); ++i)
            for (std::size_t j = i + 1; j < words.size(); ++j) {
                const auto& a = words[i];
                const auto& b = words[j];
                const bool overlap =
                    a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax;
                EXPECT_FALSE(overlap) << bars << " bars: " << a.text << " over " << b.text;
            }
        std::map<std::string, int> printed;
        std::map<std::string, int> numbers;
        for (const auto& w : words) {
            if (values.count(w.text))
                ++printed[w.text];
            ++numbers[w.text];
        }
        if (bars <= 25)
            EXPECT_EQ(printed, values) << bars << " bars: each value once, none run together";
        else
            EXPECT_TRUE(printed.empty()) << bars << " bars: too narrow for 5,5 pt values";
        for (int i = 1; i <= bars; ++i)
            EXPECT_GE(numbers[std::to_string(i)], 1) << bars << " bars: bar " << i;
    }
}

}  // namespace
}  // namespace kc::pdf
