#include "pdf/FontSet.h"

#include <cmath>
#include <filesystem>

#include "pdf/PdfFailure.h"

namespace kc::pdf {

namespace {

constexpr double kMeasureSize = 100;

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
    PoDoFo::PdfFont* regular = face(0);
    regular->SetFontSize(static_cast<float>(kMeasureSize));
    const PoDoFo::PdfFontMetrics* metrics = regular->GetFontMetrics();
    _ascentPerPt = metrics->GetAscent() / kMeasureSize;
    _descentPerPt = std::abs(metrics->GetDescent()) / kMeasureSize;
}

PoDoFo::PdfFont* FontSet::face(std::size_t i) {
    if (!_faces[i]) {
        _faces[i] = _doc.CreateFontSubset(
            _family.c_str(), (i & 1) != 0, (i & 2) != 0, false,
            PoDoFo::PdfEncodingFactory::GlobalIdentityEncodingInstance(), _paths[i].c_str());
        if (!_faces[i])
            throw PdfFailure("cannot load font " + _paths[i]);
    }
    return _faces[i];
}

PoDoFo::PdfFont* FontSet::font(FontStyle style, double sizePt) {
    PoDoFo::PdfFont* f = face(index(style));
    f->SetFontSize(static_cast<float>(sizePt));
    return f;
}

double FontSet::width(std::string_view text, FontStyle style, double sizePt) {
    auto& cache = _widthPerPt[index(style)];
    std::string key(text);
    auto it = cache.find(key);
    if (it == cache.end()) {
        PoDoFo::PdfFont* f = font(style, kMeasureSize);
        const double w = f->GetFontMetrics()->StringWidth(utf8String(text)) / kMeasureSize;
        it = cache.emplace(std::move(key), w).first;
    }
    return it->second * sizePt;
}

}  // namespace kc::pdf
