#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/Error.h"
#include "domain/Criteria.h"
#include "domain/Store.h"

namespace kc {

// What a year has already entered against a unit type's criteria: the assessment rows,
// standing evidence and survey values of the units of that type.
struct EnteredData {
    std::vector<AssessmentFlags> items;
    std::vector<EvidenceCount> evidence;
    std::vector<SurveyScore> survey;
    // The kind (ordinary, bonus, penalty) of each sub-criterion in the set being replaced, by
    // code; empty when there is none.
    std::map<std::string, Adjustment> kinds = {};
};

// What stands in the way of replacing a year's criteria set with next, given what was entered:
// a self, step-1 or step-2 score above the new maximum of its sub-criterion, and a
// sub-criterion whose kind (ordinary, bonus, penalty) next changes although it holds a score (a
// magnitude entered as a penalty would count as points), a sub-criterion that next no longer
// has although it holds scores, an explanation, a request, a
// reply, evidence or a survey value. One detail per unit and sub-criterion, its path
// "<unit code>/<sub code>", in unit then code order. Empty when next can replace the set.
std::vector<ErrorDetail> criteriaChangeProblems(const CriteriaSet& next,
                                                const EnteredData& entered);

}  // namespace kc
