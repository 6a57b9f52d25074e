#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <set>

#include "core/Text.h"
#include "services/AssessmentJson.h"
#include "services/CsvTable.h"
#include "services/JsonSyntax.h"

namespace kc::json {

namespace {

std::optional<std::string> textField(const Poco::JSON::Object& o, const std::string& path,
                                     const std::string& key, ProblemList& problems) {
    if (!o.has(key) || o.isNull(key))
        return std::nullopt;
    Poco::Dynamic::Var v = o.get(key);
    if (!v.isString()) {
        problems.push_back({path + "." + key, "Phải là chuỗi ký tự"});
        return std::nullopt;
    }
    std::string s = text::toNfc(text::trim(v.extract<std::string>()));
    if (std::string why = text::lengthProblem(s); !why.empty()) {
        problems.push_back({path + "." + key, why});
        return std::nullopt;
    }
    return s;
}

std::optional<int> intField(const Poco::JSON::Object& o, const std::string& path,
                            const std::string& key, ProblemList& problems) {
    if (!o.has(key) || o.isNull(key))
        return std::nullopt;
    Poco::Dynamic::Var v = o.get(key);
    if (!v.isInteger() || v.isBoolean() || v.convert<Poco::Int64>() < 0 ||
        v.convert<Poco::Int64>() > 1000000) {
        problems.push_back({path + "." + key, "Phải là số nguyên không âm"});
        return std::nullopt;
    }
    return static_cast<int>(v.convert<Poco::Int64>());
}

void unknownKeys(const Poco::JSON::Object& o, const std::string& path,
                 const std::set<std::string>& allowed, ProblemList& problems) {
    for (const auto& [key, value] : o)
        if (!allowed.count(key))
            problems.push_back({path + "." + key, "Trường không được hỗ trợ"});
}

// The fields shared by single and bulk score entries.
void readEntry(const Poco::JSON::Object& o, const std::string& path, ScoreEntry& e,
               ProblemList& problems) {
    auto score = pointsField(o, path, "score", problems);
    if (!score && !(o.has("score") && !o.isNull("score")))
        problems.push_back({path + ".score", "Chưa có điểm: chọn một mức hoặc nhập điểm"});
    e.score = score.value_or(Points());
    e.metricPct = pointsField(o, path, "metric_pct", problems);
    e.violations = intField(o, path, "violations", problems);
    e.overrideReason = textField(o, path, "override_reason", problems).value_or("");
}

}  // namespace

Result<ScoreInput> parseScoreInput(const Poco::JSON::Object& o, const std::string& textKey) {
    ProblemList problems;
    unknownKeys(o, "$",
                {"score", textKey, "metric_pct", "violations", "override_reason", "version"},
                problems);
    ScoreInput in;
    readEntry(o, "$", in.entry, problems);
    in.text = textField(o, "$", textKey, problems).value_or("");
    auto version = intField(o, "$", "version", problems);
    if (!version && !o.has("version"))
        problems.push_back({"$.version", "Thiếu phiên bản dữ liệu đã đọc (version)"});
    in.version = version.value_or(0);
    if (!problems.empty())
        return problems.invalid("Dữ liệu gửi lên không hợp lệ");
    return in;
}

Result<std::vector<BulkRow>> parseBulkJson(std::string_view body) {
    body = text::withoutBom(body);
    if (auto syntax = jsonSyntaxDetail(body))
        return Error::invalid("JSON không hợp lệ", {*syntax});
    Poco::JSON::Object::Ptr root;
    try {
        auto v = Poco::JSON::Parser().parse(std::string(body));
        if (v.type() == typeid(Poco::JSON::Object::Ptr))
            root = v.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        return Error::invalid("JSON không hợp lệ", {{"$", e.message()}});
    }
    if (!root || !root->getArray("rows"))
        return Error::invalid("Cần một đối tượng {\"rows\": [...]}", {{"$.rows", "Thiếu"}});
    auto rows = root->getArray("rows");
    ProblemList problems;
    unknownKeys(*root, "$", {"rows"}, problems);
    std::vector<BulkRow> out;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        std::string path = "rows[" + std::to_string(i) + "]";
        auto o = rows->getObject(i);
        if (!o) {
            problems.push_back({path, "Phải là một đối tượng"});
            continue;
        }
        unknownKeys(*o, path,
                    {"sub_code", "score", "explanation", "metric_pct", "violations",
                     "override_reason", "version"},
                    problems);
        BulkRow r;
        r.path = path;
        r.subCode = textField(*o, path, "sub_code", problems).value_or("");
        if (r.subCode.empty())
            problems.push_back({path + ".sub_code", "Thiếu mã tiêu chí"});
        readEntry(*o, path, r.entry, problems);
        r.explanation = textField(*o, path, "explanation", problems).value_or("");
        r.version = intField(*o, path, "version", problems);
        out.push_back(std::move(r));
    }
    if (!problems.empty())
        return problems.invalid("Tệp tự đánh giá có lỗi; chưa lưu dòng nào");
    return out;
}

Result<std::vector<BulkRow>> parseBulkCsv(std::string_view t) {
    auto table = readCsvTable(t, {"sub_code", "score"}, "sub_code,score,explanation");
    if (!table.ok())
        return table.takeError();
    ProblemList problems;
    std::vector<BulkRow> out;
    for (const CsvTable::Record& rec : table->records) {
        std::string path = "row " + std::to_string(rec.line);
        auto get = [&](const char* name) { return table->cell(rec, name); };
        BulkRow r;
        r.path = path;
        r.subCode = get("sub_code");
        if (r.subCode.empty())
            problems.push_back({path, "sub_code: thiếu mã tiêu chí"});
        auto score = Points::parse(get("score"));
        if (!score.ok())
            problems.push_back({path, "score: điểm không hợp lệ \"" + get("score") + "\""});
        else
            r.entry.score = score.value();
        if (std::string m = get("metric_pct"); !m.empty()) {
            auto p = Points::parse(m);
            if (!p.ok())
                problems.push_back({path, "metric_pct: tỷ lệ không hợp lệ \"" + m + "\""});
            else
                r.entry.metricPct = p.value();
        }
        if (std::string v = get("violations"); !v.empty()) {
            if (v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos)
                problems.push_back({path, "violations: phải là số nguyên không âm"});
            else
                r.entry.violations = std::stoi(v);
        }
        r.entry.overrideReason = get("override_reason");
        r.explanation = get("explanation");
        out.push_back(std::move(r));
    }
    if (!problems.empty())
        return problems.invalid("Tệp tự đánh giá có lỗi; chưa lưu dòng nào");
    return out;
}

}  // namespace kc::json
