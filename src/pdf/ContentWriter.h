#pragma once

// Internal to kc_pdf.

#include <memory>
#include <string>
#include <string_view>

#include "pdf/PodofoSupport.h"

namespace kc::pdf {

// Appends PDF content-stream operators to a buffer: numbers with at most three decimals (what
// PoDoFo's painter writes) and text runs grouped into one BT … ET until a graphics operator
// follows. Fonts are named by their PoDoFo identifier.
class ContentWriter {
public:
    void number(double v);  // followed by a space
    void op(std::string_view op) {  // "re\n", "S\n", …
        closeText();
        _out += op;
    }
    // One string of glyph ids (hex) at (x, y) in PDF coordinates.
    void text(const PoDoFo::PdfName& font, double sizePt, double x, double y,
              std::string_view glyphHex);
    void closeText();

    std::string& bytes() { return _out; }
    void clear();

private:
    std::string _out;
    bool _textOpen = false;
    const PoDoFo::PdfName* _font = nullptr;
    double _size = 0;
};

// Deflates page contents with one zlib stream reused for every page (deflateReset instead of a
// new 256 KiB state each time). Throws PdfFailure if zlib fails.
class Deflater {
public:
    Deflater();
    ~Deflater();
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    // The deflated bytes, valid until the next call.
    const std::string& operator()(const std::string& in);

private:
    class Impl;
    std::unique_ptr<Impl> _impl;
};

}  // namespace kc::pdf
