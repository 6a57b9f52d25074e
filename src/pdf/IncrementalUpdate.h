#pragma once

// Internal to kc_pdf.

#include <cstdint>
#include <map>
#include <string>

#include "pdf/PodofoSupport.h"

namespace kc::pdf {

// The objects of one incremental update (ISO 32000-1, 7.5.6), each under a new number or the
// number of the object it replaces, written after the existing bytes with a classic
// cross-reference section and a trailer that points back with /Prev. Not thread-safe.
class IncrementalUpdate {
public:
    // nextNumber: the first free object number (the file's /Size).
    explicit IncrementalUpdate(std::uint32_t nextNumber) : _next(nextNumber) {}

    // A new object number (generation 0).
    PoDoFo::PdfReference allocate() { return PoDoFo::PdfReference(_next++, 0); }

    // Adds or replaces the object ref; body is what goes between "n g obj" and "endobj".
    void put(const PoDoFo::PdfReference& ref, std::string body);
    // Adds an indirect object under its own reference, serialised by PoDoFo (no stream).
    void put(const PoDoFo::PdfObject& object);

    // Appends the objects, the xref section and a trailer (/Size, /Root, /Info and /ID from
    // lastTrailer, /Prev prevXref) to out. base: the file's size before out, so offsets are
    // absolute. Returns where each object's body starts, relative to out's start.
    std::map<std::uint32_t, std::size_t> write(std::string& out,
                                               const PoDoFo::PdfDictionary& lastTrailer,
                                               std::int64_t base, std::int64_t prevXref) const;

    // PoDoFo's serialisation of a value (strings as PDF strings, names escaped, and so on).
    static std::string text(const PoDoFo::PdfVariant& value);

private:
    std::uint32_t _next;
    std::map<std::uint32_t, std::pair<std::uint16_t, std::string>> _objects;
};

}  // namespace kc::pdf
