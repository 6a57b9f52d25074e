#pragma once

// Internal to kc_pdf.

#include <string>
#include <string_view>

#include "pdf/DocumentModel.h"
#include "pdf/FontSet.h"
#include "pdf/PodofoSupport.h"

namespace kc::pdf {

// The page being filled and the vertical position on it. Positions are measured from the top
// edge of the page downwards (PDF's own y axis points up; only this class converts). Starting a
// page draws its furniture: the page number from page 2 on and the draft mark. Not thread-safe.
class PageCursor {
public:
    // Opens page 1. doc, fonts and options must outlive the cursor.
    PageCursor(PoDoFo::PdfDocument& doc, FontSet& fonts, const DocumentOptions& options);
    ~PageCursor();
    PageCursor(const PageCursor&) = delete;
    PageCursor& operator=(const PageCursor&) = delete;

    // Finishes the current page's content stream. Call once, after the last block.
    void finish();

    FontSet& fonts() { return _fonts; }
    PoDoFo::PdfPainter& painter() { return _painter; }
    int pageNumber() const { return _pageNumber; }

    double left() const { return _left; }
    double right() const { return _right; }
    double textWidth() const { return _right - _left; }
    double top() const { return _top; }
    double bottom() const { return _bottom; }
    double textHeight() const { return _bottom - _top; }

    double y() const { return _y; }
    double remaining() const { return _bottom - _y; }
    bool atPageTop() const { return _y <= _top; }
    void advance(double dy) { _y += dy; }

    void newPage();
    // Starts a new page unless height fits below y() (or y() is already at the page top).
    // Returns true when it broke the page.
    bool ensureRoom(double height);

    // Draws text with its baseline at baselineY.
    void drawText(double x, double baselineY, std::string_view text, FontStyle style,
                  double sizePt);
    void drawLine(double x1, double y1, double x2, double y2, double widthPt = 0.5);
    void strokeRect(double x, double yTop, double width, double height, double widthPt = 0.5);
    void fillRect(double x, double yTop, double width, double height, double gray);
    // A URI link annotation over the rectangle (no visible border).
    void addLink(double x, double yTop, double width, double height, const std::string& uri);

    double pdfY(double yFromTop) const { return kA4HeightPt - yFromTop; }

private:
    void drawFurniture();

    PoDoFo::PdfDocument& _doc;
    FontSet& _fonts;
    const DocumentOptions& _options;
    PoDoFo::PdfPainter _painter;
    PoDoFo::PdfPage* _page = nullptr;
    int _pageNumber = 0;
    double _left, _right, _top, _bottom;
    double _y = 0;
};

}  // namespace kc::pdf
