#include "pdf/IncrementalUpdate.h"

#include <cstdio>

namespace kc::pdf {

std::string IncrementalUpdate::text(const PoDoFo::PdfVariant& value) {
    std::string s;
    value.ToString(s, PoDoFo::ePdfWriteMode_Clean);
    return s;
}

void IncrementalUpdate::put(const PoDoFo::PdfReference& ref, std::string body) {
    _objects[ref.ObjectNumber()] = {ref.GenerationNumber(), std::move(body)};
}

void IncrementalUpdate::put(const PoDoFo::PdfObject& object) {
    put(object.Reference(), text(object));
}

std::map<std::uint32_t, std::size_t> IncrementalUpdate::write(
    std::string& out, const PoDoFo::PdfDictionary& lastTrailer, std::int64_t base,
    std::int64_t prevXref) const {
    std::map<std::uint32_t, std::size_t> bodyAt;
    std::map<std::uint32_t, std::int64_t> offsets;
    for (const auto& [number, object] : _objects) {
        offsets[number] = base + static_cast<std::int64_t>(out.size());
        out += std::to_string(number) + " " + std::to_string(object.first) + " obj\n";
        bodyAt[number] = out.size();
        out += object.second;
        out += "\nendobj\n";
    }
    const std::int64_t xrefAt = base + static_cast<std::int64_t>(out.size());
    out += "xref\n";
    // One subsection per run of consecutive numbers; entries are exactly 20 bytes.
    for (auto it = offsets.begin(); it != offsets.end();) {
        auto end = it;
        std::uint32_t expected = it->first;
        while (end != offsets.end() && end->first == expected) ++end, ++expected;
        out += std::to_string(it->first) + " " + std::to_string(expected - it->first) + "\n";
        for (; it != end; ++it) {
            char entry[32];
            std::snprintf(entry, sizeof entry, "%010lld %05u n\r\n",
                          static_cast<long long>(it->second),
                          static_cast<unsigned>(_objects.at(it->first).first));
            out += entry;
        }
    }
    PoDoFo::PdfDictionary trailer;
    trailer.AddKey("Size", static_cast<PoDoFo::pdf_int64>(_next));
    for (const char* key : {"Root", "Info", "ID"})
        if (const PoDoFo::PdfObject* value = lastTrailer.GetKey(key))
            trailer.AddKey(key, *value);
    trailer.AddKey("Prev", static_cast<PoDoFo::pdf_int64>(prevXref));
    out += "trailer\n" + text(trailer) + "\nstartxref\n" + std::to_string(xrefAt) + "\n%%EOF\n";
    return bodyAt;
}

}  // namespace kc::pdf
