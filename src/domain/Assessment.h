#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/Clock.h"
#include "core/Points.h"
#include "domain/Entities.h"

namespace kc {

// One round's value for one unit and sub-criterion: the score as checked by checkScore, what
// was entered to compute it, the explanation (self) or comment (step 1 / step 2), and who set
// it when.
struct RoundScore {
    Points score;
    std::optional<Points> metricPct;
    std::optional<int> violations;
    std::string overrideReason;
    std::optional<Points> suggested;
    std::string text;  // explanation (self) or comment (reviewers)
    std::string by;
    TimePoint at{};
};

// What a reviewer asked a unit to supplement during step 1, and the unit's reply (giải trình).
// A request is open until it is replied to; an item holds at most one.
struct SupplementRequest {
    std::string missing;
    std::string reason;
    TimePoint due{};
    std::string by;
    TimePoint at{};
    std::optional<std::string> reply;
    std::string repliedBy;
    std::optional<TimePoint> repliedAt;
};

// The assessment state of one unit and sub-criterion in one period. version counts the writes
// (0 = never written); a writer must present the version it read.
struct AssessmentItem {
    int year = 0;
    std::string unitCode;
    std::string subCode;
    int version = 0;
    std::optional<RoundScore> self;
    std::optional<RoundScore> step1;
    std::optional<RoundScore> step2;
    std::optional<SupplementRequest> request;

    // An item nothing has been entered for yet.
    static AssessmentItem blank(int year, std::string unitCode, std::string subCode) {
        AssessmentItem item;
        item.year = year;
        item.unitCode = std::move(unitCode);
        item.subCode = std::move(subCode);
        return item;
    }
};

// The rounds in which an item is scored.
enum class ScoreRound { Self, Step1, Step2 };

// "self" / "step1" / "step2".
std::string_view scoreRoundName(ScoreRound r);

// The deadlines a clerk may extend for one unit.
enum class ExtensionPhase { SelfAssessment, Supplement };

// "self_assessment" / "supplement".
std::string_view extensionPhaseName(ExtensionPhase p);
std::optional<ExtensionPhase> parseExtensionPhase(std::string_view name);

// A per-unit extension of the self-assessment close or the supplement close. Recorded, never
// changed; the latest extension of a phase counts.
struct DeadlineExtension {
    Id id = 0;
    int year = 0;
    std::string unitCode;
    ExtensionPhase phase = ExtensionPhase::SelfAssessment;
    TimePoint until{};
    std::string reason;
    std::string by;
    TimePoint at{};
};

}  // namespace kc
