#pragma once

// Internal to kc_pdf.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/ContentWriter.h"
#include "pdf/DocumentModel.h"
#include "pdf/FontSet.h"
#include "pdf/PodofoSupport.h"

namespace kc::pdf {

// The page being filled and the vertical position on it. Positions are measured from the top
// edge of the page downwards (PDF's own y axis points up; only this class converts). Starting a
// page draws its furniture: the page number from page 2 on and the draft mark. Content is
// written directly as operators (not through PoDoFo's painter) and stored deflated when the
// page is finished. Not thread-safe.
class PageCursor {
public:
    // Opens page 1. doc, fonts and options must outlive the cursor.
    PageCursor(PoDoFo::PdfDocument& doc, FontSet& fonts, const DocumentOptions& options);
    ~PageCursor();
    PageCursor(const PageCursor&) = delete;
    PageCursor& operator=(const PageCursor&) = delete;

    // Finishes the current page's content stream and adds the pages to the document's page
    // tree (all at once: PoDoFo walks the tree's kids for every page added on its own). Call
    // once, after the last block.
    void finish();

    FontSet& fonts() { return _fonts; }
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
    // Rectangles added to the current path, stroked together by strokePath() (every rectangle
    // of one path with the same line width).
    void addRect(double x, double yTop, double width, double height, double widthPt = 0.5);
    void strokePath();
    void fillRect(double x, double yTop, double width, double height, double gray);
    void fillRect(double x, double yTop, double width, double height, double r, double g,
                  double b);
    void setStrokeGray(double gray);
    // A URI link annotation over the rectangle (no visible border). endsLine: nothing is drawn
    // to the right of the rectangle on its line. A link to the same uri on the next line below,
    // starting at the same x and also ending its line (a citation wrapped in a table cell), is
    // merged into one annotation: their bounding box covers no other text.
    void addLink(double x, double yTop, double width, double height, std::string_view uri,
                 bool endsLine = false);

    double pdfY(double yFromTop) const { return kA4HeightPt - yFromTop; }

private:
    void finishPage();
    void flushLink();
    void drawFurniture();
    void setLineWidth(double widthPt);
    void rectPath(double x, double yTop, double width, double height);
    const PoDoFo::PdfName& useFont(FontStyle style);

    PoDoFo::PdfDocument& _doc;
    FontSet& _fonts;
    const DocumentOptions& _options;
    std::vector<std::unique_ptr<PoDoFo::PdfPage>> _pages;  // not yet in the page tree
    PoDoFo::PdfPage* _page = nullptr;
    Deflater _deflater;
    ContentWriter _content;
    PoDoFo::PdfArray _annotations;
    struct PendingLink {
        std::string uri;  // empty: none
        double x0 = 0, x1 = 0, yTop = 0, yBottom = 0;
        bool endsLine = false;
    } _link;
    std::string _hex;         // reused for each drawText
    unsigned _fontsUsed = 0;  // faces already in this page's resources, one bit per face
    double _lineWidth = -1;   // current line width on this page (-1: PDF default, not set)
    int _pageNumber = 0;
    double _left, _right, _top, _bottom;
    double _y = 0;
};

}  // namespace kc::pdf
