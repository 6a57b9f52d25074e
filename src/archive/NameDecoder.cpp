#include "archive/NameDecoder.h"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>

#include "core/Text.h"

namespace kc {

struct NameDecoder::Converter {
    explicit Converter(const char* from) : cd(iconv_open("UTF-8", from)) {
        if (cd == reinterpret_cast<iconv_t>(-1))
            throw std::runtime_error(std::string("iconv cannot convert from ") + from +
                                     " (glibc gconv modules missing?)");
    }
    ~Converter() { iconv_close(cd); }
    iconv_t cd;
};

NameDecoder::NameDecoder()
    : _cp1258(std::make_unique<Converter>("CP1258")),
      _cp437(std::make_unique<Converter>("CP437")) {}

NameDecoder::~NameDecoder() = default;

std::optional<std::string> NameDecoder::decode(std::string_view raw) {
    if (text::isValidUtf8(raw))
        return std::string(raw);
    if (auto utf8 = convert(*_cp1258, raw))
        return utf8;
    return convert(*_cp437, raw);
}

std::optional<std::string> NameDecoder::convert(Converter& converter, std::string_view raw) {
    iconv(converter.cd, nullptr, nullptr, nullptr, nullptr);
    // A byte of CP1258 or CP437 never becomes more than 3 bytes of UTF-8; +8 leaves room for
    // the flush.
    std::string out(raw.size() * 3 + 8, '\0');
    char* in = const_cast<char*>(raw.data());
    std::size_t inLeft = raw.size();
    char* dst = out.data();
    std::size_t outLeft = out.size();
    if (iconv(converter.cd, &in, &inLeft, &dst, &outLeft) == static_cast<std::size_t>(-1) ||
        iconv(converter.cd, nullptr, nullptr, &dst, &outLeft) == static_cast<std::size_t>(-1))
        return std::nullopt;
    out.resize(out.size() - outLeft);
    if (!text::isValidUtf8(out))
        return std::nullopt;
    return out;
}

std::string NameDecoder::printable(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size();) {
        std::size_t len = 1;
        unsigned char c = static_cast<unsigned char>(raw[i]);
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        if (i + len <= raw.size() && text::isValidUtf8(raw.substr(i, len))) {
            out.append(raw.substr(i, len));
            i += len;
        } else {
            out += '?';
            ++i;
        }
    }
    return out;
}

}  // namespace kc
