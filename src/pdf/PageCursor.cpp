#include "pdf/PageCursor.h"

#include <cmath>

#include "pdf/PdfFailure.h"

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
    // An exception unwinding through here must not be replaced by another one.
    try {
        finish();
    } catch (...) {
    }
}

void PageCursor::finishPage() {
    if (!_page)
        return;
    flushLink();
    _content.closeText();
    const std::string& deflated = _deflater(_content.bytes());
    PoDoFo::PdfObject* contents = _page->GetContentsForAppending();
    PoDoFo::PdfMemoryInputStream input(deflated.data(),
                                       static_cast<PoDoFo::pdf_long>(deflated.size()));
    contents->GetStream()->SetRawData(&input, static_cast<PoDoFo::pdf_long>(deflated.size()));
    contents->GetDictionary().AddKey(PoDoFo::PdfName::KeyFilter, PoDoFo::PdfName("FlateDecode"));
    if (!_annotations.empty())
        _page->GetObject()->GetDictionary().AddKey("Annots", _annotations);
    _annotations.clear();
    _content.clear();
    _page = nullptr;
}

void PageCursor::finish() {
    finishPage();
    if (_pages.empty())
        return;
    std::vector<PoDoFo::PdfObject*> objects;
    objects.reserve(_pages.size());
    for (const auto& p : _pages) objects.push_back(p->GetObject());
    // What PdfPagesTree::CreatePages does: after the last page (-1: before the first of none).
    _doc.GetPagesTree()->InsertPages(_doc.GetPageCount() - 1, objects);
    _pages.clear();
}

void PageCursor::newPage() {
    finishPage();
    _pages.push_back(std::make_unique<PoDoFo::PdfPage>(
        PoDoFo::PdfRect(0, 0, kA4WidthPt, kA4HeightPt), &_doc));
    _page = _pages.back().get();
    _fontsUsed = 0;
    _lineWidth = -1;
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

const PoDoFo::PdfName& PageCursor::useFont(FontStyle style) {
    PoDoFo::PdfFont* face = _fonts.face(style);
    const unsigned bit = 1u << ((style.bold ? 1 : 0) + (style.italic ? 2 : 0));
    if (!(_fontsUsed & bit)) {
        _page->AddResource(face->GetIdentifier(), face->GetObject()->Reference(),
                           PoDoFo::PdfName("Font"));
        _fontsUsed |= bit;
    }
    return face->GetIdentifier();
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
        _content.op("q\n0.82 0.82 0.82 rg\n");
        for (double v : {c, s, -s, c, cx - c * w / 2 + s * size / 3, cy - s * w / 2 - c * size / 3})
            _content.number(v);
        _content.op("cm\n");
        _hex.clear();
        _fonts.appendGlyphHex(_options.draftText, bold, _hex);
        _content.text(useFont(bold), size, 0, 0, _hex);
        _content.op("Q\n");
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
    _hex.clear();
    _fonts.appendGlyphHex(text, style, _hex);
    _content.text(useFont(style), sizePt, x, pdfY(baselineY), _hex);
}

void PageCursor::setLineWidth(double widthPt) {
    if (widthPt != _lineWidth) {
        _content.closeText();
        _content.number(widthPt);
        _content.op("w\n");
        _lineWidth = widthPt;
    }
}

void PageCursor::drawLine(double x1, double y1, double x2, double y2, double widthPt) {
    setLineWidth(widthPt);
    _content.closeText();
    _content.number(x1);
    _content.number(pdfY(y1));
    _content.op("m\n");
    _content.number(x2);
    _content.number(pdfY(y2));
    _content.op("l\nS\n");
}

void PageCursor::rectPath(double x, double yTop, double width, double height) {
    _content.closeText();
    _content.number(x);
    _content.number(pdfY(yTop + height));
    _content.number(width);
    _content.number(height);
    _content.op("re\n");
}

void PageCursor::addRect(double x, double yTop, double width, double height, double widthPt) {
    setLineWidth(widthPt);  // before the path: w is not allowed inside one
    rectPath(x, yTop, width, height);
}

void PageCursor::strokePath() {
    _content.op("S\n");
}

void PageCursor::strokeRect(double x, double yTop, double width, double height, double widthPt) {
    addRect(x, yTop, width, height, widthPt);
    strokePath();
}

void PageCursor::fillRect(double x, double yTop, double width, double height, double gray) {
    _content.op("q\n");
    _content.number(gray);
    _content.op("g\n");
    rectPath(x, yTop, width, height);
    _content.op("f\nQ\n");
}

void PageCursor::fillRect(double x, double yTop, double width, double height, double r, double g,
                          double b) {
    _content.op("q\n");
    for (double v : {r, g, b}) _content.number(v);
    _content.op("rg\n");
    rectPath(x, yTop, width, height);
    _content.op("f\nQ\n");
}

void PageCursor::setStrokeGray(double gray) {
    _content.closeText();
    _content.number(gray);
    _content.op("G\n");
}

void PageCursor::addLink(double x, double yTop, double width, double height,
                         std::string_view uri, bool endsLine) {
    constexpr double kEpsilon = 0.01;
    if (!_link.uri.empty() && _link.endsLine && endsLine && std::abs(_link.x0 - x) < kEpsilon &&
        yTop > _link.yBottom - kEpsilon && yTop - _link.yBottom < height / 2 &&
        _link.uri == uri) {
        _link.x1 = std::max(_link.x1, x + width);
        _link.yBottom = yTop + height;
        return;
    }
    flushLink();
    _link.uri.assign(uri);
    _link.x0 = x;
    _link.x1 = x + width;
    _link.yTop = yTop;
    _link.yBottom = yTop + height;
    _link.endsLine = endsLine;
}

void PageCursor::flushLink() {
    if (_link.uri.empty())
        return;
    // A PDF URI is 7-bit ASCII: UTF-8 bytes and spaces are percent-encoded.
    std::string ascii;
    ascii.reserve(_link.uri.size());
    for (unsigned char c : _link.uri) {
        if (c > 0x20 && c < 0x7F) {
            ascii += static_cast<char>(c);
        } else {
            static constexpr char kHex[] = "0123456789ABCDEF";
            ascii += {'%', kHex[c >> 4], kHex[c & 0xF]};
        }
    }
    _link.uri.clear();
    // What PoDoFo's PdfAnnotation + PdfAction would build, with the action inline instead of a
    // separate object and without the optional /P and /M; corners rounded to 0.01 pt.
    static const PoDoFo::PdfName kLink("Link"), kBorder("Border"), kF("F"), kA("A"), kS("S"),
        kUri("URI");
    PoDoFo::PdfObject* annotation = _doc.GetObjects()->CreateObject("Annot");
    PoDoFo::PdfDictionary& dict = annotation->GetDictionary();
    dict.AddKey(PoDoFo::PdfName::KeySubtype, kLink);
    PoDoFo::PdfArray rect;
    for (double v : {_link.x0, pdfY(_link.yBottom), _link.x1, pdfY(_link.yTop)})
        rect.push_back(PoDoFo::PdfVariant(std::round(v * 100) / 100));
    dict.AddKey(PoDoFo::PdfName::KeyRect, rect);
    PoDoFo::PdfArray border;
    for (int i = 0; i < 3; ++i) border.push_back(PoDoFo::PdfVariant(static_cast<PoDoFo::pdf_int64>(0)));
    dict.AddKey(kBorder, border);
    dict.AddKey(kF, PoDoFo::PdfVariant(static_cast<PoDoFo::pdf_int64>(PoDoFo::ePdfAnnotationFlags_Print)));
    PoDoFo::PdfDictionary action;
    action.AddKey(kS, kUri);
    action.AddKey(kUri, PoDoFo::PdfString(ascii));
    dict.AddKey(kA, action);
    _annotations.push_back(annotation->Reference());
}

}  // namespace kc::pdf
