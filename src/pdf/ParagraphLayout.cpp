#include "pdf/ParagraphLayout.h"

#include <algorithm>

#include "pdf/TextLayout.h"

namespace kc::pdf {

void ParagraphLayout::draw(PageCursor& page, const Paragraph& paragraph) {
    const ParagraphStyle& style = paragraph.style;
    const double size = style.sizePt;
    // Below ascent + descent (1.107 em for Liberation Serif) lines would overlap.
    const double lineHeight = size * std::max(style.lineSpacing, 1.15);
    const double indent = std::clamp(cmToPt(style.firstLineIndentCm), 0.0, page.textWidth() / 2);
    FontSet& fonts = page.fonts();

    if (!page.atPageTop())
        page.advance(style.spaceBeforePt);
    const std::vector<TextLine> lines =
        TextLayout::wrap(fonts, paragraph.runs, FontStyle{style.bold, style.italic}, size,
                         page.textWidth() - indent, page.textWidth());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        page.ensureRoom(lineHeight);
        const double x = page.left() + (i == 0 ? indent : 0);
        const double width = page.textWidth() - (i == 0 ? indent : 0);
        const double baseline = page.y() +
                                (lineHeight - fonts.ascent(size) - fonts.descent(size)) / 2 +
                                fonts.ascent(size);
        TextLayout::drawLine(page, lines[i], x, baseline, width, style.align, size);
        page.advance(lineHeight);
    }
    page.advance(style.spaceAfterPt);
}

}  // namespace kc::pdf
