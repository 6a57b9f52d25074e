#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/Assessment.h"
#include "domain/Completeness.h"
#include "domain/ScoreRules.h"
#include "domain/Store.h"
#include "services/AuditRecorder.h"
#include "services/CriteriaIndex.h"

namespace kc {

// A score as a client sends it for one round.
struct ScoreInput {
    ScoreEntry entry;
    std::string text;  // explanation (self) or comment (step 1 / step 2)
    int version = 0;   // the item's version as read (0 for an item never written)
};

struct RequestInput {
    std::string missing;
    std::string reason;
    TimePoint due{};
    std::optional<int> version;  // checked when given
};

// One sub-criterion of a unit as the assessment page shows it.
struct ItemView {
    CriteriaNode node;
    std::string areaCode;
    AssessmentItem item;  // version 0 and no rounds when never written
    int files = 0;        // standing evidence
    int supplementFiles = 0;
    ItemStatus status = ItemStatus::NotStarted;
};

// Every sub-criterion of a unit's criteria set with its values, plus the summary.
struct UnitAssessment {
    int year = 0;
    Unit unit;
    Period effective;  // the period as this unit sees it (its extensions applied)
    Phase phase = Phase::NotStarted;
    std::vector<ItemView> items;
    StatusSummary summary;
    std::vector<DeadlineExtension> extensions;
    // The self, step-1 and step-2 values summed by the criterion rule (CriterionSum: bonuses
    // add, penalties subtract, each criterion clamped to [0, its declared maximum]).
    Points roundTotals[3] = {};
};

// One row of a bulk self-assessment; row is 1-based in the source (the CSV line, or the JSON
// array index + 1), path names it in errors ("rows[7]" or "row 8").
struct BulkRow {
    std::string path;
    std::string subCode;
    ScoreEntry entry;
    std::string explanation;
    std::optional<int> version;
};

// The completeness facts of an item of node with `files` standing evidence items.
ItemFacts factsOf(const CriteriaNode& node, const AssessmentItem& item, int files);

// The self-assessment workflow of DOMAIN.md §3-4 (docs/workflow.md): self-scores, two
// appraisal rounds, supplement requests and replies, per-unit deadline extensions. Every write
// checks role and area (Forbidden), the unit's effective phase (PhaseClosed), the score against
// the sub-criterion (InvalidInput, via checkScore) and the version (Conflict with "Dữ liệu đã
// được người khác cập nhật; tải lại rồi thử lại"), and is audited in its own transaction.
// Every write (extensions too) is refused with Conflict for a year the unit is not assessed in
// (requireAssessedUnit: merged, dissolved or not yet formed); reads of any year stay allowed.
// NotFound for an unknown period, unit, criteria set or sub-criterion. Thread-safe.
class AssessmentService {
public:
    AssessmentService(Store& store, const Clock& clock, std::shared_ptr<CriteriaCache> cache)
        : _store(store), _clock(clock), _audit(clock), _cache(std::move(cache)) {}

    // The unit's items and summary. Units read only their own (Forbidden). A reviewer's call
    // sets their "last seen" mark on the unit (see CompletenessService::reviewQueue).
    Result<UnitAssessment> unitAssessment(const Actor& actor, int year, const std::string& unit);

    // Sets the score of one round: Self by the unit itself during self-assessment (never on a
    // survey item); Step1 / Step2 by a reviewer assigned to the item's area during that step.
    Result<AssessmentItem> score(const Actor& actor, int year, const std::string& unit,
                                 const std::string& sub, ScoreRound round, const ScoreInput& in);

    // A reviewer of the area asks for a supplement during step 1. Texts are stored trimmed and
    // NFC. InvalidInput for a survey item (never the unit's to evidence), blank texts, or a due
    // date before today or after the unit's supplement close (supplementDueProblem); Conflict
    // when the item has a request already.
    Result<AssessmentItem> requestSupplement(const Actor& actor, int year, const std::string& unit,
                                             const std::string& sub, const RequestInput& in);

    // The unit's reply (giải trình) during its supplement window, stored trimmed and NFC.
    // Conflict when there is no request or it has been answered already; InvalidInput for a
    // blank text.
    Result<AssessmentItem> reply(const Actor& actor, int year, const std::string& unit,
                                 const std::string& sub, const std::string& text, int version);

    // All of a unit's self-scores at once, all or nothing: InvalidInput listing every bad row
    // (details "<row path>.<field>") and nothing stored; otherwise the stored items.
    Result<std::vector<AssessmentItem>> bulkSelf(const Actor& actor, int year,
                                                 const std::string& unit,
                                                 const std::vector<BulkRow>& rows);

    // A clerk or admin extends the self-assessment or supplement deadline of one unit.
    Result<DeadlineExtension> extend(const Actor& actor, int year, const std::string& unit,
                                     ExtensionPhase phase, TimePoint until,
                                     const std::string& reason);

private:
    struct Context;
    Result<Context> load(Transaction& tx, int year, const std::string& unit);
    Status mayAppraise(Transaction& tx, const Actor& actor, int year, const std::string& area);
    Result<AssessmentItem> write(
        const Actor& actor, int year, const std::string& unit, const std::string& sub,
        const char* action,
        const std::function<Status(Transaction&, Context&, AssessmentItem&)>& change,
        std::optional<int> version);

    Store& _store;
    const Clock& _clock;
    AuditRecorder _audit;
    std::shared_ptr<CriteriaCache> _cache;
};

}  // namespace kc
