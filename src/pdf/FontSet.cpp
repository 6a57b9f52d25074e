#include "pdf/FontSet.h"

#include <cmath>
#include <filesystem>

#include "pdf/PdfFailure.h"

namespace kc::pdf {

namespace {

// PoDoFo keeps the size on the font and scales its metrics by it.
constexpr double kMeasureSize = 100;

// Format characters with no width of their own, dropped when drawing: zero-width space and
// joiners, direction marks, embeddings and isolates, line and paragraph separators, word
// joiner, variation selectors (the one after an emoji), byte order mark, tags.
bool isInvisibleFormat(char32_t cp) {
    return cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2069) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           (cp >= 0xE0000 && cp <= 0xE01EF);
}

std::string utf8Of(char32_t cp) {
    std::string s;
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

}  // namespace

Result<std::unique_ptr<FontSet>> FontSet::load(PoDoFo::PdfDocument& doc,
                                               const std::string& directory,
                                               const std::string& family) {
    static constexpr const char* kSuffixes[4] = {"-Regular", "-Bold", "-Italic", "-BoldItalic"};
    std::array<std::string, 4> paths;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        paths[i] = (std::filesystem::path(directory) / (family + kSuffixes[i] + ".ttf")).string();
        // PoDoFo silently substitutes another font for a missing file; check first.
        std::error_code ec;
        if (!std::filesystem::is_regular_file(paths[i], ec))
            return Error{ErrorCode::NotFound, "Không tìm thấy tệp phông chữ: " + paths[i], {}};
    }
    return std::unique_ptr<FontSet>(new FontSet(doc, family, std::move(paths)));
}

FontSet::FontSet(PoDoFo::PdfDocument& doc, std::string family, std::array<std::string, 4> paths)
    : _doc(doc), _family(std::move(family)), _paths(std::move(paths)) {
    const PoDoFo::PdfFontMetrics* metrics = face(std::size_t{0})->GetFontMetrics();
    _ascentPerPt = metrics->GetAscent() / kMeasureSize;
    _descentPerPt = std::abs(metrics->GetDescent()) / kMeasureSize;
}

FontSet::~FontSet() = default;

PoDoFo::PdfFont* FontSet::face(std::size_t i) {
    if (!_faces[i]) {
        _faces[i] = _doc.CreateFontSubset(
            _family.c_str(), (i & 1) != 0, (i & 2) != 0, false,
            PoDoFo::PdfEncodingFactory::GlobalIdentityEncodingInstance(), _paths[i].c_str());
        if (!_faces[i])
            throw PdfFailure("cannot load font " + _paths[i]);
        _faces[i]->SetFontSize(static_cast<float>(kMeasureSize));
    }
    return _faces[i];
}

PoDoFo::PdfFont* FontSet::font(FontStyle style, double sizePt) {
    PoDoFo::PdfFont* f = face(index(style));
    f->SetFontSize(static_cast<float>(sizePt));
    return f;
}

FontSet::GlyphBlock& FontSet::block(std::size_t face, std::uint16_t unit) {
    std::unique_ptr<GlyphBlock>& b = _glyphs[face][unit >> 8];
    if (!b)
        b = std::make_unique<GlyphBlock>();
    return *b;
}

double FontSet::widthPerPt(std::size_t i, std::uint16_t unit) {
    double& w = block(i, unit).widthPerPt[unit & 0xFF];
    if (w < 0) {
        const PoDoFo::PdfFontMetrics* metrics = face(i)->GetFontMetrics();
        w = metrics->UnicodeCharWidth(unit) / metrics->GetFontSize();
    }
    return w;
}

std::uint16_t FontSet::glyphId(std::size_t i, char32_t codePoint, std::uint16_t unit) {
    std::int32_t& id = block(i, unit).id[unit & 0xFF];
    if (id < 0) {
        PoDoFo::PdfFont* f = face(i);
        id = static_cast<std::int32_t>(f->GetFontMetrics()->GetGlyphId(unit) & 0xFFFF);
        // What PdfPainter::DrawText does for a subset font, once per character.
        if (f->IsSubsetting()) {
            const PoDoFo::PdfString s = utf8String(utf8Of(codePoint));
            f->AddUsedSubsettingGlyphs(s, s.GetCharacterLength());
        }
    }
    return static_cast<std::uint16_t>(id);
}

char16_t FontSet::drawn(std::size_t i, char32_t cp) {
    if (isInvisibleFormat(cp))
        return 0;
    if (cp >= 0x10000)  // outside the BMP: emoji and rarer scripts, never in the fonts used
        return kMissing;
    const auto unit = static_cast<std::uint16_t>(cp);
    std::int8_t& has = block(i, unit).has[unit & 0xFF];
    if (has < 0)
        has = face(i)->GetFontMetrics()->GetGlyphId(unit) != 0 ? 1 : 0;
    return has ? static_cast<char16_t>(cp) : kMissing;
}

double FontSet::width(std::string_view text, FontStyle style, double sizePt) {
    const std::size_t i = index(style);
    double perPt = 0;
    forEachCodePoint(text, [&](char32_t cp) {
        if (const char16_t unit = drawn(i, cp))
            perPt += widthPerPt(i, unit);
    });
    return perPt * sizePt;
}

void FontSet::appendGlyphHex(std::string_view text, FontStyle style, std::string& out) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const std::size_t i = index(style);
    forEachCodePoint(text, [&](char32_t cp) {
        if (const char16_t unit = drawn(i, cp)) {
            const std::uint16_t g = glyphId(i, unit, unit);
            const char digits[4] = {kHex[g >> 12], kHex[(g >> 8) & 0xF], kHex[(g >> 4) & 0xF],
                                    kHex[g & 0xF]};
            out.append(digits, 4);
        }
    });
}

}  // namespace kc::pdf
