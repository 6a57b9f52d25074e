#include <unordered_map>

#include "storage/Sql.h"
#include "storage/SqlRepositories.h"
#include "storage/SqliteRows.h"

namespace kc {

namespace {

const char* kRounds[] = {"self", "step1", "step2"};
const char* kRoundColumns[] = {"score",     "metric_pct", "violations", "override_reason",
                               "suggested", "text",       "by",         "at"};
constexpr int kPerRound = 8;

std::string columns() {
    std::string out = "a.version";
    for (const char* r : kRounds)
        for (const char* c : kRoundColumns) out += std::string(", a.") + r + "_" + c;
    out +=
        ", a.req_missing, a.req_reason, a.req_due, a.req_by, a.req_at, a.reply_text, "
        "a.reply_by, a.reply_at, a.sub_code";
    return out;
}

template <typename Row>
std::optional<Points> optPoints(const Row& r, int i) {
    if (auto v = r.optInteger(i))
        return Points::fromHundredths(*v);
    return std::nullopt;
}

template <typename Row>
std::optional<RoundScore> toRound(const Row& r, int i) {
    if (r.isNull(i))
        return std::nullopt;
    RoundScore s;
    s.score = Points::fromHundredths(r.integer(i));
    s.metricPct = optPoints(r, i + 1);
    if (auto v = r.optInteger(i + 2))
        s.violations = static_cast<int>(*v);
    s.overrideReason = r.text(i + 3);
    s.suggested = optPoints(r, i + 4);
    s.text = r.text(i + 5);
    s.by = r.text(i + 6);
    s.at = r.time(i + 7);
    return s;
}

template <typename Row>
AssessmentItem toItem(const Row& r, int year, const std::string& unitCode) {
    AssessmentItem a;
    a.year = year;
    a.unitCode = unitCode;
    a.version = static_cast<int>(r.integer(0));
    a.self = toRound(r, 1);
    a.step1 = toRound(r, 1 + kPerRound);
    a.step2 = toRound(r, 1 + 2 * kPerRound);
    int q = 1 + 3 * kPerRound;
    if (!r.isNull(q)) {
        SupplementRequest s;
        s.missing = r.text(q);
        s.reason = r.text(q + 1);
        s.due = r.time(q + 2);
        s.by = r.text(q + 3);
        s.at = r.time(q + 4);
        s.reply = r.optText(q + 5);
        s.repliedBy = r.text(q + 6);
        s.repliedAt = r.optTime(q + 7);
        a.request = std::move(s);
    }
    a.subCode = r.text(q + 8);
    return a;
}

void bindRound(std::vector<sql::Param>& p, const std::optional<RoundScore>& s) {
    if (!s) {
        p.resize(p.size() + kPerRound);  // NULLs: a Param starts as nullptr
        return;
    }
    p.push_back(s->score.hundredths());
    p.push_back(s->metricPct ? sql::Param(s->metricPct->hundredths()) : sql::Param(nullptr));
    p.push_back(s->violations ? sql::Param(std::int64_t{*s->violations}) : sql::Param(nullptr));
    p.push_back(s->overrideReason);
    p.push_back(s->suggested ? sql::Param(s->suggested->hundredths()) : sql::Param(nullptr));
    p.push_back(s->text);
    p.push_back(s->by);
    p.push_back(formatIso(s->at));
}

const char* kUnitFilter = " AND a.unit_id = (SELECT id FROM units WHERE code = ?)";

}  // namespace

std::optional<AssessmentItem> SqlAssessmentRepository::find(int year, const std::string& unitCode,
                                                            const std::string& subCode) {
    auto rows = sql::query(_s,
                           "SELECT " + columns() +
                               " FROM assessment_items a WHERE a.period_id = (SELECT id FROM "
                               "periods WHERE year = ?)" +
                               kUnitFilter + " AND a.sub_code = ?",
                           {sql::integer(year), unitCode, subCode});
    if (rows.empty())
        return std::nullopt;
    return toItem(rows.front(), year, unitCode);
}

std::vector<AssessmentItem> SqlAssessmentRepository::list(int year, const std::string& unitCode) {
    std::vector<AssessmentItem> out;
    sql::eachRow(_s,
                 "SELECT " + columns() +
                     " FROM assessment_items a WHERE a.period_id = (SELECT id FROM periods WHERE "
                     "year = ?)" +
                     kUnitFilter + " ORDER BY a.sub_code",
                 {sql::integer(year), unitCode},
                 [&](const sql::RawRow& r) { out.push_back(toItem(r, year, unitCode)); });
    return out;
}

bool SqlAssessmentRepository::save(const AssessmentItem& a, int expectedVersion) {
    std::vector<sql::Param> p;
    bindRound(p, a.self);
    bindRound(p, a.step1);
    bindRound(p, a.step2);
    if (a.request) {
        const SupplementRequest& q = *a.request;
        p.insert(p.end(),
                 {q.missing, q.reason, formatIso(q.due), q.by, formatIso(q.at), sql::text(q.reply),
                  q.reply ? sql::Param(q.repliedBy) : nullptr, sql::time(q.repliedAt)});
    } else {
        p.resize(p.size() + 8);  // NULLs
    }
    std::string sets;
    for (const char* r : kRounds)
        for (const char* c : kRoundColumns) sets += std::string(r) + "_" + c + ", ";
    sets += "req_missing, req_reason, req_due, req_by, req_at, reply_text, reply_by, reply_at";
    if (expectedVersion == 0) {
        std::string marks(static_cast<std::size_t>(3 * kPerRound + 8), '?');
        std::string placeholders;
        for (std::size_t i = 0; i < marks.size(); ++i) placeholders += i ? ", ?" : "?";
        p.insert(p.begin(), {sql::integer(a.year), a.unitCode, a.subCode});
        return sql::exec(_s,
                         "INSERT INTO assessment_items (period_id, unit_id, sub_code, version, " +
                             sets +
                             ") SELECT (SELECT id FROM periods WHERE year = ?), (SELECT id FROM "
                             "units WHERE code = ?), ?, 1, " +
                             placeholders + " ON CONFLICT DO NOTHING",
                         p) == 1;
    }
    std::string assign;
    std::size_t start = 0;
    while (start < sets.size()) {
        std::size_t end = sets.find(", ", start);
        if (end == std::string::npos)
            end = sets.size();
        assign += (assign.empty() ? "" : ", ") + sets.substr(start, end - start) + " = ?";
        start = end + 2;
    }
    p.insert(p.end(), {sql::integer(a.year), a.unitCode, a.subCode, sql::integer(expectedVersion)});
    return sql::exec(_s,
                     "UPDATE assessment_items SET version = version + 1, " + assign +
                         " WHERE period_id = (SELECT id FROM periods WHERE year = ?) AND unit_id "
                         "= (SELECT id FROM units WHERE code = ?) AND sub_code = ? AND version = ?",
                     p) == 1;
}

std::vector<AssessmentFlags> SqlAssessmentRepository::flags(
    int year, const std::optional<std::string>& unitCode) {
    std::string where = " WHERE a.period_id = (SELECT id FROM periods WHERE year = ?)";
    std::vector<sql::Param> p{sql::integer(year)};
    if (unitCode) {
        where += kUnitFilter;
        p.push_back(*unitCode);
    }
    std::vector<AssessmentFlags> out;
    auto points = [](const sql::RawRow& r, int i) -> std::optional<Points> {
        if (auto v = r.optInteger(i))
            return Points::fromHundredths(*v);
        return std::nullopt;
    };
    auto time = [](const sql::RawRow& r, int i) -> std::optional<TimePoint> {
        return r.isNull(i) ? std::nullopt : parseIso(r.text(i));
    };
    sql::eachRow(_s,
                 "SELECT u.code, a.sub_code, a.self_score, length(a.self_text) > 0, "
                 "a.step1_score, a.req_at IS NOT NULL, a.reply_at, a.step2_score, a.self_at "
                 "FROM assessment_items a JOIN units u ON u.id = a.unit_id" +
                     where,
                 p, [&](const sql::RawRow& r) {
                     AssessmentFlags f;
                     f.unitCode = r.text(0);
                     f.subCode = r.text(1);
                     f.self = points(r, 2);
                     f.selfScored = f.self.has_value();
                     f.hasExplanation = r.integer(3) != 0;
                     f.step1 = points(r, 4);
                     f.step1Scored = f.step1.has_value();
                     f.requested = r.integer(5) != 0;
                     f.repliedAt = time(r, 6);
                     f.replied = f.repliedAt.has_value();
                     f.step2 = points(r, 7);
                     f.step2Scored = f.step2.has_value();
                     f.selfAt = time(r, 8);
                     out.push_back(std::move(f));
                 });
    return out;
}

std::vector<EvidenceCount> SqlAssessmentRepository::evidenceCounts(
    int year, const std::optional<std::string>& unitCode) {
    std::string where = " WHERE e.period_id = (SELECT id FROM periods WHERE year = ?)";
    std::vector<sql::Param> p{sql::integer(year)};
    if (unitCode) {
        where += " AND e.unit_id = (SELECT id FROM units WHERE code = ?)";
        p.push_back(*unitCode);
    }
    // The rows come in index order (evidence_counts), so each (unit, sub-criterion) is one run
    // counted here: SQLite's GROUP BY over the same rows took ~3x as long (50,000 rows: ~20 ms).
    // Times are stored in one ISO-8601 format, so the greatest text is the latest time.
    // An item stands unless its latest event is a withdrawal. The withdrawn ids are found once
    // (events are few) rather than by a lookup per evidence row.
    // Unit codes by id, looked up once per run rather than joined to each of the rows.
    std::unordered_map<std::int64_t, std::string> codes;
    sql::eachRow(_s, "SELECT id, code FROM units" + std::string(unitCode ? " WHERE code = ?" : ""),
                 unitCode ? std::vector<sql::Param>{*unitCode} : std::vector<sql::Param>{},
                 [&](const sql::RawRow& r) { codes.emplace(r.integer(0), r.text(1)); });
    std::vector<EvidenceCount> out;
    std::int64_t unitId = -1;
    std::string last;  // the latest upload of the current run
    auto close = [&] {
        if (!out.empty())
            out.back().lastUpload = parseIso(last);
    };
    sql::eachRow(
        _s,
        "SELECT e.unit_id, e.sub_code, e.round, e.uploaded_at FROM evidence e" + where +
            " AND e.id NOT IN (SELECT v.evidence_id FROM evidence_events v WHERE v.action = "
            "'withdraw' AND v.id IN (SELECT MAX(id) FROM evidence_events GROUP BY "
            "evidence_id)) ORDER BY e.unit_id, e.sub_code",
        p, [&](const sql::RawRow& r) {
            std::string_view sub = r.view(1);
            if (out.empty() || r.integer(0) != unitId || out.back().subCode != sub) {
                close();
                unitId = r.integer(0);
                out.push_back(EvidenceCount{codes[unitId], std::string(sub), 0, 0, std::nullopt});
                last.clear();
            }
            EvidenceCount& c = out.back();
            ++c.files;
            c.supplementFiles += r.view(2) == "supplement";
            if (std::string_view at = r.view(3); at > last)
                last = at;
        });
    close();
    return out;
}

std::optional<Id> SqlAssessmentRepository::currentSetId(int year, const std::string& unitTypeCode) {
    auto rows = sql::query(_s,
                           "SELECT s.id FROM criteria_sets s JOIN periods p ON p.id = s.period_id "
                           "JOIN unit_types t ON t.id = s.unit_type_id WHERE p.year = ? AND "
                           "t.code = ? ORDER BY s.version DESC LIMIT 1",
                           {sql::integer(year), unitTypeCode});
    if (rows.empty())
        return std::nullopt;
    return rows.front().integer(0);
}

Id SqlAssessmentRepository::insertExtension(const DeadlineExtension& e) {
    return sql::insertReturningId(
        _s,
        "INSERT INTO deadline_extensions (period_id, unit_id, phase, until, reason, by, at) "
        "VALUES ((SELECT id FROM periods WHERE year = ?), (SELECT id FROM units WHERE code = ?), "
        "?, ?, ?, ?, ?) RETURNING id",
        {sql::integer(e.year), e.unitCode, std::string(extensionPhaseName(e.phase)),
         formatIso(e.until), e.reason, e.by, formatIso(e.at)});
}

std::vector<DeadlineExtension> SqlAssessmentRepository::extensions(
    int year, const std::optional<std::string>& unitCode) {
    std::string sqlText =
        "SELECT x.id, u.code, x.phase, x.until, x.reason, x.by, x.at FROM deadline_extensions x "
        "JOIN units u ON u.id = x.unit_id WHERE x.period_id = (SELECT id FROM periods WHERE "
        "year = ?)";
    std::vector<sql::Param> p{sql::integer(year)};
    if (unitCode) {
        sqlText += " AND u.code = ?";
        p.push_back(*unitCode);
    }
    std::vector<DeadlineExtension> out;
    for (const auto& r : sql::query(_s, sqlText + " ORDER BY x.id", p))
        out.push_back(DeadlineExtension{
            r.integer(0), year, r.text(1),
            parseExtensionPhase(r.text(2)).value_or(ExtensionPhase::SelfAssessment), r.time(3),
            r.text(4), r.text(5), r.time(6)});
    return out;
}

void SqlAssessmentRepository::markSeen(int year, const std::string& username,
                                       const std::string& unitCode, TimePoint at) {
    sql::exec(_s,
              "INSERT INTO review_marks (period_id, username, unit_id, seen_at) VALUES ((SELECT "
              "id FROM periods WHERE year = ?), ?, (SELECT id FROM units WHERE code = ?), ?) "
              "ON CONFLICT (period_id, username, unit_id) DO UPDATE SET seen_at = excluded.seen_at",
              {sql::integer(year), username, unitCode, formatIso(at)});
}

std::vector<std::pair<std::string, TimePoint>> SqlAssessmentRepository::seenMarks(
    int year, const std::string& username) {
    std::vector<std::pair<std::string, TimePoint>> out;
    for (const auto& r :
         sql::query(_s,
                    "SELECT u.code, m.seen_at FROM review_marks m JOIN units u ON u.id = "
                    "m.unit_id WHERE m.period_id = (SELECT id FROM periods WHERE year = ?) AND "
                    "m.username = ?",
                    {sql::integer(year), username}))
        out.emplace_back(r.text(0), r.time(1));
    return out;
}

}  // namespace kc
