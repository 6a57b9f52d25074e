#include <algorithm>

#include "storage/Sql.h"
#include "storage/SqlRepositories.h"

namespace kc {

namespace {

const char* kItemColumns =
    "SELECT e.id, p.year, u.code, e.criteria_set_id, e.sub_code, e.round, e.sha256, b.size, "
    "b.media_type, e.file_name, e.uploaded_by, e.uploaded_at, e.doc_number, e.issue_date, "
    "e.issuer, e.page_ref, e.note FROM evidence e JOIN periods p ON p.id = e.period_id "
    "JOIN units u ON u.id = e.unit_id JOIN blobs b ON b.sha256 = e.sha256 ";

EvidenceItem toItem(const sql::Row& r) {
    EvidenceItem e;
    e.id = r.integer(0);
    e.year = static_cast<int>(r.integer(1));
    e.unitCode = r.text(2);
    e.criteriaSetId = r.integer(3);
    e.subCode = r.text(4);
    e.round = parseRound(r.text(5)).value_or(EvidenceRound::Self);
    e.sha256 = r.text(6);
    e.size = static_cast<std::uint64_t>(r.integer(7));
    e.mediaType = r.text(8);
    e.fileName = r.text(9);
    e.uploadedBy = r.text(10);
    e.uploadedAt = r.time(11);
    e.metadata = {r.optText(12), r.optText(13), r.optText(14), r.optText(15), r.optText(16)};
    return e;
}

EvidenceEvent toEvent(const sql::Row& r) {
    return EvidenceEvent{r.integer(0), r.integer(1),
                         parseAction(r.text(2)).value_or(EvidenceAction::Withdraw), r.time(3),
                         r.text(4)};
}

}  // namespace

std::optional<SubCriterionRef> SqlEvidenceRepository::findSubCriterion(
    int year, const std::string& unitTypeCode, const std::string& code) {
    auto rows = sql::query(
        _s,
        "SELECT n.set_id, n.code, n.name, n.assessed_by FROM criteria_nodes n "
        "WHERE n.level = 3 AND n.code = ? AND n.set_id = (SELECT s.id FROM criteria_sets s "
        "JOIN periods p ON p.id = s.period_id JOIN unit_types t ON t.id = s.unit_type_id "
        "WHERE p.year = ? AND t.code = ? ORDER BY s.version DESC LIMIT 1)",
        {code, sql::integer(year), unitTypeCode});
    if (rows.empty())
        return std::nullopt;
    const sql::Row& r = rows.front();
    return SubCriterionRef{r.integer(0), r.text(1), r.text(2), r.text(3) == "survey"};
}

void SqlEvidenceRepository::ensureBlob(const BlobRecord& b) {
    sql::exec(_s,
              "INSERT INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (sha256) DO NOTHING",
              {b.sha256, sql::integer(static_cast<std::int64_t>(b.size)), b.mediaType,
               formatIso(b.createdAt)});
}

std::vector<std::string> SqlEvidenceRepository::blobShas() {
    std::vector<std::string> out;
    for (const auto& r : sql::query(_s, "SELECT sha256 FROM blobs ORDER BY sha256"))
        out.push_back(r.text(0));
    return out;
}

Id SqlEvidenceRepository::insert(const EvidenceItem& e) {
    const EvidenceMetadata& m = e.metadata;
    return sql::insertReturningId(
        _s,
        "INSERT INTO evidence (period_id, unit_id, criteria_set_id, sub_code, round, sha256, "
        "file_name, uploaded_by, uploaded_at, doc_number, issue_date, issuer, page_ref, note) "
        "VALUES ((SELECT id FROM periods WHERE year = ?), (SELECT id FROM units WHERE code = ?), "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {sql::integer(e.year), e.unitCode, sql::integer(e.criteriaSetId), e.subCode,
         std::string(roundName(e.round)), e.sha256, e.fileName, e.uploadedBy,
         formatIso(e.uploadedAt), sql::text(m.docNumber), sql::text(m.issueDate),
         sql::text(m.issuer), sql::text(m.pageRef), sql::text(m.note)});
}

std::optional<EvidenceItem> SqlEvidenceRepository::find(Id id) {
    auto rows = sql::query(_s, std::string(kItemColumns) + "WHERE e.id = ?", {sql::integer(id)});
    if (rows.empty())
        return std::nullopt;
    EvidenceItem item = toItem(rows.front());
    for (const auto& r : sql::query(_s,
                                    "SELECT id, evidence_id, action, at, by FROM evidence_events "
                                    "WHERE evidence_id = ? ORDER BY id",
                                    {sql::integer(id)}))
        item.events.push_back(toEvent(r));
    return item;
}

std::vector<EvidenceItem> SqlEvidenceRepository::list(int year, const std::string& unitCode,
                                                      const std::optional<std::string>& subCode) {
    std::string where = "WHERE p.year = ? AND u.code = ?";
    std::vector<sql::Param> params{sql::integer(year), unitCode};
    if (subCode) {
        where += " AND e.sub_code = ?";
        params.push_back(*subCode);
    }
    std::vector<EvidenceItem> items;
    for (const auto& r :
         sql::query(_s, std::string(kItemColumns) + where + " ORDER BY e.id", params))
        items.push_back(toItem(r));
    if (items.empty())
        return items;
    // One query for the events of every listed item rather than one per item.
    auto events =
        sql::query(_s,
                   "SELECT v.id, v.evidence_id, v.action, v.at, v.by FROM evidence_events v "
                   "JOIN evidence e ON e.id = v.evidence_id JOIN periods p ON p.id = e.period_id "
                   "JOIN units u ON u.id = e.unit_id " +
                       where + " ORDER BY v.id",
                   params);
    for (const auto& r : events) {
        EvidenceEvent ev = toEvent(r);
        // Items are in id order; find the owner by binary search.
        auto it = std::lower_bound(items.begin(), items.end(), ev.evidenceId,
                                   [](const EvidenceItem& e, Id id) { return e.id < id; });
        if (it != items.end() && it->id == ev.evidenceId)
            it->events.push_back(ev);
    }
    return items;
}

Id SqlEvidenceRepository::appendEvent(const EvidenceEvent& e) {
    return sql::insertReturningId(
        _s,
        "INSERT INTO evidence_events (evidence_id, action, at, by) VALUES (?, ?, ?, ?) "
        "RETURNING id",
        {sql::integer(e.evidenceId), std::string(actionName(e.action)), formatIso(e.at), e.by});
}

}  // namespace kc
