#include "report/Manifest.h"

#include <cstdio>

namespace kc::report {

namespace {

void quoted(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", c);
            out += b;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

void number(std::string& out, const std::optional<Points>& p) {
    out += p ? p->toString() : "null";
}

}  // namespace

std::string manifestJson(const std::string& documentKind, int year, TimePoint generatedAt,
                         const std::vector<AppraisalSheet>& sheets) {
    std::string out = "{\"format\":\"kiemchung-evidence-manifest/1\",\"document\":";
    quoted(out, documentKind);
    out += ",\"year\":" + std::to_string(year) + ",\"generated_at\":\"" +
           formatIso(generatedAt) + "\",\"units\":[";
    for (std::size_t u = 0; u < sheets.size(); ++u) {
        const AppraisalSheet& s = sheets[u];
        out += u ? ",\n{" : "\n{";
        out += "\"code\":";
        quoted(out, s.unitCode);
        out += ",\"name\":";
        quoted(out, s.unitName);
        out += ",\"criteria_set_id\":" + std::to_string(s.criteriaSetId) + ",\"totals\":{\"max\":";
        number(out, s.maxTotal);
        out += ",\"self\":";
        number(out, s.selfTotal);
        out += ",\"step1\":";
        number(out, s.step1Total);
        out += ",\"step2\":";
        number(out, s.step2Total);
        out += "},\"items\":[";
        bool first = true;
        for (const ScoreRow& r : s.rows) {
            if (r.level != RowLevel::SubCriterion)
                continue;
            out += first ? "\n {" : ",\n {";
            first = false;
            out += "\"sub\":";
            quoted(out, r.code);
            if (r.adjustment != Adjustment::None) {
                out += ",\"adjustment\":";
                quoted(out, std::string(adjustmentName(r.adjustment)));
            }
            out += ",\"max\":";
            number(out, r.maxPoints);
            out += ",\"self\":";
            number(out, r.self);
            out += ",\"step1\":";
            number(out, r.step1);
            out += ",\"step2\":";
            number(out, r.step2);
            out += ",\"evidence\":[";
            for (std::size_t e = 0; e < r.evidence.size(); ++e) {
                const EvidenceCitation& c = r.evidence[e];
                out += e ? ",{\"id\":" : "{\"id\":";
                out += std::to_string(c.id) + ",\"file_name\":";
                quoted(out, c.fileName);
                out += ",\"size\":" + std::to_string(c.size) + ",\"sha256\":\"" + c.sha256 +
                       "\",\"round\":\"" + std::string(roundName(c.round)) + "\"}";
            }
            out += "]}";
        }
        out += "]}";
    }
    out += "\n]}\n";
    return out;
}

}  // namespace kc::report
