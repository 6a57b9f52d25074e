#include "pdf/PdfObjectIndex.h"

#include <algorithm>
#include <istream>
#include <set>
#include <streambuf>

namespace kc::pdf {

namespace {

// A read-only istream over bytes that are not copied (PoDoFo's buffer device copies them).
class ViewBuffer : public std::streambuf {
public:
    explicit ViewBuffer(std::string_view bytes) {
        char* begin = const_cast<char*>(bytes.data());
        setg(begin, begin, begin + bytes.size());
    }

protected:
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
        const off_type base = dir == std::ios_base::beg   ? 0
                              : dir == std::ios_base::cur ? gptr() - eback()
                                                          : egptr() - eback();
        return seekpos(pos_type(base + off), std::ios_base::in);
    }
    pos_type seekpos(pos_type pos, std::ios_base::openmode) override {
        if (pos < 0 || pos > egptr() - eback())
            return pos_type(off_type(-1));
        setg(eback(), eback() + pos, egptr());
        return pos;
    }
};

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

// A cursor over a cross-reference table: whitespace-separated unsigned numbers and keywords.
struct Cursor {
    std::string_view text;
    std::size_t at;

    void skipSpace() {
        while (at < text.size() && isSpace(text[at])) ++at;
    }
    bool keyword(std::string_view word) {
        skipSpace();
        if (text.substr(at, word.size()) != word)
            return false;
        at += word.size();
        return true;
    }
    bool number(std::int64_t& value) {
        skipSpace();
        const std::size_t start = at;
        value = 0;
        while (at < text.size() && at - start < 12 && text[at] >= '0' && text[at] <= '9')
            value = value * 10 + (text[at++] - '0');
        return at > start && (at == text.size() || !(text[at] >= '0' && text[at] <= '9'));
    }
};

Error invalid(const std::string& why) {
    return Error::invalid("Không đọc được bảng tham chiếu chéo của PDF: " + why);
}

constexpr std::int64_t kMaxObjects = 8388607;  // PDF 1.7, Annex C
constexpr int kMaxSections = 4096;

}  // namespace

struct PdfObjectIndex::Source {
    explicit Source(std::string_view pdf)
        : buffer(pdf), stream(&buffer), device(new PoDoFo::PdfInputDevice(&stream)) {}
    ViewBuffer buffer;
    std::istream stream;
    PoDoFo::PdfRefCountedInputDevice device;
    PoDoFo::PdfRefCountedBuffer scratch{4096};
    PoDoFo::PdfVecObjects objects;
};

PdfObjectIndex::PdfObjectIndex(std::string_view pdf)
    : _pdf(pdf), _source(std::make_unique<Source>(pdf)) {}
PdfObjectIndex::~PdfObjectIndex() = default;

const PoDoFo::PdfDictionary& PdfObjectIndex::trailer() const {
    return _trailer->GetDictionary();
}

Result<std::unique_ptr<PdfObjectIndex>> PdfObjectIndex::open(std::string_view pdf) {
    quietPodofo();
    // "startxref <offset> %%EOF" within the last kilobyte (PDF 1.7, 7.5.5).
    const std::size_t tail = pdf.size() > 1024 ? pdf.size() - 1024 : 0;
    const std::size_t keyword = pdf.rfind("startxref");
    if (keyword == std::string_view::npos || keyword < tail)
        return invalid("thiếu startxref");
    Cursor cursor{pdf, keyword + 9};
    std::int64_t offset = 0;
    if (!cursor.number(offset))
        return invalid("startxref không hợp lệ");

    std::unique_ptr<PdfObjectIndex> index(new PdfObjectIndex(pdf));
    index->_startXref = offset;
    std::set<std::int64_t> seen;
    for (bool latest = true; offset >= 0; latest = false) {
        if (!seen.insert(offset).second || seen.size() > kMaxSections)
            return invalid("chuỗi /Prev lặp");
        KC_TRY(index->readSection(offset, latest));
        const PoDoFo::PdfObject* prev = index->_lastTrailer->GetDictionary().GetKey("Prev");
        offset = prev && prev->IsNumber() ? prev->GetNumber() : -1;
    }
    // New objects are numbered from size(): never below a number some table lists, whatever
    // /Size says.
    index->_size = std::max(index->_size, static_cast<std::uint32_t>(index->_entries.size()));
    return index;
}

Status PdfObjectIndex::readSection(std::int64_t offset, bool latest) {
    if (offset < 0 || offset >= static_cast<std::int64_t>(_pdf.size()))
        return invalid("vị trí bảng nằm ngoài tệp");
    Cursor cursor{_pdf, static_cast<std::size_t>(offset)};
    if (!cursor.keyword("xref"))
        return invalid("không phải bảng xref cổ điển (xref stream chưa được hỗ trợ)");
    while (!cursor.keyword("trailer")) {
        std::int64_t first = 0, count = 0;
        if (!cursor.number(first) || !cursor.number(count) || first + count > kMaxObjects)
            return invalid("tiêu đề phân đoạn hỏng");
        if (static_cast<std::int64_t>(_entries.size()) < first + count) {
            _entries.resize(static_cast<std::size_t>(first + count));
            _listed.resize(static_cast<std::size_t>(first + count));
        }
        for (std::int64_t n = first; n < first + count; ++n) {
            std::int64_t at = 0, generation = 0;
            if (!cursor.number(at) || !cursor.number(generation) || generation > 65535)
                return invalid("mục hỏng");
            cursor.skipSpace();
            const char type = cursor.at < _pdf.size() ? _pdf[cursor.at++] : '\0';
            if (type != 'n' && type != 'f')
                return invalid("mục hỏng");
            const auto i = static_cast<std::size_t>(n);
            if (_listed[i])
                continue;  // a later revision already says where this object is
            _listed[i] = true;
            if (type == 'n')
                _entries[i] = {at, static_cast<std::uint16_t>(generation)};
        }
    }
    std::unique_ptr<PoDoFo::PdfObject> trailer =
        parseAt(static_cast<std::int64_t>(cursor.at), true);
    if (!trailer || !trailer->IsDictionary())
        return invalid("trailer hỏng");
    const PoDoFo::PdfDictionary& dict = trailer->GetDictionary();
    if (dict.HasKey("XRefStm"))
        return invalid("tệp lai có /XRefStm chưa được hỗ trợ");
    if (latest) {
        if (dict.HasKey("Encrypt"))
            return Error::invalid("Không ký được PDF đã mã hóa");
        const PoDoFo::PdfObject* size = dict.GetKey("Size");
        const PoDoFo::PdfObject* root = dict.GetKey("Root");
        if (!size || !size->IsNumber() || size->GetNumber() < 1 ||
            size->GetNumber() > kMaxObjects || !root || !root->IsReference())
            return invalid("trailer thiếu /Size hoặc /Root");
        _size = static_cast<std::uint32_t>(size->GetNumber());
        _trailer = std::move(trailer);
        _lastTrailer = _trailer.get();
    } else {
        _older.push_back(std::move(trailer));
        _lastTrailer = _older.back().get();
    }
    return Ok{};
}

std::unique_ptr<PoDoFo::PdfObject> PdfObjectIndex::parseAt(std::int64_t offset,
                                                           bool trailer) const {
    try {
        auto object = std::make_unique<PoDoFo::PdfParserObject>(
            &_source->objects, _source->device, _source->scratch,
            static_cast<PoDoFo::pdf_long>(offset));
        object->SetLoadOnDemand(false);
        object->ParseFile(nullptr, trailer);
        return object;
    } catch (const PoDoFo::PdfError&) {
        return nullptr;
    }
}

std::unique_ptr<PoDoFo::PdfObject> PdfObjectIndex::load(const PoDoFo::PdfReference& ref) const {
    const std::size_t n = ref.ObjectNumber();
    if (n >= _entries.size() || _entries[n].offset < 0 ||
        _entries[n].generation != ref.GenerationNumber() ||
        _entries[n].offset >= static_cast<std::int64_t>(_pdf.size()))
        return nullptr;
    std::unique_ptr<PoDoFo::PdfObject> object = parseAt(_entries[n].offset, false);
    if (!object || object->Reference() != ref)
        return nullptr;
    return object;
}

std::unique_ptr<PoDoFo::PdfObject> PdfObjectIndex::resolve(const PoDoFo::PdfObject* object) const {
    if (!object)
        return nullptr;
    if (object->IsReference())
        return load(object->GetReference());
    return std::make_unique<PoDoFo::PdfObject>(*object);
}

}  // namespace kc::pdf
