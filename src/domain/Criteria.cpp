#include "domain/Criteria.h"

namespace kc {

std::string_view scoringTypeName(ScoringType t) {
    switch (t) {
        case ScoringType::Levels: return "levels";
        case ScoringType::Bands: return "bands";
        case ScoringType::Proportional: return "proportional";
        case ScoringType::Deduction: return "deduction";
        case ScoringType::Survey: return "survey";
    }
    return "levels";
}

std::optional<ScoringType> parseScoringType(std::string_view name) {
    for (ScoringType t : {ScoringType::Levels, ScoringType::Bands, ScoringType::Proportional,
                          ScoringType::Deduction, ScoringType::Survey})
        if (scoringTypeName(t) == name) return t;
    return std::nullopt;
}

std::string_view adjustmentName(Adjustment a) {
    switch (a) {
        case Adjustment::None:
            return "";
        case Adjustment::Bonus:
            return "bonus";
        case Adjustment::Penalty:
            return "penalty";
    }
    return "";
}

std::optional<Adjustment> parseAdjustment(std::string_view name) {
    if (name == "bonus")
        return Adjustment::Bonus;
    if (name == "penalty")
        return Adjustment::Penalty;
    return std::nullopt;
}

}  // namespace kc
