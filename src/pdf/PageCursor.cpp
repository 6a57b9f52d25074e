#include "pdf/PageCursor.h"

#include <cmath>
#include <numbers>

namespace kc::pdf {

PageCursor::PageCursor(PoDoFo::PdfDocument& doc, FontSet& fonts, const DocumentOptions& options)
    : _doc(doc),
      _fonts(fonts),
      _options(options),
      _left(mmToPt(options.margins.leftMm)),
      _right(kA4WidthPt - mmToPt(options.margins.rightMm)),
      _top(mmToPt(options.margins.topMm)),
      _bottom(kA4HeightPt - mmToPt(options.margins.bottomMm)) {
    newPage();
}

PageCursor::~PageCursor() {
    // PoDoFo's painter destructor complains (to stderr) when a page is left open; an exception
    // unwinding through here must not be replaced by another one.
    try {
        finish();
    } catch (...) {
    }
}

void PageCursor::finish() {
    if (_painter.GetPage())
        _painter.FinishPage();
}

void PageCursor::newPage() {
    finish();
    _page = _doc.CreatePage(PoDoFo::PdfRect(0, 0, kA4WidthPt, kA4HeightPt));
    _painter.SetPage(_page);
    ++_pageNumber;
    _y = _top;
    drawFurniture();
}

bool PageCursor::ensureRoom(double height) {
    if (atPageTop() || height <= remaining())
        return false;
    newPage();
    return true;
}

void PageCursor::drawFurniture() {
    if (_options.draftMark && !_options.draftText.empty()) {
        // Light grey, diagonal across the middle, drawn first so content covers it.
        const FontStyle bold{true, false};
        const double size = 72;
        const double w = _fonts.width(_options.draftText, bold, size);
        const double angle = std::atan2(kA4HeightPt, kA4WidthPt);
        const double c = std::cos(angle), s = std::sin(angle);
        const double cx = kA4WidthPt / 2, cy = kA4HeightPt / 2;
        _painter.Save();
        _painter.SetColor(0.82, 0.82, 0.82);
        _painter.SetTransformationMatrix(c, s, -s, c, cx - c * w / 2 + s * size / 3,
                                         cy - s * w / 2 - c * size / 3);
        _painter.SetFont(_fonts.font(bold, size));
        _painter.DrawText(0, 0, utf8String(_options.draftText));
        _painter.Restore();
        _painter.SetColor(0, 0, 0);
    }
    if (_options.pageNumbers && _pageNumber >= 2) {
        // Decree 30: Arabic numerals centred in the top margin.
        const std::string number = std::to_string(_pageNumber);
        const double size = _options.pageNumberSizePt;
        const FontStyle regular{};
        const double w = _fonts.width(number, regular, size);
        const double baseline = _top / 2 + _fonts.ascent(size) / 2;
        drawText((_left + _right - w) / 2, baseline, number, regular, size);
    }
}

void PageCursor::drawText(double x, double baselineY, std::string_view text, FontStyle style,
                          double sizePt) {
    _painter.SetFont(_fonts.font(style, sizePt));
    _painter.DrawText(x, pdfY(baselineY), utf8String(text));
}

void PageCursor::drawLine(double x1, double y1, double x2, double y2, double widthPt) {
    _painter.SetStrokeWidth(widthPt);
    _painter.DrawLine(x1, pdfY(y1), x2, pdfY(y2));
}

void PageCursor::strokeRect(double x, double yTop, double width, double height, double widthPt) {
    _painter.SetStrokeWidth(widthPt);
    _painter.Rectangle(x, pdfY(yTop + height), width, height);
    _painter.Stroke();
}

void PageCursor::fillRect(double x, double yTop, double width, double height, double gray) {
    _painter.Save();
    _painter.SetGray(gray);
    _painter.Rectangle(x, pdfY(yTop + height), width, height);
    _painter.Fill();
    _painter.Restore();
}

void PageCursor::addLink(double x, double yTop, double width, double height,
                         const std::string& uri) {
    PoDoFo::PdfAnnotation* annotation = _page->CreateAnnotation(
        PoDoFo::ePdfAnnotation_Link, PoDoFo::PdfRect(x, pdfY(yTop + height), width, height));
    // A PDF URI is 7-bit ASCII: UTF-8 bytes and spaces are percent-encoded.
    std::string ascii;
    for (unsigned char c : uri) {
        if (c > 0x20 && c < 0x7F) {
            ascii += static_cast<char>(c);
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            ascii += {'%', kHex[c >> 4], kHex[c & 0xF]};
        }
    }
    PoDoFo::PdfAction action(PoDoFo::ePdfAction_URI, &_doc);
    action.SetURI(PoDoFo::PdfString(ascii));
    annotation->SetAction(action);
    annotation->SetBorderStyle(0, 0, 0);
    annotation->SetFlags(PoDoFo::ePdfAnnotationFlags_Print);
}

}  // namespace kc::pdf
