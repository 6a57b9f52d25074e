#pragma once

#include <string>
#include <utility>
#include <vector>

// The blocks a PdfDocumentBuilder lays out: plain data, no PoDoFo. All text is UTF-8; it is
// validated and NFC-normalised when the document is rendered. Lengths in the names' units
// (Pt = 1/72 inch, Mm, Cm).
namespace kc::pdf {

enum class Align { Left, Center, Right, Justify };

// Page geometry. Defaults follow Decree 30/2020 (A4 portrait, top/bottom 20, left 30, right 15).
struct PageMargins {
    double topMm = 20;
    double bottomMm = 20;
    double leftMm = 30;
    double rightMm = 15;
};

struct DocumentOptions {
    // Directory holding <fontFamily>-{Regular,Bold,Italic,BoldItalic}.ttf; the fonts are
    // embedded as subsets with Identity-H encoding.
    std::string fontDirectory = "/usr/share/fonts/truetype/liberation2";
    std::string fontFamily = "LiberationSerif";
    PageMargins margins;
    bool pageNumbers = true;  // centred in the top margin, from page 2 on (Decree 30)
    double pageNumberSizePt = 13;
    bool draftMark = false;  // a grey diagonal "DỰ THẢO" on every page
    std::string draftText = "DỰ THẢO";
    // Document information dictionary.
    std::string title;
    std::string author;
    std::string subject;
};

// A piece of a paragraph with its own emphasis; a non-empty uri makes it a clickable link
// (non-ASCII bytes in it are percent-encoded).
// A run's bold/italic add to the paragraph style's.
struct TextRun {
    TextRun(std::string text = {}, bool bold = false, bool italic = false, std::string uri = {})
        : text(std::move(text)), bold(bold), italic(italic), uri(std::move(uri)) {}

    std::string text;
    bool bold;
    bool italic;
    std::string uri;
};

struct ParagraphStyle {
    double sizePt = 13;
    bool bold = false;
    bool italic = false;
    Align align = Align::Justify;
    double firstLineIndentCm = 0;  // Decree 30 body text: 1–1.27 cm
    double spaceBeforePt = 0;
    double spaceAfterPt = 6;
    double lineSpacing = 1.2;  // line height as a multiple of sizePt; at least 1.15
    // For headings and captions: the paragraph starts on the next page unless it fits on this
    // one with the start of the block after it (a paragraph's first line, a table's header rows
    // and first row, a whole chart). Consecutive such paragraphs move together.
    bool keepWithNext = false;
    // Decree 30: under the subject line of a named document type, a centred rule a third as
    // long as the (longest) line.
    bool ruleBelow = false;
};

struct Paragraph {
    std::vector<TextRun> runs;
    ParagraphStyle style;
};

// The Decree 30 two-column block at the top of page 1. The caller supplies capitals where the
// decree wants them (bodies, national name); lines too wide for their column are shrunk.
struct OfficialHeader {
    std::string parentBody;   // e.g. "UBND HUYỆN BẢO YÊN"; may be empty
    std::string issuingBody;  // e.g. "UBND XÃ PHÚC KHÁNH"; bold, short rule under it
    std::string number;       // e.g. "Số: 207/QĐ-UBND"
    std::string placeDate;    // e.g. "Bảo Yên, ngày 02 tháng 02 năm 2023"; italic
    std::string nationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    std::string motto = "Độc lập - Tự do - Hạnh phúc";  // bold, rule under it
    double sizePt = 13;
    double leftColumnFraction = 0.4;  // of the text width
};

struct TableCell {
    TableCell(std::string text = {}, bool bold = false, std::string uri = {}, int colSpan = 1)
        : text(std::move(text)), bold(bold), uri(std::move(uri)), colSpan(colSpan) {}
    TableCell(const char* text) : TableCell(std::string(text)) {}

    std::string text;
    bool bold;
    std::string uri;  // non-empty: the whole cell is a clickable link
    int colSpan;      // cells spanned, >= 1
    bool italic = false;
    double sizePt = 0;  // 0: the table's sizePt
    // When non-empty, drawn instead of text: runs with their own emphasis and links ('\n'
    // breaks a line), e.g. several evidence citations each linking to its file.
    std::vector<TextRun> runs;
};

struct TableColumn {
    double widthFraction = 0;  // of the text width; the columns' fractions add up to <= 1
    bool numeric = false;      // body cells right-aligned (headers are always centred)
    bool centered = false;     // body cells centred
};

using TableRow = std::vector<TableCell>;

// Header rows are repeated at the top of every page the table spans. A body row moves whole to
// the next page when it does not fit in what remains of one; only a row taller than a page (with
// the header rows) is split, between lines, over as many pages as it needs.
struct Table {
    std::vector<TableColumn> columns;
    std::vector<TableRow> headerRows;
    std::vector<TableRow> rows;
    double sizePt = 11;
    double cellPaddingPt = 3;
    double spaceAfterPt = 8;
    // false: no rules and no header shading, for side-by-side blocks such as "Nơi nhận" next
    // to the signer.
    bool borders = true;
    // true: a table that fits on a page is never broken; it moves whole to the next page when
    // it does not fit in what remains of this one (e.g. the signer block). A taller table is
    // laid out as if false.
    bool keepTogether = false;
};

// Vertical bars with an axis, value labels (decimal comma, e.g. "94,29") and category labels.
struct BarChart {
    std::string title;  // optional, bold, centred above the chart
    std::vector<std::string> labels;
    std::vector<double> values;  // one per label, >= 0
    double heightMm = 70;        // plot area, without title and category labels
    // The axis is rounded up from the larger of this and the largest value: charts given the
    // same maxValue (at least each one's largest value) share one scale.
    double maxValue = 0;
    int decimals = 2;
    double sizePt = 9;
    double spaceAfterPt = 8;
};

// A file embedded in the PDF's EmbeddedFiles name tree (so a signature covers it).
struct Attachment {
    std::string name;  // file name shown by readers, e.g. "manifest.json"
    std::string bytes;
    std::string mimeType;  // e.g. "application/json"; may be empty
    std::string description;
};

}  // namespace kc::pdf
