#include "pdf/PdfDocumentBuilder.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <variant>

#include "core/Text.h"
#include "pdf/BarChartLayout.h"
#include "pdf/FontSet.h"
#include "pdf/OfficialHeaderLayout.h"
#include "pdf/PageCursor.h"
#include "pdf/ParagraphLayout.h"
#include "pdf/PdfFailure.h"
#include "pdf/TableLayout.h"

namespace kc::pdf {

namespace {

struct Space {
    double heightPt;
};
struct PageBreak {};
using Block = std::variant<Paragraph, OfficialHeader, Table, BarChart, Space, PageBreak>;

// Validates UTF-8 and normalises to NFC in place, recording a problem under path.
class TextNormaliser {
public:
    void operator()(std::string& text, const std::string& path) {
        if (!kc::text::isValidUtf8(text)) {
            _problems.push_back({path, "Văn bản không phải UTF-8 hợp lệ"});
            return;
        }
        text = kc::text::toNfc(text);
    }

    void block(Paragraph& p, const std::string& path) {
        for (std::size_t i = 0; i < p.runs.size(); ++i)
            (*this)(p.runs[i].text, path + ": đoạn " + std::to_string(i + 1));
        checkSize(p.style.sizePt, path);
    }
    void block(OfficialHeader& h, const std::string& path) {
        checkSize(h.sizePt, path);
        for (std::string* s :
             {&h.parentBody, &h.issuingBody, &h.number, &h.placeDate, &h.nationalName, &h.motto})
            (*this)(*s, path);
    }
    void block(Table& t, const std::string& path) {
        auto rows = [&](std::vector<TableRow>& list, const std::string& kind) {
            for (std::size_t r = 0; r < list.size(); ++r)
                for (TableCell& cell : list[r]) {
                    const std::string at = path + ": " + kind + " " + std::to_string(r + 1);
                    (*this)(cell.text, at);
                    for (TextRun& run : cell.runs) (*this)(run.text, at);
                }
        };
        rows(t.headerRows, "dòng tiêu đề");
        rows(t.rows, "dòng");
    }
    void block(BarChart& c, const std::string& path) {
        (*this)(c.title, path);
        for (std::size_t i = 0; i < c.labels.size(); ++i)
            (*this)(c.labels[i], path + ": nhãn " + std::to_string(i + 1));
    }
    void block(Space&, const std::string&) {}
    void block(PageBreak&, const std::string&) {}

    std::vector<ErrorDetail>& problems() { return _problems; }

private:
    void checkSize(double sizePt, const std::string& path) {
        if (!(sizePt >= 4 && sizePt <= 72))
            _problems.push_back({path, "Cỡ chữ phải từ 4 đến 72"});
    }

    std::vector<ErrorDetail> _problems;
};

std::string blockPath(std::size_t index, const Block& block) {
    static constexpr const char* kKinds[] = {"đoạn văn", "tiêu đề văn bản", "bảng",
                                             "biểu đồ",  "khoảng trống",    "ngắt trang"};
    return "khối " + std::to_string(index + 1) + " (" + kKinds[block.index()] + ")";
}

// PDF file specifications want a plain name in /F; the real one goes to /UF.
std::string asciiName(const std::string& name) {
    std::string out;
    for (unsigned char c : name) out += (c >= 0x20 && c < 0x7F && c != '/' && c != '\\') ? c : '_';
    return out;
}

void embed(PoDoFo::PdfMemDocument& doc, const Attachment& file) {
    const std::string plain = asciiName(file.name);
    PoDoFo::PdfFileSpec spec(plain.c_str(),
                             reinterpret_cast<const unsigned char*>(file.bytes.data()),
                             static_cast<std::ptrdiff_t>(file.bytes.size()), &doc);
    PoDoFo::PdfDictionary& dict = spec.GetObject()->GetDictionary();
    dict.AddKey("UF", utf8String(file.name));
    if (!file.description.empty())
        dict.AddKey("Desc", utf8String(file.description));
    PoDoFo::PdfObject* ef = dict.GetKey("EF");
    if (!file.mimeType.empty() && ef && ef->IsDictionary()) {
        if (PoDoFo::PdfObject* stream =
                doc.GetObjects().GetObject(ef->GetDictionary().GetKey("F")->GetReference()))
            stream->GetDictionary().AddKey("Subtype", PoDoFo::PdfName(file.mimeType));
    }
    doc.GetNamesTree(true)->AddValue("EmbeddedFiles", PoDoFo::PdfString(plain),
                                     spec.GetObject()->Reference());
}

// The room blocks[i] needs below the cursor so as not to start alone at the bottom of a page:
// a paragraph's first line, a table's header rows and first row, a whole chart; a keep-with-next
// paragraph or a space adds its own height to what follows it.
double leadHeight(PageCursor& page, const std::vector<Block>& blocks, std::size_t i) {
    double height = 0;
    for (; i < blocks.size(); ++i) {
        const Block& block = blocks[i];
        if (const auto* p = std::get_if<Paragraph>(&block)) {
            const ParagraphLayout::Extent extent = ParagraphLayout::measure(page, *p);
            if (!p->style.keepWithNext)
                return height + extent.firstLine;
            height += extent.total;
        } else if (const auto* s = std::get_if<Space>(&block)) {
            height += std::max(s->heightPt, 0.0);
        } else if (const auto* t = std::get_if<Table>(&block)) {
            return height + TableLayout::leadHeight(page, *t);
        } else if (const auto* c = std::get_if<BarChart>(&block)) {
            return height + BarChartLayout::height(page, *c);
        } else {
            return height;  // a page break or an official header
        }
    }
    return height;
}

bool keptWithNext(const Block& block) {
    const auto* p = std::get_if<Paragraph>(&block);
    return p && p->style.keepWithNext;
}

// Draws every block; returns the number of pages.
Result<int> layOut(PoDoFo::PdfMemDocument& doc, const DocumentOptions& options,
                   std::vector<Block>& normalised) {
    Result<std::unique_ptr<FontSet>> fonts =
        FontSet::load(doc, options.fontDirectory, options.fontFamily);
    if (!fonts)
        return fonts.takeError();
    PageCursor page(doc, **fonts, options);
    for (std::size_t i = 0; i < normalised.size(); ++i) {
        const std::string path = blockPath(i, normalised[i]);
        Block& block = normalised[i];
        if (auto* p = std::get_if<Paragraph>(&block)) {
            // The first of a run of keep-with-next paragraphs decides for the run; a run that
            // would not fit even on a fresh page stays where it is.
            if (keptWithNext(block) && (i == 0 || !keptWithNext(normalised[i - 1]))) {
                const double needed = leadHeight(page, normalised, i);
                if (needed <= page.textHeight())
                    page.ensureRoom(needed);
            }
            ParagraphLayout::draw(page, *p);
        } else if (auto* h = std::get_if<OfficialHeader>(&block)) {
            OfficialHeaderLayout::draw(page, *h);
        } else if (auto* t = std::get_if<Table>(&block)) {
            KC_TRY(TableLayout::draw(page, *t, path));
        } else if (auto* c = std::get_if<BarChart>(&block)) {
            KC_TRY(BarChartLayout::draw(page, *c, path));
        } else if (auto* s = std::get_if<Space>(&block)) {
            page.advance(std::max(s->heightPt, 0.0));
        } else if (std::holds_alternative<PageBreak>(block)) {
            page.newPage();
        }
    }
    page.finish();
    return page.pageNumber();
}

}  // namespace

struct PdfDocumentBuilder::Impl {
    DocumentOptions options;
    std::vector<Block> blocks;
    std::vector<Attachment> attachments;

    Result<RenderedPdf> render() const;
};

PdfDocumentBuilder::PdfDocumentBuilder(DocumentOptions options) : _impl(std::make_unique<Impl>()) {
    _impl->options = std::move(options);
}
PdfDocumentBuilder::~PdfDocumentBuilder() = default;
PdfDocumentBuilder::PdfDocumentBuilder(PdfDocumentBuilder&&) noexcept = default;
PdfDocumentBuilder& PdfDocumentBuilder::operator=(PdfDocumentBuilder&&) noexcept = default;

PdfDocumentBuilder& PdfDocumentBuilder::addOfficialHeader(OfficialHeader header) {
    _impl->blocks.emplace_back(std::move(header));
    return *this;
}

PdfDocumentBuilder& PdfDocumentBuilder::addTitle(std::string documentType, std::string subject,
                                                 double sizePt) {
    ParagraphStyle style{sizePt, true, false, Align::Center, 0, 6, 0, 1.2};
    addParagraph(std::move(documentType), style);
    style.spaceBeforePt = 0;
    style.spaceAfterPt = 12;
    style.ruleBelow = true;
    return addParagraph(std::move(subject), style);
}

PdfDocumentBuilder& PdfDocumentBuilder::addParagraph(std::string text, ParagraphStyle style) {
    return addParagraph(Paragraph{{TextRun{std::move(text), false, false, {}}}, style});
}

PdfDocumentBuilder& PdfDocumentBuilder::addParagraph(Paragraph paragraph) {
    _impl->blocks.emplace_back(std::move(paragraph));
    return *this;
}

PdfDocumentBuilder& PdfDocumentBuilder::addTable(Table table) {
    _impl->blocks.emplace_back(std::move(table));
    return *this;
}

PdfDocumentBuilder& PdfDocumentBuilder::addBarChart(BarChart chart) {
    _impl->blocks.emplace_back(std::move(chart));
    return *this;
}

PdfDocumentBuilder& PdfDocumentBuilder::addSpace(double heightPt) {
    _impl->blocks.emplace_back(Space{heightPt});
    return *this;
}

PdfDocumentBuilder& PdfDocumentBuilder::addPageBreak() {
    _impl->blocks.emplace_back(PageBreak{});
    return *this;
}

PdfDocumentBuilder& PdfDocumentBuilder::attachFile(Attachment attachment) {
    _impl->attachments.push_back(std::move(attachment));
    return *this;
}

Result<RenderedPdf> PdfDocumentBuilder::render() const {
    return _impl->render();
}

Status PdfDocumentBuilder::writeFile(const std::string& path) const {
    Result<RenderedPdf> pdf = render();
    if (!pdf)
        return pdf.takeError();
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(pdf->bytes.data(), static_cast<std::streamsize>(pdf->bytes.size()));
        out.flush();
        if (!out) {
            std::remove(temporary.c_str());
            return Error{ErrorCode::NotFound, "Không ghi được tệp " + path, {}};
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::remove(temporary.c_str());
        return Error{ErrorCode::NotFound, "Không ghi được tệp " + path + ": " + ec.message(), {}};
    }
    return Ok{};
}

Result<RenderedPdf> PdfDocumentBuilder::Impl::render() const {
    quietPodofo();
    std::vector<Block> normalised = blocks;
    std::vector<Attachment> files = attachments;
    TextNormaliser normalise;
    std::vector<ErrorDetail>& problems = normalise.problems();
    for (std::size_t i = 0; i < normalised.size(); ++i) {
        const std::string path = blockPath(i, normalised[i]);
        std::visit([&](auto& block) { normalise.block(block, path); }, normalised[i]);
        if (const Table* table = std::get_if<Table>(&normalised[i]))
            for (ErrorDetail& d : TableLayout::validate(*table, path)) problems.push_back(d);
        if (const BarChart* chart = std::get_if<BarChart>(&normalised[i]))
            for (ErrorDetail& d : BarChartLayout::validate(*chart, path)) problems.push_back(d);
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string path = "tệp đính kèm " + std::to_string(i + 1);
        normalise(files[i].name, path);
        normalise(files[i].description, path);
        if (files[i].name.empty() || !names.insert(asciiName(files[i].name)).second)
            problems.push_back({path, "Tên tệp trống hoặc trùng"});
    }
    DocumentOptions opts = options;
    normalise(opts.draftText, "draftText");
    for (std::string* s : {&opts.title, &opts.author, &opts.subject}) normalise(*s, "thông tin");
    if (!problems.empty())
        return Error::invalid("Nội dung văn bản không hợp lệ", std::move(problems));

    try {
        PoDoFo::PdfMemDocument doc;
        Result<int> pageCount = layOut(doc, opts, normalised);
        if (!pageCount)
            return pageCount.takeError();
        for (const Attachment& file : files) embed(doc, file);
        PoDoFo::PdfInfo* info = doc.GetInfo();
        if (!opts.title.empty())
            info->SetTitle(utf8String(opts.title));
        if (!opts.author.empty())
            info->SetAuthor(utf8String(opts.author));
        if (!opts.subject.empty())
            info->SetSubject(utf8String(opts.subject));
        info->SetCreator(utf8String("Kiểm Chứng"));

        PoDoFo::PdfRefCountedBuffer buffer;
        PoDoFo::PdfOutputDevice device(&buffer);
        doc.Write(&device);
        return RenderedPdf{std::string(buffer.GetBuffer(), device.GetLength()), *pageCount};
    } catch (const PoDoFo::PdfError& e) {
        throw PdfFailure(describe(e));
    }
}

}  // namespace kc::pdf
