#include "storage/Sql.h"
#include "storage/SqlRepositories.h"

namespace kc {

namespace {

const char* kInfoColumns =
    "SELECT s.id, p.year, t.code, s.version, s.title, s.total_points, s.appraisal_points, "
    "s.survey_points, s.source_sha256, s.created_at, s.created_by FROM criteria_sets s "
    "JOIN periods p ON p.id = s.period_id JOIN unit_types t ON t.id = s.unit_type_id ";

CriteriaSetInfo toInfo(const sql::Row& r) {
    CriteriaSetInfo i;
    i.id = r.integer(0);
    i.year = static_cast<int>(r.integer(1));
    i.unitTypeCode = r.text(2);
    i.version = static_cast<int>(r.integer(3));
    i.title = r.text(4);
    i.scale = {Points::fromHundredths(r.integer(5)), Points::fromHundredths(r.integer(6)),
               Points::fromHundredths(r.integer(7))};
    i.sourceSha256 = r.text(8);
    i.createdAt = r.time(9);
    i.createdBy = r.text(10);
    return i;
}

void insertNodes(sql::Connection& s, Id setId, const std::vector<CriteriaNode>& nodes,
                 const std::string* parentCode) {
    int position = 0;
    for (const CriteriaNode& n : nodes) {
        bool leaf = n.level == NodeLevel::SubCriterion;
        auto leafFlag = [&](bool b) { return leaf ? sql::Param(sql::integer(b)) : sql::Param(nullptr); };
        sql::exec(s,
                  "INSERT INTO criteria_nodes (set_id, code, parent_code, level, position, name, "
                  "max_points, assessed_by, scoring_type, self_scored, evidence_required, "
                  "min_files, explanation_required) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {sql::integer(setId), n.code,
                   parentCode ? sql::Param(*parentCode) : sql::Param(nullptr),
                   sql::integer(static_cast<int>(n.level)), sql::integer(position++), n.name,
                   sql::integer(n.maxPoints.hundredths()),
                   leaf ? sql::Param(std::string(n.assessedBy == AssessedBy::Survey ? "survey"
                                                                                     : "appraisal"))
                        : sql::Param(nullptr),
                   leaf ? sql::Param(std::string(scoringTypeName(n.scoring.type)))
                        : sql::Param(nullptr),
                   leafFlag(n.selfScored), leafFlag(n.evidenceRequired),
                   leaf ? sql::Param(sql::integer(n.minFiles)) : sql::Param(nullptr),
                   leafFlag(n.explanationRequiredIfNoEvidence)});
        insertNodes(s, setId, n.children, &n.code);
    }
}

}  // namespace

Id SqlCriteriaRepository::insert(const CriteriaSet& set, const std::string& treeJson, TimePoint at,
                                 const std::string& by) {
    Id id = sql::insertReturningId(
        _s,
        "INSERT INTO criteria_sets (period_id, unit_type_id, version, title, total_points, "
        "appraisal_points, survey_points, source_sha256, tree_json, created_at, created_by) "
        "VALUES ((SELECT id FROM periods WHERE year = ?), (SELECT id FROM unit_types WHERE code "
        "= ?), ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {sql::integer(set.year), set.unitTypeCode, sql::integer(set.version), set.title,
         sql::integer(set.scale.totalPoints.hundredths()),
         sql::integer(set.scale.appraisalPoints.hundredths()),
         sql::integer(set.scale.surveyPoints.hundredths()), set.sourceSha256, treeJson,
         formatIso(at), by});
    insertNodes(_s, id, set.areas, nullptr);
    return id;
}

std::vector<CriteriaSetInfo> SqlCriteriaRepository::list(int year) {
    std::vector<CriteriaSetInfo> out;
    for (const auto& r : sql::query(_s, std::string(kInfoColumns) +
                                            "WHERE p.year = ? ORDER BY t.code, s.version",
                                    {sql::integer(year)}))
        out.push_back(toInfo(r));
    return out;
}

int SqlCriteriaRepository::latestVersion(int year, const std::string& unitTypeCode) {
    auto rows = sql::query(_s,
                           "SELECT MAX(s.version) FROM criteria_sets s JOIN periods p ON p.id = "
                           "s.period_id JOIN unit_types t ON t.id = s.unit_type_id WHERE p.year = "
                           "? AND t.code = ?",
                           {sql::integer(year), unitTypeCode});
    return rows.empty() ? 0 : static_cast<int>(rows.front().integer(0));
}

std::optional<StoredCriteriaSet> SqlCriteriaRepository::find(Id id) {
    auto rows = sql::query(_s, std::string(kInfoColumns) + "WHERE s.id = ?", {sql::integer(id)});
    if (rows.empty()) return std::nullopt;
    auto tree = sql::query(_s, "SELECT tree_json FROM criteria_sets WHERE id = ?", {sql::integer(id)});
    return StoredCriteriaSet{toInfo(rows.front()), tree.front().text(0)};
}

}  // namespace kc
