#pragma once

#include "storage/SqlConnection.h"

#include "domain/Store.h"

namespace kc {

// SQL implementations of the domain repositories, each bound to one open transaction's session.
// Not thread-safe (a transaction belongs to one thread).

class SqlUserRepository final : public UserRepository {
public:
    explicit SqlUserRepository(sql::Connection& s) : _s(s) {}
    std::optional<User> findByUsername(const std::string& username) override;
    std::optional<User> findById(Id id) override;
    std::vector<User> list() override;
    Id insert(const User& user, const std::string& passwordHash) override;
    void update(const User& user) override;
    std::string passwordHash(Id userId) override;
    void setPasswordHash(Id userId, const std::string& hash) override;

private:
    sql::Connection& _s;
};

class SqlSessionRepository final : public SessionRepository {
public:
    explicit SqlSessionRepository(sql::Connection& s) : _s(s) {}
    void insert(const SessionRecord& r) override;
    std::optional<std::pair<SessionRecord, User>> findWithUser(
        const std::string& tokenHash) override;
    void remove(const std::string& tokenHash) override;
    void removeExpired(TimePoint now) override;
    void removeForUser(Id userId) override;

private:
    sql::Connection& _s;
};

class SqlDirectoryRepository final : public DirectoryRepository {
public:
    explicit SqlDirectoryRepository(sql::Connection& s) : _s(s) {}
    std::optional<Period> findPeriod(int year) override;
    std::vector<Period> listPeriods() override;
    Id insertPeriod(const Period& p) override;
    void updatePeriod(const Period& p) override;
    std::optional<UnitType> findUnitType(const std::string& code) override;
    std::vector<UnitType> listUnitTypes() override;
    Id insertUnitType(const UnitType& t) override;
    std::optional<Unit> findUnit(const std::string& code) override;
    std::vector<Unit> listUnits() override;
    Id insertUnit(const Unit& u) override;
    void updateUnit(const Unit& u) override;
    void setUnitNames(Id unitId, const std::vector<UnitName>& names) override;
    std::vector<Assignment> listAssignments(int year) override;
    void insertAssignment(const Assignment& a) override;
    void removeAssignment(const Assignment& a) override;

private:
    sql::Connection& _s;
};

class SqlCriteriaRepository final : public CriteriaRepository {
public:
    explicit SqlCriteriaRepository(sql::Connection& s) : _s(s) {}
    Id insert(const CriteriaSet& set, const std::string& treeJson, TimePoint at,
              const std::string& by) override;
    std::vector<CriteriaSetInfo> list(int year) override;
    int latestVersion(int year, const std::string& unitTypeCode) override;
    std::optional<StoredCriteriaSet> find(Id id) override;

private:
    sql::Connection& _s;
};

class SqlAuditRepository final : public AuditRepository {
public:
    explicit SqlAuditRepository(sql::Connection& s) : _s(s) {}
    Id append(AuditEntry e) override;
    std::vector<AuditEntry> list(Id afterId, int limit) override;

private:
    sql::Connection& _s;
};

class SqlEvidenceRepository final : public EvidenceRepository {
public:
    explicit SqlEvidenceRepository(sql::Connection& s) : _s(s) {}
    std::optional<SubCriterionRef> findSubCriterion(int year, const std::string& unitTypeCode,
                                                    const std::string& code) override;
    void ensureBlob(const BlobRecord& b) override;
    std::vector<std::string> blobShas() override;
    Id insert(const EvidenceItem& item) override;
    std::optional<EvidenceItem> find(Id id) override;
    std::vector<EvidenceItem> list(int year, const std::string& unitCode,
                                   const std::optional<std::string>& subCode) override;
    Id appendEvent(const EvidenceEvent& e) override;

private:
    sql::Connection& _s;
};

class SqlAssessmentRepository final : public AssessmentRepository {
public:
    explicit SqlAssessmentRepository(sql::Connection& s) : _s(s) {}
    std::optional<AssessmentItem> find(int year, const std::string& unitCode,
                                       const std::string& subCode) override;
    std::vector<AssessmentItem> list(int year, const std::string& unitCode) override;
    bool save(const AssessmentItem& item, int expectedVersion) override;
    std::vector<AssessmentFlags> flags(int year,
                                       const std::optional<std::string>& unitCode) override;
    std::vector<EvidenceCount> evidenceCounts(int year,
                                              const std::optional<std::string>& unitCode) override;
    std::optional<Id> currentSetId(int year, const std::string& unitTypeCode) override;
    Id insertExtension(const DeadlineExtension& e) override;
    std::vector<DeadlineExtension> extensions(int year,
                                              const std::optional<std::string>& unitCode) override;
    void markSeen(int year, const std::string& username, const std::string& unitCode,
                  TimePoint at) override;
    std::vector<std::pair<std::string, TimePoint>> seenMarks(int year,
                                                             const std::string& username) override;

private:
    sql::Connection& _s;
};

class SqlResultsRepository final : public ResultsRepository {
public:
    explicit SqlResultsRepository(sql::Connection& s) : _s(s) {}
    std::vector<SurveyScore> surveyScores(int year) override;
    void putSurveyScores(int year, const std::vector<SurveyScore>& rows, TimePoint at,
                         const std::string& by) override;
    std::optional<ResultSettings> settings(int year, const std::string& unitTypeCode) override;
    void putSettings(int year, const std::string& unitTypeCode, const ResultSettings& s) override;
    std::vector<SipasFactor> sipasFactors(int year) override;
    void putSipasFactors(int year, const std::vector<SipasFactor>& factors) override;
    std::vector<SipasCount> sipasCounts(int year) override;
    void replaceSipasCounts(int year, const std::vector<SipasCount>& counts) override;

private:
    sql::Connection& _s;
};

class SqlDocumentRepository final : public DocumentRepository {
public:
    explicit SqlDocumentRepository(sql::Connection& s) : _s(s) {}
    Id insert(const OfficialDocument& doc) override;
    std::optional<OfficialDocument> find(Id id) override;
    std::vector<OfficialDocument> list(int year) override;
    std::vector<OfficialDocument> findBySha256(const std::string& sha256) override;

private:
    sql::Connection& _s;
};

}  // namespace kc
