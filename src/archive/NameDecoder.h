#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kc {

// Turns the raw bytes of an archive member name into UTF-8 (not yet NFC).
//
// Names that are already valid UTF-8 are returned unchanged. Anything else is taken to be a
// legacy Windows/DOS name (a zip's without the UTF-8 flag, a RAR 4's without the Unicode flag):
// decoded as CP1258 (Vietnamese Windows), and if CP1258 rejects a byte (0x81, 0x8A, 0x8D-0x90,
// 0x9A, 0x9D, 0x9E are undefined there) as CP437 (DOS). A CP437 name made only of bytes CP1258 also defines decodes as CP1258:
// the bytes alone cannot tell the two apart, and Vietnamese uploads are the common case.
//
// We convert with iconv ourselves rather than libarchive's hdrcharset=CP1258 option: that one
// never flushes glibc's stateful CP1258 decoder, which holds back a name's last letter (waiting
// for a possible tone mark) and prepends it to the next name. Here every name starts from a
// reset state and ends with an explicit flush.
//
// Not thread-safe (owns iconv descriptors); one per ArchiveReader.
class NameDecoder {
public:
    // Throws std::runtime_error if iconv lacks CP1258 or CP437 (broken installation).
    NameDecoder();
    ~NameDecoder();
    NameDecoder(const NameDecoder&) = delete;
    NameDecoder& operator=(const NameDecoder&) = delete;

    // The name in UTF-8, or nullopt if no supported encoding decodes it.
    std::optional<std::string> decode(std::string_view raw);

    // Lossy display form for names decode() refused: invalid bytes become '?'.
    static std::string printable(std::string_view raw);

private:
    struct Converter;
    std::optional<std::string> convert(Converter& converter, std::string_view raw);

    std::unique_ptr<Converter> _cp1258;
    std::unique_ptr<Converter> _cp437;
};

}  // namespace kc
