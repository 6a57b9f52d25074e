#pragma once

// Internal to kc_pdf.

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/Result.h"
#include "pdf/PodofoSupport.h"

namespace kc::pdf {

struct FontStyle {
    bool bold = false;
    bool italic = false;
};

// The four faces of one TrueType family, embedded in one document as subsets with Identity-H
// encoding (the only encoding that keeps every Vietnamese letter). A face is added to the
// document when first used, so unused faces cost nothing. Not thread-safe.
class FontSet {
public:
    // Checks <directory>/<family>-{Regular,Bold,Italic,BoldItalic}.ttf and reads the regular
    // face's metrics. Errors: NotFound naming the first missing file. The document must
    // outlive the FontSet.
    static Result<std::unique_ptr<FontSet>> load(PoDoFo::PdfDocument& doc,
                                                 const std::string& directory,
                                                 const std::string& family);

    // The face for style, with its size set to sizePt (PoDoFo keeps the size on the font).
    PoDoFo::PdfFont* font(FontStyle style, double sizePt);

    // Advance width in points of NFC UTF-8 text. Cached per face.
    double width(std::string_view text, FontStyle style, double sizePt);

    // Distances from the baseline to the top and (positive) bottom of the regular face.
    double ascent(double sizePt) const { return _ascentPerPt * sizePt; }
    double descent(double sizePt) const { return _descentPerPt * sizePt; }

private:
    FontSet(PoDoFo::PdfDocument& doc, std::string family, std::array<std::string, 4> paths);
    static std::size_t index(FontStyle style) {
        return (style.bold ? 1 : 0) + (style.italic ? 2 : 0);
    }
    PoDoFo::PdfFont* face(std::size_t index);

    PoDoFo::PdfDocument& _doc;
    std::string _family;
    std::array<std::string, 4> _paths;
    std::array<PoDoFo::PdfFont*, 4> _faces{};
    std::array<std::unordered_map<std::string, double>, 4> _widthPerPt;
    double _ascentPerPt = 0;
    double _descentPerPt = 0;
};

}  // namespace kc::pdf
