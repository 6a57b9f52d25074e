#pragma once

// Internal to kc_pdf.

#include <string>
#include <vector>

#include "core/Result.h"
#include "pdf/DocumentModel.h"
#include "pdf/PageCursor.h"

namespace kc::pdf {

// Vector bar chart: value axis with ticks, one bar per label, value above each bar, category
// label (wrapped) under it. The whole chart stays on one page. Text must be NFC.
// No label is wider than its bar's slot: the values shrink together to fit (down to 5,5 pt,
// below which they are left out), and so do the category labels (a word too wide even at
// 5,5 pt is cut between characters).
class BarChartLayout {
public:
    // Problems with the data (sizes, negative or non-finite values), located under path.
    static std::vector<ErrorDetail> validate(const BarChart& chart, const std::string& path);

    // REQUIRES: validate(chart) found nothing.
    // Errors: InvalidInput when the chart is taller than a page.
    static Status draw(PageCursor& page, const BarChart& chart, const std::string& path);

    // The height the chart takes on a page, without the space after it.
    // REQUIRES: validate(chart) found nothing.
    static double height(PageCursor& page, const BarChart& chart);

    // Vietnamese number format: decimal comma, dot thousands separator ("1.234,50").
    static std::string formatNumber(double value, int decimals);
};

}  // namespace kc::pdf
