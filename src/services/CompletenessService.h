#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/Completeness.h"
#include "domain/Store.h"
#include "services/CriteriaIndex.h"

namespace kc {

struct MatrixFilter {
    std::optional<std::string> unitType;
    std::optional<std::string> area;
    std::optional<ItemStatus> status;  // units having at least one item in this status
};

// One unit x criterion cell: how many of the criterion's sub-criteria are done (see
// StatusSummary::done) and the least advanced status among them.
struct MatrixCell {
    std::string criterion;
    int done = 0;
    int total = 0;
    ItemStatus least = ItemStatus::NotStarted;
};

struct MatrixRow {
    std::string unitCode;
    std::string unitName;
    std::string unitType;
    Phase phase = Phase::NotStarted;
    StatusSummary summary;
    std::vector<MatrixCell> cells;
};

// The units x criteria matrix of a period: units that submitted nothing first, then by
// completion ascending, then by code.
struct CompletenessMatrix {
    int year = 0;
    std::vector<MatrixRow> rows;
};

// An item a reviewer should act on now, with what changed since they last opened the unit.
struct QueueItem {
    std::string unitCode;
    std::string subCode;
    std::string area;
    ItemStatus status = ItemStatus::UnderReview;
    TimePoint since{};  // when the item became actionable (oldest first)
    bool changedSinceSeen = false;
    int newFiles = 0;  // supplement files uploaded after the last look
    bool newReply = false;
};

// Self vs step 1 vs step 2 for one sub-criterion (see Differences for the totals). The values
// are as entered (magnitudes for a bonus or penalty); a difference is what the self-score adds
// to the points over the appraisal, so for a penalty it is step - self (a unit declaring a
// smaller penalty than the reviewer found is above the appraisal, as with any item).
struct DifferenceRow {
    std::string subCode;
    Adjustment adjustment = Adjustment::None;
    std::optional<Points> self, step1, step2;
    std::optional<Points> selfMinusStep1, selfMinusStep2;  // when both scores exist
};

// The round totals are sums of what was entered in each round by the criterion rule
// (CriterionSum: bonuses add, penalties subtract, each criterion clamped to [0, max]), as
// results' self_total, step1_total, step2_total. A total difference compares like with like: it is
// summed over the rows that have both scores only (selfAndStep1 / selfAndStep2 of them), so it
// equals the sum of the row differences shown.
struct Differences {
    std::string unitCode;
    std::vector<DifferenceRow> rows;
    Points selfTotal, step1Total, step2Total;
    Points selfMinusStep1, selfMinusStep2;
    int selfAndStep1 = 0, selfAndStep2 = 0;
};

// Read-side views of the workflow computed on every read with a few set-based queries (no
// query per cell) and the pure rules of domain/Completeness.h. Thread-safe.
class CompletenessService {
public:
    CompletenessService(Store& store, const Clock& clock, std::shared_ptr<CriteriaCache> cache)
        : _store(store), _clock(clock), _cache(std::move(cache)) {}

    // Clerks and admins see every unit and area; reviewers only their assigned areas (filter
    // area outside them is Forbidden); units Forbidden. NotFound for an unknown period.
    Result<CompletenessMatrix> matrix(const Actor& actor, int year, const MatrixFilter& filter);

    // For a reviewer: in step 1, the items of their areas without a step-1 score that the unit
    // self-scored or that are not the unit's to score (self_scored false; survey items never);
    // in step 2, replied items and items with supplement files, not yet scored in step 2.
    // Oldest first. Empty outside those phases.
    Result<std::vector<QueueItem>> reviewQueue(const Actor& actor, int year);

    // Units read only their own (Forbidden).
    Result<Differences> differences(const Actor& actor, int year, const std::string& unit);

private:
    Store& _store;
    const Clock& _clock;
    std::shared_ptr<CriteriaCache> _cache;
};

}  // namespace kc
