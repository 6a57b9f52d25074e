#include "pdf/OfficialHeaderLayout.h"

#include <algorithm>

#include "pdf/TextLayout.h"

namespace kc::pdf {

namespace {

constexpr double kLineSpacing = 1.2;
constexpr double kRuleGap = 2.5;
constexpr double kRuleWidth = 0.6;

struct Column {
    double x;
    double width;
    double y;
};

// Draws text centred in the column, wrapped if needed; returns the widest line's width.
double centred(PageCursor& page, Column& column, const std::string& text, FontStyle style,
               double size) {
    if (text.empty())
        return 0;
    FontSet& fonts = page.fonts();
    const double lineHeight = size * kLineSpacing;
    double widest = 0;
    for (const TextLine& line : TextLayout::wrap(fonts, text, style,
                                                 size, column.width, column.width)) {
        const double baseline = column.y +
                                (lineHeight - fonts.ascent(size) - fonts.descent(size)) / 2 +
                                fonts.ascent(size);
        TextLayout::drawLine(page, line, column.x, baseline, column.width, Align::Center, size);
        widest = std::max(widest, line.naturalWidth);
        column.y += lineHeight;
    }
    return widest;
}

// A single line shrunk until it fits the column, then centred.
double fitted(PageCursor& page, Column& column, const std::string& text, FontStyle style,
              double size) {
    if (text.empty())
        return 0;
    const double natural = page.fonts().width(text, style, size);
    if (natural > column.width)
        size *= column.width / natural * 0.999;
    return centred(page, column, text, style, size);
}

void ruleUnder(PageCursor& page, Column& column, double length, double size) {
    const double y = column.y - size * (kLineSpacing - 1) / 2 + kRuleGap;
    const double x = column.x + (column.width - length) / 2;
    page.drawLine(x, y, x + length, y, kRuleWidth);
    column.y = y + kRuleGap + size * 0.35;
}

}  // namespace

void OfficialHeaderLayout::draw(PageCursor& page, const OfficialHeader& header) {
    const double size = header.sizePt;
    const double leftWidth = page.textWidth() * std::clamp(header.leftColumnFraction, 0.2, 0.6);
    Column left{page.left(), leftWidth, page.y()};
    Column right{page.left() + leftWidth, page.textWidth() - leftWidth, page.y()};
    const FontStyle regular{}, bold{true, false}, italic{false, true};

    centred(page, left, header.parentBody, regular, size);
    const double bodyWidth = centred(page, left, header.issuingBody, bold, size);
    if (bodyWidth > 0)
        ruleUnder(page, left, bodyWidth * 0.4, size);

    fitted(page, right, header.nationalName, bold, size);
    const double mottoWidth = fitted(page, right, header.motto, bold, size);
    if (mottoWidth > 0)
        ruleUnder(page, right, mottoWidth, size);

    const double rowY = std::max(left.y, right.y) + size * 0.3;
    left.y = right.y = rowY;
    fitted(page, left, header.number, regular, size);
    fitted(page, right, header.placeDate, italic, size);
    page.advance(std::max(left.y, right.y) - page.y() + size * 0.8);
}

}  // namespace kc::pdf
