#include "pdf/TableLayout.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "pdf/TextLayout.h"

namespace kc::pdf {

namespace {

constexpr double kLineSpacing = 1.15;
constexpr double kHeaderGray = 0.9;
constexpr double kEpsilon = 1e-6;

struct PreparedCell {
    double x = 0;
    double width = 0;
    double sizePt = 0;
    double lineHeight = 0;
    std::vector<TextLine> lines;
    Align align = Align::Left;
    std::string uri;
};

struct PreparedRow {
    double height = 0;
    bool header = false;
    std::vector<PreparedCell> cells;

    // The tallest line of any cell: a piece of the row holds at least one line of each cell.
    double tallestLine() const {
        double tallest = 0;
        for (const PreparedCell& cell : cells)
            if (!cell.lines.empty())
                tallest = std::max(tallest, cell.lineHeight);
        return tallest;
    }
};

// Lines [first[c], last[c]) of each cell c of a row, drawn as one box `height` tall.
struct Piece {
    std::vector<std::size_t> first;
    std::vector<std::size_t> last;
    double height = 0;
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
        const double pad = _table.cellPaddingPt;
        PreparedRow prepared{0, header, {}};
        std::size_t column = 0;
        for (const TableCell& cell : row) {
            const std::size_t span = static_cast<std::size_t>(std::max(cell.colSpan, 1));
            const double size = cell.sizePt > 0 ? cell.sizePt : _table.sizePt;
            const double lineHeight = size * kLineSpacing;
            PreparedCell out;
            out.x = _x[column];
            out.width = _x[column + span] - _x[column];
            out.sizePt = size;
            out.lineHeight = lineHeight;
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
        // Cells missing at the end of a row still get their borders; a row is at least one line
        // of the table's size tall.
        const double size = _table.sizePt;
        const double lineHeight = size * kLineSpacing;
        if (column < _table.columns.size()) {
            PreparedCell filler;
            filler.x = _x[column];
            filler.width = _x.back() - _x[column];
            filler.sizePt = size;
            filler.lineHeight = lineHeight;
            prepared.cells.push_back(std::move(filler));
        }
        prepared.height = std::max(prepared.height, lineHeight + 2 * pad);
        return prepared;
    }

    // The header rows, and their height.
    double prepareHeader(std::vector<PreparedRow>& out) {
        double height = 0;
        for (const TableRow& row : _table.headerRows) {
            out.push_back(prepare(row, true));
            height += out.back().height;
        }
        return height;
    }

private:
    PageCursor& _page;
    const Table& _table;
    std::vector<double> _x;
};

bool fitsOnAPage(const PageCursor& page, double headerHeight, const PreparedRow& row) {
    return headerHeight + row.height <= page.textHeight() + kEpsilon;
}

// The least room a row needs to start on a page: all of it when it is drawn whole, one line of
// each cell when it is split.
double startHeight(const PageCursor& page, double headerHeight, const PreparedRow& row,
                   const Table& table) {
    return fitsOnAPage(page, headerHeight, row) ? row.height
                                                : row.tallestLine() + 2 * table.cellPaddingPt;
}

Piece whole(const PreparedRow& row) {
    Piece piece;
    piece.first.assign(row.cells.size(), 0);
    for (const PreparedCell& cell : row.cells) piece.last.push_back(cell.lines.size());
    piece.height = row.height;
    return piece;
}

// One piece of a row: the header shading, then every cell's border in one path with one stroke,
// then the text, then the links. Whole rows centre their cells' lines vertically; the pieces of
// a split row start them at the top, so the lines of different cells stay side by side.
void drawPiece(PageCursor& page, const PreparedRow& row, const Piece& piece, const Table& table,
               bool centred) {
    FontSet& fonts = page.fonts();
    const double top = page.y();
    if (table.borders) {
        if (row.header)
            for (const PreparedCell& cell : row.cells)
                page.fillRect(cell.x, top, cell.width, piece.height, kHeaderGray);
        for (const PreparedCell& cell : row.cells)
            page.addRect(cell.x, top, cell.width, piece.height);
        page.strokePath();
    }
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
        const PreparedCell& cell = row.cells[c];
        const double size = cell.sizePt;
        const double baselineOffset =
            (cell.lineHeight - fonts.ascent(size) - fonts.descent(size)) / 2 + fonts.ascent(size);
        const double used = static_cast<double>(piece.last[c] - piece.first[c]) * cell.lineHeight;
        double lineTop = top + (centred ? (piece.height - used) / 2 : table.cellPaddingPt);
        for (std::size_t i = piece.first[c]; i < piece.last[c]; ++i) {
            TextLayout::drawLine(page, cell.lines[i], cell.x + table.cellPaddingPt,
                                 lineTop + baselineOffset, cell.width - 2 * table.cellPaddingPt,
                                 cell.align, size);
            lineTop += cell.lineHeight;
        }
        if (!cell.uri.empty())
            page.addLink(cell.x, top, cell.width, piece.height, cell.uri);
    }
    page.advance(piece.height);
}

// A row taller than a page under the header rows, cut between lines: each piece takes from every
// cell the lines that fit in what remains of the page; nextPage() starts the next page with the
// header rows. REQUIRES: one line of each cell fits on a page under the header rows.
void drawSplit(PageCursor& page, const PreparedRow& row, const Table& table,
               const std::function<void()>& nextPage) {
    const double pad = table.cellPaddingPt;
    Piece piece;
    piece.last.assign(row.cells.size(), 0);
    for (;;) {
        piece.first = piece.last;
        double tallest = 0;  // the tallest line of the cells not drawn to the end yet
        for (std::size_t c = 0; c < row.cells.size(); ++c)
            if (piece.first[c] < row.cells[c].lines.size())
                tallest = std::max(tallest, row.cells[c].lineHeight);
        if (tallest == 0)
            return;
        const double room = page.remaining() - 2 * pad;
        if (room + kEpsilon < tallest) {
            nextPage();
            continue;
        }
        piece.height = 0;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const PreparedCell& cell = row.cells[c];
            const auto fit =
                static_cast<std::size_t>(std::floor((room + kEpsilon) / cell.lineHeight));
            piece.last[c] = std::min(cell.lines.size(), piece.first[c] + fit);
            piece.height =
                std::max(piece.height,
                         static_cast<double>(piece.last[c] - piece.first[c]) * cell.lineHeight);
        }
        piece.height += 2 * pad;
        drawPiece(page, row, piece, table, false);
    }
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
                if (cell.sizePt != 0 && !(cell.sizePt >= 4 && cell.sizePt <= 72))
                    problems.push_back({path + ": " + kind + " " + std::to_string(r + 1),
                                        "Cỡ chữ của ô phải từ 4 đến 72"});
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
    const double headerHeight = preparer.prepareHeader(header);
    std::vector<PreparedRow> body;
    body.reserve(table.rows.size());
    double totalHeight = headerHeight;
    std::vector<ErrorDetail> tooTall;
    if (headerHeight > page.textHeight())
        tooTall.push_back({path, "Các dòng tiêu đề cao hơn một trang"});
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        body.push_back(preparer.prepare(table.rows[r], false));
        totalHeight += body.back().height;
        if (tooTall.empty() && headerHeight + body.back().tallestLine() + 2 * table.cellPaddingPt >
                                   page.textHeight() + kEpsilon)
            tooTall.push_back({path + ": dòng " + std::to_string(r + 1),
                               "Hàng tiêu đề của bảng chiếm gần hết trang, không còn chỗ cho một "
                               "dòng chữ của hàng này"});
    }
    if (!tooTall.empty())
        return Error::invalid("Bảng không dàn trang được", std::move(tooTall));

    auto drawHeader = [&] {
        for (const PreparedRow& row : header) drawPiece(page, row, whole(row), table, true);
    };
    auto nextPage = [&] {
        page.newPage();
        drawHeader();
    };
    if (table.keepTogether && totalHeight <= page.textHeight() + kEpsilon)
        page.ensureRoom(totalHeight);
    else
        page.ensureRoom(headerHeight +
                        (body.empty() ? 0 : startHeight(page, headerHeight, body.front(), table)));
    drawHeader();
    for (const PreparedRow& row : body) {
        if (!fitsOnAPage(page, headerHeight, row)) {
            drawSplit(page, row, table, nextPage);
            continue;
        }
        if (row.height > page.remaining() + kEpsilon)
            nextPage();
        drawPiece(page, row, whole(row), table, true);
    }
    page.advance(table.spaceAfterPt);
    return Ok{};
}

double TableLayout::leadHeight(PageCursor& page, const Table& table) {
    Preparer preparer(page, table);
    std::vector<PreparedRow> header;
    const double headerHeight = preparer.prepareHeader(header);
    if (table.rows.empty())
        return headerHeight;
    if (table.keepTogether) {
        double total = headerHeight;
        for (const TableRow& row : table.rows) total += preparer.prepare(row, false).height;
        if (total <= page.textHeight() + kEpsilon)
            return total;
    }
    return headerHeight +
           startHeight(page, headerHeight, preparer.prepare(table.rows.front(), false), table);
}

}  // namespace kc::pdf
