#include "http/CompletenessJson.h"

#include <Poco/Dynamic/Var.h>

#include <algorithm>
#include <array>
#include <vector>

#include "http/JsonText.h"

namespace kc::http {

namespace {

// Poco formats doubles itself (shortest form, "12.5", "100"); go through it for the same bytes.
void appendDouble(std::string& out, double v) {
    out += Poco::Dynamic::Var(v).convert<std::string>();
}

// The non-survey statuses in the order a Poco object sorts their names.
std::vector<ItemStatus> statusesByName() {
    std::vector<ItemStatus> out;
    for (std::size_t i = 0; i < kItemStatusCount; ++i)
        if (static_cast<ItemStatus>(i) != ItemStatus::Survey)
            out.push_back(static_cast<ItemStatus>(i));
    std::sort(out.begin(), out.end(),
              [](ItemStatus a, ItemStatus b) { return itemStatusName(a) < itemStatusName(b); });
    return out;
}

void appendSummary(std::string& out, const StatusSummary& s) {
    static const std::vector<ItemStatus> statuses = statusesByName();
    out += R"({"counts":{)";
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        if (i)
            out += ',';
        appendJsonString(out, itemStatusName(statuses[i]));
        out += ':';
        out += std::to_string(s.count(statuses[i]));
    }
    out += R"(},"done":)";
    out += std::to_string(s.done());
    out += R"(,"done_pct":)";
    appendDouble(out, s.donePct().toDouble());
    out += R"(,"pct":{)";
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        if (i)
            out += ',';
        appendJsonString(out, itemStatusName(statuses[i]));
        out += ':';
        appendDouble(out, s.pct(statuses[i]).toDouble());
    }
    out += R"(},"total":)";
    out += std::to_string(s.total);
    out += '}';
}

void appendCells(std::string& out, const std::vector<MatrixCell>& cells) {
    // As an object's members: sorted by criterion code, a repeated code keeping its last cell.
    std::vector<const MatrixCell*> sorted;
    for (const MatrixCell& c : cells) sorted.push_back(&c);
    std::stable_sort(sorted.begin(), sorted.end(), [](const MatrixCell* a, const MatrixCell* b) {
        return a->criterion < b->criterion;
    });
    out += '{';
    bool first = true;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const MatrixCell& c = *sorted[i];
        if (i + 1 < sorted.size() && sorted[i + 1]->criterion == c.criterion)
            continue;
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, c.criterion);
        out += ":[";
        out += std::to_string(c.done);
        out += ',';
        out += std::to_string(c.total);
        out += ',';
        appendJsonString(out, itemStatusName(c.least));
        out += ']';
    }
    out += '}';
}

}  // namespace

std::string matrixJsonText(const CompletenessMatrix& m) {
    std::string out;
    out.reserve(256 + m.rows.size() * 1400);
    out += R"({"rows":[)";
    for (std::size_t i = 0; i < m.rows.size(); ++i) {
        const MatrixRow& row = m.rows[i];
        if (i)
            out += ',';
        out += R"({"cells":)";
        appendCells(out, row.cells);
        out += R"(,"nothing_submitted":)";
        out += row.summary.nothingSubmitted() ? "true" : "false";
        out += R"(,"phase":)";
        appendJsonString(out, phaseName(row.phase));
        out += R"(,"summary":)";
        appendSummary(out, row.summary);
        out += R"(,"unit_code":)";
        appendJsonString(out, row.unitCode);
        out += R"(,"unit_name":)";
        appendJsonString(out, row.unitName);
        out += R"(,"unit_type":)";
        appendJsonString(out, row.unitType);
        out += '}';
    }
    out += R"(],"year":)";
    out += std::to_string(m.year);
    out += '}';
    return out;
}

}  // namespace kc::http
