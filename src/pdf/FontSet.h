#pragma once

// Internal to kc_pdf.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

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
//
// Text is measured and encoded here, not by PoDoFo's painter: each face keeps, per UTF-16 code
// unit (what PoDoFo 0.9.8 works in), its advance width and glyph id, looked up once from the
// face's metrics, and tells the face which characters its subset needs the first time each one
// is used.
class FontSet {
public:
    // Checks <directory>/<family>-{Regular,Bold,Italic,BoldItalic}.ttf and reads the regular
    // face's metrics. Errors: NotFound naming the first missing file. The document must
    // outlive the FontSet.
    static Result<std::unique_ptr<FontSet>> load(PoDoFo::PdfDocument& doc,
                                                 const std::string& directory,
                                                 const std::string& family);
    ~FontSet();

    // The face for style (added to the document on first use).
    PoDoFo::PdfFont* face(FontStyle style) { return face(index(style)); }
    // The same, with its size set to sizePt (PoDoFo keeps the size on the font), for drawing
    // through PoDoFo's painter.
    PoDoFo::PdfFont* font(FontStyle style, double sizePt);

    // What stands for a character the face has no glyph for (emoji, CJK…): □, U+25A1, which
    // Liberation Serif and Times New Roman have. A missing character shows and is measured as
    // drawn; invisible format characters (joiners, variation selectors, direction marks) are
    // dropped.
    static constexpr char16_t kMissing = 0x25A1;

    // Advance width in points of NFC UTF-8 text, as appendGlyphHex draws it.
    double width(std::string_view text, FontStyle style, double sizePt);

    // Appends the glyph ids of the characters drawn for text (see kMissing) as PDF hex digits (four
    // each, for a <…> Tj string under Identity-H) and marks its characters as used by the subset.
    void appendGlyphHex(std::string_view text, FontStyle style, std::string& out);

    // Distances from the baseline to the top and (positive) bottom of the regular face.
    double ascent(double sizePt) const { return _ascentPerPt * sizePt; }
    double descent(double sizePt) const { return _descentPerPt * sizePt; }

private:
    // What one face knows about 256 consecutive UTF-16 units (a block is allocated when one of
    // its units is first used).
    struct GlyphBlock {
        GlyphBlock() {
            widthPerPt.fill(-1);
            has.fill(-1);
            id.fill(-1);
        }
        std::array<double, 256> widthPerPt;  // < 0: not looked up yet
        std::array<std::int8_t, 256> has;    // whether the face has a glyph; < 0: not looked up
        std::array<std::int32_t, 256> id;    // < 0: not looked up (nor marked as used) yet
    };
    using Glyphs = std::array<std::unique_ptr<GlyphBlock>, 256>;

    FontSet(PoDoFo::PdfDocument& doc, std::string family, std::array<std::string, 4> paths);
    static std::size_t index(FontStyle style) {
        return (style.bold ? 1 : 0) + (style.italic ? 2 : 0);
    }
    PoDoFo::PdfFont* face(std::size_t index);
    GlyphBlock& block(std::size_t face, std::uint16_t unit);
    double widthPerPt(std::size_t face, std::uint16_t unit);
    // The UTF-16 unit drawn for cp in a face: cp, kMissing, or 0 for nothing (see kMissing).
    char16_t drawn(std::size_t face, char32_t cp);
    std::uint16_t glyphId(std::size_t face, char32_t codePoint, std::uint16_t unit);

    PoDoFo::PdfDocument& _doc;
    std::string _family;
    std::array<std::string, 4> _paths;
    std::array<PoDoFo::PdfFont*, 4> _faces{};
    std::array<Glyphs, 4> _glyphs;
    double _ascentPerPt = 0;
    double _descentPerPt = 0;
};

// Calls f(codePoint) for each code point of valid UTF-8 text.
template <typename F>
void forEachCodePoint(std::string_view text, F&& f) {
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        char32_t cp;
        std::size_t len;
        if (lead < 0x80) {
            cp = lead;
            len = 1;
        } else if ((lead >> 5) == 0x6) {
            cp = lead & 0x1F;
            len = 2;
        } else if ((lead >> 4) == 0xE) {
            cp = lead & 0x0F;
            len = 3;
        } else {
            cp = lead & 0x07;
            len = 4;
        }
        for (std::size_t k = 1; k < len && i + k < text.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        f(cp);
        i += len;
    }
}

}  // namespace kc::pdf
