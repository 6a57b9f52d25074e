#include "pdf/SignatureAppearance.h"

#include <algorithm>

namespace kc::pdf {

namespace {

constexpr double kPadding = 4;
constexpr double kLineSpacing = 1.2;
constexpr double kMaxSize = 10;

}  // namespace

std::unique_ptr<PoDoFo::PdfXObject> SignatureAppearance::draw(
    PoDoFo::PdfDocument& doc, FontSet& fonts, double widthPt, double heightPt,
    const std::vector<std::string>& lines) {
    auto xobject =
        std::make_unique<PoDoFo::PdfXObject>(PoDoFo::PdfRect(0, 0, widthPt, heightPt), &doc);
    PoDoFo::PdfPainter painter;
    painter.SetPage(xobject.get());
    painter.SetStrokingColor(0.1, 0.2, 0.55);
    painter.SetStrokeWidth(0.8);
    painter.Rectangle(0.4, 0.4, widthPt - 0.8, heightPt - 0.8);
    painter.Stroke();
    painter.SetColor(0.1, 0.2, 0.55);

    const double count = static_cast<double>(std::max<std::size_t>(lines.size(), 1));
    const double size = std::min(kMaxSize, (heightPt - 2 * kPadding) / (count * kLineSpacing));
    const double innerWidth = widthPt - 2 * kPadding;
    double baseline = heightPt - kPadding - fonts.ascent(size);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const FontStyle style{i == 0, false};
        double lineSize = size;
        const double natural = fonts.width(lines[i], style, size);
        if (natural > innerWidth)
            lineSize = size * innerWidth / natural * 0.999;
        painter.SetFont(fonts.font(style, lineSize));
        painter.DrawText(kPadding, baseline, utf8String(lines[i]));
        baseline -= size * kLineSpacing;
    }
    painter.FinishPage();
    return xobject;
}

}  // namespace kc::pdf
