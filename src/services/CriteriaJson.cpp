#include "services/CriteriaJson.h"

#include <algorithm>
#include <string>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include "core/Text.h"
#include "domain/CriteriaValidator.h"
#include "services/JsonFieldReader.h"
#include "services/JsonSyntax.h"

namespace kc {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr const char* kInvalidSet = "Bộ tiêu chí không hợp lệ";

// Keys of "scoring" that carry no parameter: text for people, ignored or kept as text.
constexpr std::string_view kScoringCommonKeys[] = {"type", "metric", "violation"};
constexpr std::string_view kScoringDescriptiveKeys[] = {
    "formula", "respondents", "satisfied_pct_definition", "start", "floor", "metric_unit",
    "note",    "description"};

// The parameter key each scoring type needs (survey needs none).
struct ScoringParameter {
    ScoringType type;
    std::string_view key;
};
constexpr ScoringParameter kScoringParameters[] = {{ScoringType::Levels, "levels"},
                                                   {ScoringType::Bands, "bands"},
                                                   {ScoringType::Proportional, "target_pct"},
                                                   {ScoringType::Deduction, "per_violation"}};

template <typename Range>
bool contains(const Range& range, std::string_view key) {
    return std::find(std::begin(range), std::end(range), key) != std::end(range);
}

std::string at(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

class SetReader {
public:
    CriteriaSet read(const Var& rootValue) {
        CriteriaSet set;
        Object::Ptr root = _r.asObject(rootValue, "$");
        if (!root)
            return set;
        _r.checkTypos(*root, "$",
                      {"schema_version", "year", "unit_type_code", "title", "scale", "areas",
                       "classification"},
                      {"id", "version", "source_sha256"});
        auto schema = _r.text(*root, "$", "schema_version", false);
        if (schema && *schema != "1.0")
            _r.add("$.schema_version",
                   "Phiên bản định dạng \"" + *schema + "\" không được hỗ trợ (chỉ nhận \"1.0\")");
        set.year = _r.integer(*root, "$", "year", true).value_or(0);
        set.unitTypeCode = _r.text(*root, "$", "unit_type_code", false).value_or("");
        set.title = _r.text(*root, "$", "title", true).value_or("");
        if (auto scale = _r.object(*root, "$", "scale", false))
            set.scale = readScale(*scale);
        if (auto areas = _r.array(*root, "$", "areas", true))
            set.areas = readNodes(*areas, "$.areas", NodeLevel::Area);
        if (auto classification = _r.object(*root, "$", "classification", false))
            set.grades = readGrades(*classification);
        return set;
    }

    bool hasProblems() const { return _r.hasProblems(); }
    std::vector<ErrorDetail> takeProblems() { return _r.takeProblems(); }

private:
    Scale readScale(const Object& o) {
        const std::string path = "$.scale";
        _r.checkTypos(o, path, {"total_points", "appraisal_points", "survey_points"});
        Scale s;
        s.totalPoints = _r.points(o, path, "total_points", true).value_or(Points());
        s.appraisalPoints = _r.points(o, path, "appraisal_points", true).value_or(Points());
        s.surveyPoints = _r.points(o, path, "survey_points", true).value_or(Points());
        return s;
    }

    std::vector<CriteriaNode> readNodes(const Array& items, const std::string& path,
                                        NodeLevel level) {
        std::vector<CriteriaNode> nodes;
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::string itemPath = at(path, i);
            if (auto o = _r.asObject(items.get(static_cast<unsigned>(i)), itemPath))
                nodes.push_back(readNode(*o, itemPath, level));
        }
        return nodes;
    }

    CriteriaNode readNode(const Object& o, const std::string& path, NodeLevel level) {
        CriteriaNode n;
        n.level = level;
        n.code = _r.text(o, path, "code", true).value_or("");
        n.name = _r.text(o, path, "name", true).value_or("");
        n.maxPoints = _r.points(o, path, "max_points", true).value_or(Points());
        if (level == NodeLevel::SubCriterion) {
            readSubCriterion(o, path, n);
            return n;
        }
        const std::string childrenKey = level == NodeLevel::Area ? "criteria" : "sub_criteria";
        _r.checkTypos(o, path, {"code", "name", "max_points", childrenKey}, {"max_points_text"});
        auto childLevel = static_cast<NodeLevel>(static_cast<int>(level) + 1);
        if (auto children = _r.array(o, path, childrenKey, true))
            n.children = readNodes(*children, path + "." + childrenKey, childLevel);
        return n;
    }

    void readSubCriterion(const Object& o, const std::string& path, CriteriaNode& n) {
        _r.checkTypos(o, path,
                      {"code", "name", "max_points", "assessed_by", "adjustment", "scoring",
                       "self_scored", "evidence_required", "min_files", "evidence_documents",
                       "explanation_required_if_no_evidence", "note"},
                      {"max_points_text"});
        if (auto by = _r.text(o, path, "assessed_by", true)) {
            if (*by == "appraisal" || *by == "survey")
                n.assessedBy = *by == "survey" ? AssessedBy::Survey : AssessedBy::Appraisal;
            else
                _r.add(path + ".assessed_by",
                       "Giá trị \"" + *by +
                           "\" không hợp lệ; chỉ nhận \"appraisal\" "
                           "(thẩm định) hoặc \"survey\" (điều tra xã hội học)");
        }
        if (auto kind = _r.text(o, path, "adjustment", false)) {
            if (auto a = parseAdjustment(*kind))
                n.adjustment = *a;
            else
                _r.add(path + ".adjustment", "Giá trị \"" + *kind +
                                                 "\" không hợp lệ; chỉ nhận \"bonus\" (điểm "
                                                 "thưởng) hoặc \"penalty\" (điểm trừ)");
        }
        if (auto scoring = _r.object(o, path, "scoring", true))
            n.scoring = readScoring(*scoring, path + ".scoring");
        n.selfScored =
            _r.flag(o, path, "self_scored", false).value_or(n.assessedBy != AssessedBy::Survey);
        n.evidenceRequired = _r.flag(o, path, "evidence_required", false).value_or(false);
        n.minFiles = _r.integer(o, path, "min_files", false).value_or(n.evidenceRequired ? 1 : 0);
        if (auto docs = _r.array(o, path, "evidence_documents", false)) {
            for (std::size_t i = 0; i < docs->size(); ++i)
                if (auto d = _r.asText(docs->get(static_cast<unsigned>(i)),
                                       at(path + ".evidence_documents", i)))
                    n.expectedDocuments.push_back(std::move(*d));
        }
        n.explanationRequiredIfNoEvidence =
            _r.flag(o, path, "explanation_required_if_no_evidence", false)
                .value_or(n.evidenceRequired);
        n.note = _r.text(o, path, "note", false).value_or("");
    }

    Scoring readScoring(const Object& o, const std::string& path) {
        Scoring s;
        std::optional<ScoringType> type;
        if (auto name = _r.text(o, path, "type", true)) {
            type = parseScoringType(*name);
            if (!type)
                _r.add(path + ".type", "Cách chấm điểm \"" + *name +
                                           "\" không được hỗ trợ; chỉ nhận levels, bands, "
                                           "proportional, deduction hoặc survey");
        }
        checkScoringKeys(o, path, type);
        s.metric = _r.text(o, path, "metric", false).value_or("");
        s.violation = _r.text(o, path, "violation", false).value_or("");
        if (!type)
            return s;
        s.type = *type;
        switch (s.type) {
            case ScoringType::Levels:
                if (auto levels = _r.array(o, path, "levels", true))
                    s.levels = readLevels(*levels, path + ".levels");
                break;
            case ScoringType::Bands:
                if (auto bands = _r.array(o, path, "bands", true))
                    s.bands = readBands(*bands, path + ".bands");
                break;
            case ScoringType::Proportional:
                s.targetPct = _r.points(o, path, "target_pct", true);
                break;
            case ScoringType::Deduction:
                s.perViolation = _r.points(o, path, "per_violation", true);
                break;
            case ScoringType::Survey:
                break;
        }
        return s;
    }

    // "scoring" is a closed vocabulary (see CriteriaJson.h): report keys of no type, and
    // parameters of a type other than the declared one.
    void checkScoringKeys(const Object& o, const std::string& path,
                          std::optional<ScoringType> type) {
        for (const auto& [key, value] : o) {
            if (contains(kScoringCommonKeys, key) || contains(kScoringDescriptiveKeys, key))
                continue;
            auto param = std::find_if(std::begin(kScoringParameters), std::end(kScoringParameters),
                                      [&](const ScoringParameter& p) { return p.key == key; });
            if (param == std::end(kScoringParameters)) {
                std::string nearest =
                    JsonFieldReader::nearestKey(key, {"type", "metric", "violation", "levels",
                                                      "bands", "target_pct", "per_violation"});
                _r.add(path + "." + key,
                       "Trường \"" + key + "\" không thuộc cách chấm điểm nào" +
                           (nearest.empty() ? "" : "; có phải là \"" + nearest + "\"?"));
            } else if (type && param->type != *type) {
                _r.add(path + "." + key, "Trường \"" + key + "\" không dùng cho cách chấm \"" +
                                             std::string(scoringTypeName(*type)) + "\"");
            }
        }
    }

    std::vector<ScoreLevel> readLevels(const Array& items, const std::string& path) {
        std::vector<ScoreLevel> levels;
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::string p = at(path, i);
            auto o = _r.asObject(items.get(static_cast<unsigned>(i)), p);
            if (!o)
                continue;
            _r.checkTypos(*o, p, {"label", "points"});
            ScoreLevel level;
            level.label = _r.text(*o, p, "label", true).value_or("");
            level.points = _r.points(*o, p, "points", true).value_or(Points());
            levels.push_back(std::move(level));
        }
        return levels;
    }

    std::vector<ScoreBand> readBands(const Array& items, const std::string& path) {
        std::vector<ScoreBand> bands;
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::string p = at(path, i);
            auto o = _r.asObject(items.get(static_cast<unsigned>(i)), p);
            if (!o)
                continue;
            _r.checkTypos(*o, p, {"min_pct", "max_pct_exclusive", "points"});
            ScoreBand band;
            band.minPct = _r.points(*o, p, "min_pct", true).value_or(Points());
            band.maxPctExclusive = _r.points(*o, p, "max_pct_exclusive", false);
            band.points = _r.points(*o, p, "points", true).value_or(Points());
            bands.push_back(band);
        }
        return bands;
    }

    std::vector<GradeRule> readGrades(const Object& classification) {
        const std::string path = "$.classification";
        _r.checkTypos(classification, path, {"grades"});
        std::vector<GradeRule> grades;
        auto items = _r.array(classification, path, "grades", false);
        if (!items)
            return grades;
        for (std::size_t i = 0; i < items->size(); ++i) {
            std::string p = at(path + ".grades", i);
            auto o = _r.asObject(items->get(static_cast<unsigned>(i)), p);
            if (!o)
                continue;
            _r.checkTypos(*o, p, {"grade", "min_pct", "max_pct_exclusive"});
            GradeRule g;
            g.grade = _r.text(*o, p, "grade", true).value_or("");
            g.minPct = _r.points(*o, p, "min_pct", false);
            g.maxPctExclusive = _r.points(*o, p, "max_pct_exclusive", false);
            grades.push_back(std::move(g));
        }
        return grades;
    }

    JsonFieldReader _r;
};

}  // namespace

Result<CriteriaSet> parseCriteriaJson(std::string_view json) {
    json = text::withoutBom(json);  // as Notepad saves it
    if (auto line = findInvalidUtf8Line(json))
        return Error::invalid(
            kInvalidSet,
            {{"$", "Tệp không phải văn bản UTF-8 hợp lệ (lỗi ở dòng " + std::to_string(*line) +
                       "); hãy lưu lại tệp với mã hoá UTF-8"}});
    if (auto syntax = jsonSyntaxDetail(json))
        return Error::invalid(kInvalidSet, {*syntax});
    Var root;
    try {
        Poco::JSON::Parser parser;
        root = parser.parse(std::string(json));
    } catch (const Poco::Exception& e) {
        // Well-formed by the grammar yet refused by Poco: a number out of range, for instance.
        return Error::invalid(kInvalidSet, {{"$", "JSON không hợp lệ: " + e.message()}});
    }
    SetReader reader;
    CriteriaSet set = reader.read(root);
    if (reader.hasProblems())
        return Error::invalid(kInvalidSet, reader.takeProblems());
    auto problems = validateCriteriaSet(set);
    if (!problems.empty())
        return Error::invalid(kInvalidSet, std::move(problems));
    return set;
}

}  // namespace kc
