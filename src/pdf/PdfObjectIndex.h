#pragma once

// Internal to kc_pdf.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/Result.h"
#include "pdf/PodofoSupport.h"

namespace kc::pdf {

// The objects of a PDF as its latest revision sees them, read straight from the bytes: only the
// trailers and the classic cross-reference tables ("xref" sections chained by /Prev) are parsed
// up front, each object when asked for. Enough to append an incremental update to a large file
// without loading it. The bytes must outlive the index. Not thread-safe.
class PdfObjectIndex {
public:
    // Errors: InvalidInput when there is no startxref, the cross-reference data is an xref
    // stream or a hybrid file (/XRefStm), a table or trailer is malformed, or the file is
    // encrypted (/Encrypt).
    static Result<std::unique_ptr<PdfObjectIndex>> open(std::string_view pdf);
    ~PdfObjectIndex();

    // The latest trailer (/Root, /Size, /Info, /ID, /Prev...).
    const PoDoFo::PdfDictionary& trailer() const;
    // Offset of the latest cross-reference section (what startxref says).
    std::int64_t startXref() const { return _startXref; }
    // The number a new object gets: the trailer's /Size, or more if a table lists higher ones.
    std::uint32_t size() const { return _size; }

    // The object ref points to (an in-use entry whose "n g obj" header matches), parsed with
    // its dictionary or array, streams not loaded; null when free, missing or unparseable.
    std::unique_ptr<PoDoFo::PdfObject> load(const PoDoFo::PdfReference& ref) const;

    // A copy of object, or of what it refers to; null as load() says.
    std::unique_ptr<PoDoFo::PdfObject> resolve(const PoDoFo::PdfObject* object) const;

private:
    struct Entry {
        std::int64_t offset = -1;  // -1: free or never listed
        std::uint16_t generation = 0;
    };
    struct Source;

    PdfObjectIndex(std::string_view pdf);
    Status readSection(std::int64_t offset, bool latest);
    std::unique_ptr<PoDoFo::PdfObject> parseAt(std::int64_t offset, bool trailer) const;

    std::string_view _pdf;
    std::unique_ptr<Source> _source;
    std::unique_ptr<PoDoFo::PdfObject> _trailer;
    std::vector<std::unique_ptr<PoDoFo::PdfObject>> _older;  // earlier revisions' trailers
    const PoDoFo::PdfObject* _lastTrailer = nullptr;         // the one just read
    std::vector<Entry> _entries;
    std::vector<bool> _listed;  // an entry (in use or free) was read for this number
    std::int64_t _startXref = 0;
    std::uint32_t _size = 0;
};

}  // namespace kc::pdf
