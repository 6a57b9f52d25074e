#include "storage/Sql.h"
#include "storage/SqlRepositories.h"

namespace kc {

namespace {

const char* kColumns =
    "SELECT d.id, p.year, d.kind, u.code, d.title, d.number, d.document_date, d.draft, d.sha256, "
    "b.size, d.signature_count, d.signed_by, d.previous_id, d.manifest_sha256, d.created_at, "
    "d.created_by FROM documents d JOIN periods p ON p.id = d.period_id "
    "LEFT JOIN units u ON u.id = d.unit_id JOIN blobs b ON b.sha256 = d.sha256 ";

OfficialDocument toDocument(const sql::Row& r) {
    OfficialDocument d;
    d.id = r.integer(0);
    d.year = static_cast<int>(r.integer(1));
    d.kind = parseDocumentKind(r.text(2)).value_or(DocumentKind::AppraisalSheet);
    d.unitCode = r.optText(3);
    d.title = r.text(4);
    if (auto n = r.optInteger(5))
        d.number = static_cast<int>(*n);
    d.documentDate = r.time(6);
    d.draft = r.integer(7) != 0;
    d.sha256 = r.text(8);
    d.size = static_cast<std::uint64_t>(r.integer(9));
    d.signatureCount = static_cast<int>(r.integer(10));
    d.signedBy = r.text(11);
    d.previousId = r.optInteger(12);
    d.manifestSha256 = r.text(13);
    d.createdAt = r.time(14);
    d.createdBy = r.text(15);
    return d;
}

std::vector<OfficialDocument> toDocuments(const std::vector<sql::Row>& rows) {
    std::vector<OfficialDocument> out;
    for (const auto& r : rows) out.push_back(toDocument(r));
    return out;
}

}  // namespace

Id SqlDocumentRepository::insert(const OfficialDocument& d) {
    return sql::insertReturningId(
        _s,
        "INSERT INTO documents (period_id, kind, unit_id, title, number, document_date, draft, "
        "sha256, signature_count, signed_by, previous_id, manifest_sha256, created_at, "
        "created_by) VALUES ((SELECT id FROM periods WHERE year = ?), ?, "
        "(SELECT id FROM units WHERE code = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {sql::integer(d.year), std::string(documentKindName(d.kind)), sql::text(d.unitCode),
         d.title, d.number ? sql::Param(sql::integer(*d.number)) : sql::Param(nullptr),
         formatIso(d.documentDate), sql::integer(d.draft ? 1 : 0), d.sha256,
         sql::integer(d.signatureCount), d.signedBy,
         d.previousId ? sql::Param(sql::integer(*d.previousId)) : sql::Param(nullptr),
         d.manifestSha256, formatIso(d.createdAt), d.createdBy});
}

std::optional<OfficialDocument> SqlDocumentRepository::find(Id id) {
    auto rows = sql::query(_s, std::string(kColumns) + "WHERE d.id = ?", {sql::integer(id)});
    if (rows.empty())
        return std::nullopt;
    return toDocument(rows.front());
}

std::vector<OfficialDocument> SqlDocumentRepository::list(int year) {
    return toDocuments(sql::query(_s, std::string(kColumns) + "WHERE p.year = ? ORDER BY d.id DESC",
                                  {sql::integer(year)}));
}

std::vector<OfficialDocument> SqlDocumentRepository::findBySha256(const std::string& sha256) {
    return toDocuments(
        sql::query(_s, std::string(kColumns) + "WHERE d.sha256 = ? ORDER BY d.id", {sha256}));
}

}  // namespace kc
