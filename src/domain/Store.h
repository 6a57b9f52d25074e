#pragma once

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/Assessment.h"
#include "domain/Audit.h"
#include "domain/Criteria.h"
#include "domain/Document.h"
#include "domain/Entities.h"
#include "domain/Evidence.h"
#include "domain/Results.h"
#include "domain/Sipas.h"

namespace kc {

// Repository interfaces: what the services need from persistent state. Implemented by the
// storage module (SQLite; PostgreSQL later). Methods throw only for broken infrastructure (a
// full disk as std::system_error, so that callers can say so);
// "not found" is an empty optional, uniqueness is checked by the caller before insert.

class UserRepository {
public:
    virtual ~UserRepository() = default;
    virtual std::optional<User> findByUsername(const std::string& username) = 0;
    virtual std::optional<User> findById(Id id) = 0;
    virtual std::vector<User> list() = 0;
    virtual Id insert(const User& user, const std::string& passwordHash) = 0;
    // Updates every field of the row with user.id (not the password).
    virtual void update(const User& user) = 0;
    virtual std::string passwordHash(Id userId) = 0;
    virtual void setPasswordHash(Id userId, const std::string& hash) = 0;
};

struct SessionRecord {
    std::string tokenHash;  // SHA-256 of the bearer token; the token itself is never stored
    Id userId = 0;
    std::string csrfToken;
    TimePoint createdAt{};
    TimePoint expiresAt{};
};

class SessionRepository {
public:
    virtual ~SessionRepository() = default;
    virtual void insert(const SessionRecord& s) = 0;
    // The session and its user in one lookup (every authenticated request makes it).
    virtual std::optional<std::pair<SessionRecord, User>> findWithUser(
        const std::string& tokenHash) = 0;
    virtual void remove(const std::string& tokenHash) = 0;
    virtual void removeExpired(TimePoint now) = 0;
    // Ends every session of the user (password reset, deactivation).
    virtual void removeForUser(Id userId) = 0;
};

class DirectoryRepository {
public:
    virtual ~DirectoryRepository() = default;
    virtual std::optional<Period> findPeriod(int year) = 0;
    virtual std::vector<Period> listPeriods() = 0;
    virtual Id insertPeriod(const Period& p) = 0;
    virtual void updatePeriod(const Period& p) = 0;

    virtual std::optional<UnitType> findUnitType(const std::string& code) = 0;
    virtual std::vector<UnitType> listUnitTypes() = 0;
    virtual Id insertUnitType(const UnitType& t) = 0;

    // Units come with their names by year (Unit::names).
    virtual std::optional<Unit> findUnit(const std::string& code) = 0;
    virtual std::vector<Unit> listUnits() = 0;
    // Stores u and u.name as its name from u.activeFromYear on.
    virtual Id insertUnit(const Unit& u) = 0;
    // Updates the unit row (not its names).
    virtual void updateUnit(const Unit& u) = 0;
    // Replaces the names by year of unit unitId with names (by fromYear ascending) and makes
    // the last one its newest name. REQUIRES: names is not empty.
    virtual void setUnitNames(Id unitId, const std::vector<UnitName>& names) = 0;

    virtual std::vector<Assignment> listAssignments(int year) = 0;
    virtual void insertAssignment(const Assignment& a) = 0;
    virtual void removeAssignment(const Assignment& a) = 0;
};

// Summary of a stored criteria set version (no tree).
struct CriteriaSetInfo {
    Id id = 0;
    int year = 0;
    std::string unitTypeCode;
    int version = 0;
    std::string title;
    Scale scale;
    std::string sourceSha256;
    TimePoint createdAt{};
    std::string createdBy;
};

// A stored version: its summary and the canonical JSON of its tree (the services parse it).
struct StoredCriteriaSet {
    CriteriaSetInfo info;
    std::string treeJson;
};

class CriteriaRepository {
public:
    virtual ~CriteriaRepository() = default;
    // Stores set as version set.version (the caller picks latestVersion + 1) with its canonical
    // tree JSON, and one row per node for queries; returns the new id.
    virtual Id insert(const CriteriaSet& set, const std::string& treeJson, TimePoint at,
                      const std::string& by) = 0;
    virtual std::vector<CriteriaSetInfo> list(int year) = 0;
    virtual int latestVersion(int year, const std::string& unitTypeCode) = 0;  // 0 if none
    virtual std::optional<StoredCriteriaSet> find(Id id) = 0;
};

class AuditRepository {
public:
    virtual ~AuditRepository() = default;
    // Appends e after the newest entry: fills e.id, e.prevHash and e.hash. Returns the id.
    virtual Id append(AuditEntry e) = 0;
    // Entries with id > afterId in id order, at most limit.
    virtual std::vector<AuditEntry> list(Id afterId, int limit) = 0;
};

class EvidenceRepository {
public:
    virtual ~EvidenceRepository() = default;
    // The sub-criterion code of the latest criteria set for (year, unit type), or nullopt when
    // there is no set or no sub-criterion (level 3 node) with that code.
    virtual std::optional<SubCriterionRef> findSubCriterion(int year, const std::string& unitTypeCode,
                                                            const std::string& code) = 0;
    // Records a blob unless its SHA-256 is recorded already (the first record wins).
    virtual void ensureBlob(const BlobRecord& b) = 0;
    // Every recorded blob SHA-256, sorted.
    virtual std::vector<std::string> blobShas() = 0;
    // Stores item (its year and unitCode name the period and unit; id and events are ignored)
    // and returns the new id. REQUIRES: ensureBlob(item.sha256) was called.
    virtual Id insert(const EvidenceItem& item) = 0;
    // The item with its events, or nullopt.
    virtual std::optional<EvidenceItem> find(Id id) = 0;
    // Every item of (year, unit), of one sub-criterion when subCode is set, with events; in id
    // order.
    virtual std::vector<EvidenceItem> list(int year, const std::string& unitCode,
                                           const std::optional<std::string>& subCode) = 0;
    // Appends an event (e.id is ignored); returns its id.
    virtual Id appendEvent(const EvidenceEvent& e) = 0;
};

// Compact facts of one stored assessment item, for set-based reads (completeness, queue).
struct AssessmentFlags {
    std::string unitCode;
    std::string subCode;
    bool selfScored = false;
    bool hasExplanation = false;
    bool step1Scored = false;
    bool requested = false;
    bool replied = false;
    bool step2Scored = false;
    std::optional<Points> self, step1, step2;
    std::optional<TimePoint> selfAt;
    std::optional<TimePoint> repliedAt;
};

// Standing (not withdrawn) evidence of one unit and sub-criterion, counted in one query.
struct EvidenceCount {
    std::string unitCode;
    std::string subCode;
    int files = 0;
    int supplementFiles = 0;
    std::optional<TimePoint> lastUpload;
};

class AssessmentRepository {
public:
    virtual ~AssessmentRepository() = default;
    // The item, or nullopt when it was never written.
    virtual std::optional<AssessmentItem> find(int year, const std::string& unitCode,
                                               const std::string& subCode) = 0;
    // Every written item of (year, unit), by sub-criterion code.
    virtual std::vector<AssessmentItem> list(int year, const std::string& unitCode) = 0;
    // Stores item as version expectedVersion + 1 when the stored version is still
    // expectedVersion (0: not yet stored). Returns false, changing nothing, otherwise.
    virtual bool save(const AssessmentItem& item, int expectedVersion) = 0;
    // Flags of every written item of the period, of one unit when unitCode is set.
    virtual std::vector<AssessmentFlags> flags(int year,
                                               const std::optional<std::string>& unitCode) = 0;
    // Standing evidence per (unit, sub-criterion) of the period, of one unit when set.
    virtual std::vector<EvidenceCount> evidenceCounts(
        int year, const std::optional<std::string>& unitCode) = 0;
    // The id of the latest criteria set for (year, unit type), or nullopt.
    virtual std::optional<Id> currentSetId(int year, const std::string& unitTypeCode) = 0;

    virtual Id insertExtension(const DeadlineExtension& e) = 0;
    // Extensions of the period (of one unit when set), in the order recorded.
    virtual std::vector<DeadlineExtension> extensions(
        int year, const std::optional<std::string>& unitCode) = 0;

    // A reviewer's "last seen" mark per unit: set when they open a unit's items.
    virtual void markSeen(int year, const std::string& username, const std::string& unitCode,
                          TimePoint at) = 0;
    virtual std::vector<std::pair<std::string, TimePoint>> seenMarks(
        int year, const std::string& username) = 0;
};

// An imported survey value of one unit and survey sub-criterion.
struct SurveyScore {
    std::string unitCode;
    std::string subCode;
    SurveyValue value;
};

class ResultsRepository {
public:
    virtual ~ResultsRepository() = default;
    // Every stored survey value of the period, by unit then sub-criterion code.
    virtual std::vector<SurveyScore> surveyScores(int year) = 0;
    // Stores each row, replacing the value stored for its (unit, sub-criterion).
    virtual void putSurveyScores(int year, const std::vector<SurveyScore>& rows, TimePoint at,
                                 const std::string& by) = 0;
    // The result rules of (year, unit type), or nullopt when never configured.
    virtual std::optional<ResultSettings> settings(int year, const std::string& unitTypeCode) = 0;
    virtual void putSettings(int year, const std::string& unitTypeCode,
                             const ResultSettings& s) = 0;
    // The SIPAS factor set of the period (empty when not configured).
    virtual std::vector<SipasFactor> sipasFactors(int year) = 0;
    virtual void putSipasFactors(int year, const std::vector<SipasFactor>& factors) = 0;
    // The SIPAS answer counts of the period, by unit then factor code.
    virtual std::vector<SipasCount> sipasCounts(int year) = 0;
    // Replaces every count of the period with counts.
    virtual void replaceSipasCounts(int year, const std::vector<SipasCount>& counts) = 0;
};

// The repositories seen inside one transaction.
class Transaction {
public:
    virtual ~Transaction() = default;
    virtual UserRepository& users() = 0;
    virtual SessionRepository& sessions() = 0;
    virtual DirectoryRepository& directory() = 0;
    virtual CriteriaRepository& criteria() = 0;
    virtual AuditRepository& audit() = 0;
    virtual EvidenceRepository& evidence() = 0;
    virtual AssessmentRepository& assessment() = 0;
    virtual ResultsRepository& results() = 0;
    virtual DocumentRepository& documents() = 0;
};

// Runs units of work in transactions. Thread-safe; each call gets its own connection.
class Store {
public:
    virtual ~Store() = default;

    // Runs f(tx) in a read-write transaction: committed when f returns an ok Result, rolled back
    // when it returns an error or throws (the exception propagates).
    template <typename F>
    auto write(F&& f) -> std::invoke_result_t<F, Transaction&> {
        return run(true, std::forward<F>(f));
    }
    // Same for reading; never commits anything.
    template <typename F>
    auto read(F&& f) -> std::invoke_result_t<F, Transaction&> {
        return run(false, std::forward<F>(f));
    }

    // Health probe: true when the database answers a trivial query.
    virtual bool ping() = 0;

protected:
    // Calls body(tx) inside a transaction; commits iff write && body returned true.
    virtual void transact(bool write, const std::function<bool(Transaction&)>& body) = 0;

private:
    template <typename F>
    auto run(bool write, F&& f) -> std::invoke_result_t<F, Transaction&> {
        using R = std::invoke_result_t<F, Transaction&>;
        std::optional<R> out;
        transact(write, [&](Transaction& tx) {
            out.emplace(f(tx));
            return out->ok();
        });
        return std::move(*out);
    }
};

}  // namespace kc
