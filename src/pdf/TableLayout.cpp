#include "pdf/TableLayout.h"

#include <algorithm>
#include <cmath>

#include "pdf/TextLayout.h"

namespace kc::pdf {

namespace {

constexpr double kLineSpacing = 1.15;
constexpr double kHeaderGray = 0.9;

struct PreparedCell {
    double x = 0;
    double width = 0;
    std::vector<TextLine> lines;
    Align align = Align::Left;
    std::string uri;
};

struct PreparedRow {
    double height = 0;
    bool header = false;
    std::vector<PreparedCell> cells;
};

class Preparer {
public:
    Preparer(PageCursor& page, const Table& table) : _page(page), _table(table) {
        double x = page.left();
        for (const TableColumn& column : table.columns) {
            _x.push_back(x);
            x += column.widthFraction * page.textWidth();
        }
        _x.push_back(x);
    }

    PreparedRow prepare(const TableRow& row, bool header) {
        const double size = _table.sizePt;
        const double pad = _table.cellPaddingPt;
        const double lineHeight = size * kLineSpacing;
        PreparedRow prepared{0, header, {}};
        std::size_t column = 0;
        for (const TableCell& cell : row) {
            const std::size_t span = static_cast<std::size_t>(std::max(cell.colSpan, 1));
            PreparedCell out;
            out.x = _x[column];
            out.width = _x[column + span] - _x[column];
            const TableColumn& c = _table.columns[column];
            out.align = header || c.centered ? Align::Center
                                             : (c.numeric ? Align::Right : Align::Left);
            out.uri = cell.uri;
            const FontStyle style{header || cell.bold, cell.italic};
            const double inner = std::max(out.width - 2 * pad, size);
            out.lines = cell.runs.empty()
                            ? TextLayout::wrap(_page.fonts(), cell.text, style, size, inner, inner)
                            : TextLayout::wrap(_page.fonts(), cell.runs, style, size, inner, inner);
            prepared.height = std::max(
                prepared.height, static_cast<double>(out.lines.size()) * lineHeight + 2 * pad);
            prepared.cells.push_back(std::move(out));
            column += span;
        }
        // Cells missing at the end of a row still get their borders.
        if (column < _table.columns.size()) {
            PreparedCell filler;
            filler.x = _x[column];
            filler.width = _x.back() - _x[column];
            prepared.cells.push_back(std::move(filler));
        }
        prepared.height = std::max(prepared.height, lineHeight + 2 * pad);
        return prepared;
    }

private:
    PageCursor& _page;
    const Table& _table;
    std::vector<double> _x;
};

// One row: the header shading, then every cell's border in one path with one stroke, then the
// text (one BT … ET for the row), then the links.
void drawRow(PageCursor& page, const PreparedRow& row, const Table& table) {
    const double size = table.sizePt;
    const double lineHeight = size * kLineSpacing;
    FontSet& fonts = page.fonts();
    const double top = page.y();
    if (table.borders) {
        if (row.header)
            for (const PreparedCell& cell : row.cells)
                page.fillRect(cell.x, top, cell.width, row.height, kHeaderGray);
        for (const PreparedCell& cell : row.cells) page.addRect(cell.x, top, cell.width, row.height);
        page.strokePath();
    }
    const double baselineOffset =
        (lineHeight - fonts.ascent(size) - fonts.descent(size)) / 2 + fonts.ascent(size);
    for (const PreparedCell& cell : row.cells) {
        double lineTop =
            top + (row.height - static_cast<double>(cell.lines.size()) * lineHeight) / 2;
        for (const TextLine& line : cell.lines) {
            TextLayout::drawLine(page, line, cell.x + table.cellPaddingPt, lineTop + baselineOffset,
                                 cell.width - 2 * table.cellPaddingPt, cell.align, size);
            lineTop += lineHeight;
        }
        if (!cell.uri.empty())
            page.addLink(cell.x, top, cell.width, row.height, cell.uri);
    }
    page.advance(row.height);
}

}  // namespace

std::vector<ErrorDetail> TableLayout::validate(const Table& table, const std::string& path) {
    std::vector<ErrorDetail> problems;
    if (table.columns.empty())
        problems.push_back({path, "Bảng không có cột"});
    double total = 0;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const double f = table.columns[i].widthFraction;
        if (!(f > 0))
            problems.push_back({path + ": cột " + std::to_string(i + 1), "Độ rộng phải dương"});
        total += f;
    }
    if (total > 1.0 + 1e-6)
        problems.push_back({path, "Tổng độ rộng các cột vượt quá 1"});
    if (!(table.sizePt > 0) || table.cellPaddingPt < 0)
        problems.push_back({path, "Cỡ chữ hoặc lề ô không hợp lệ"});
    auto checkRows = [&](const std::vector<TableRow>& rows, const std::string& kind) {
        for (std::size_t r = 0; r < rows.size(); ++r) {
            std::size_t columns = 0;
            for (const TableCell& cell : rows[r]) {
                if (cell.colSpan < 1)
                    problems.push_back(
                        {path + ": " + kind + " " + std::to_string(r + 1), "colSpan phải >= 1"});
                columns += static_cast<std::size_t>(std::max(cell.colSpan, 1));
            }
            if (columns > table.columns.size())
                problems.push_back(
                    {path + ": " + kind + " " + std::to_string(r + 1), "Số ô vượt quá số cột"});
        }
    };
    checkRows(table.headerRows, "dòng tiêu đề");
    checkRows(table.rows, "dòng");
    return problems;
}

Status TableLayout::draw(PageCursor& page, const Table& table, const std::string& path) {
    Preparer preparer(page, table);
    std::vector<PreparedRow> header;
    double headerHeight = 0;
    for (const TableRow& row : table.headerRows) {
        header.push_back(preparer.prepare(row, true));
        headerHeight += header.back().height;
    }
    std::vector<PreparedRow> body;
    body.reserve(table.rows.size());
    std::vector<ErrorDetail> tooTall;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        body.push_back(preparer.prepare(table.rows[r], false));
        if (headerHeight + body.back().height > page.textHeight())
            tooTall.push_back({path + ": dòng " + std::to_string(r + 1),
                               "Dòng cao hơn một trang, không thể đặt trọn trên một trang"});
    }
    if (headerHeight > page.textHeight())
        tooTall.push_back({path, "Các dòng tiêu đề cao hơn một trang"});
    if (!tooTall.empty())
        return Error::invalid("Bảng không dàn trang được", std::move(tooTall));

    auto drawHeader = [&] {
        for (const PreparedRow& row : header) drawRow(page, row, table);
    };
    page.ensureRoom(headerHeight + (body.empty() ? 0 : body.front().height));
    drawHeader();
    for (const PreparedRow& row : body) {
        if (row.height > page.remaining() + 1e-6) {
            page.newPage();
            drawHeader();
        }
        drawRow(page, row, table);
    }
    page.advance(table.spaceAfterPt);
    return Ok{};
}

}  // namespace kc::pdf
