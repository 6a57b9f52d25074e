#include "pdf/ParagraphLayout.h"

#include <algorithm>

#include "pdf/TextLayout.h"

namespace kc::pdf {

namespace {

constexpr double kRuleGap = 2.5;  // between a paragraph's last line and its rule (ruleBelow)

double lineHeightOf(const ParagraphStyle& style) {
    // Below ascent + descent (1.107 em for Liberation Serif) lines would overlap.
    return style.sizePt * std::max(style.lineSpacing, 1.15);
}

double indentOf(const PageCursor& page, const ParagraphStyle& style) {
    return std::clamp(cmToPt(style.firstLineIndentCm), 0.0, page.textWidth() / 2);
}

std::vector<TextLine> wrap(PageCursor& page, const Paragraph& paragraph) {
    const ParagraphStyle& style = paragraph.style;
    return TextLayout::wrap(page.fonts(), paragraph.runs, FontStyle{style.bold, style.italic},
                            style.sizePt, page.textWidth() - indentOf(page, style),
                            page.textWidth());
}

}  // namespace

void ParagraphLayout::draw(PageCursor& page, const Paragraph& paragraph) {
    const ParagraphStyle& style = paragraph.style;
    const double size = style.sizePt;
    const double lineHeight = lineHeightOf(style);
    const double indent = indentOf(page, style);
    FontSet& fonts = page.fonts();

    if (!page.atPageTop())
        page.advance(style.spaceBeforePt);
    const std::vector<TextLine> lines = wrap(page, paragraph);
    double longest = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        longest = std::max(longest, lines[i].naturalWidth);
        page.ensureRoom(lineHeight);
        const double x = page.left() + (i == 0 ? indent : 0);
        const double width = page.textWidth() - (i == 0 ? indent : 0);
        const double baseline = page.y() +
                                (lineHeight - fonts.ascent(size) - fonts.descent(size)) / 2 +
                                fonts.ascent(size);
        TextLayout::drawLine(page, lines[i], x, baseline, width, style.align, size);
        page.advance(lineHeight);
    }
    if (style.ruleBelow && longest > 0) {
        const double centre = page.left() + page.textWidth() / 2;
        page.drawLine(centre - longest / 6, page.y() + kRuleGap, centre + longest / 6,
                      page.y() + kRuleGap, 0.6);
        page.advance(kRuleGap);
    }
    page.advance(style.spaceAfterPt);
}

ParagraphLayout::Extent ParagraphLayout::measure(PageCursor& page, const Paragraph& paragraph) {
    const ParagraphStyle& style = paragraph.style;
    const double lineHeight = lineHeightOf(style);
    const auto lines = static_cast<double>(wrap(page, paragraph).size());
    return {style.spaceBeforePt + lineHeight, style.spaceBeforePt + lines * lineHeight +
                                                  (style.ruleBelow ? kRuleGap : 0) +
                                                  style.spaceAfterPt};
}

}  // namespace kc::pdf
