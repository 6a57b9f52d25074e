#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Points.h"
#include "core/Result.h"

namespace kc {

// A SIPAS factor (yếu tố) of a period, e.g. "Tiếp cận dịch vụ", with the questionnaire
// questions that measure it. The factor set is configured per period (4 or 5 factors).
struct SipasFactor {
    std::string code;
    std::string name;
    std::vector<std::string> questions;
};

// Checks a factor set: 1..10 factors, codes and names present and unique, every question code
// in exactly one factor. Vietnamese messages with "$.factors[i]…" paths.
Status validateSipasFactors(const std::vector<SipasFactor>& factors);

// One answer of one respondent: 1..5 on the satisfaction scale, nullopt when left blank.
struct SipasAnswer {
    std::string respondent;
    std::string unitCode;
    std::string question;
    std::optional<int> answer;
};

// Valid and satisfied answers of one unit on one factor. An answer is valid when it is 1..5
// and satisfied when it is 4 ("hài lòng") or 5 ("rất hài lòng"); blanks are not counted.
struct SipasCount {
    std::string unitCode;
    std::string factorCode;
    int valid = 0;
    int satisfied = 0;
};

// Tallies answers into counts per (unit, factor), in unit then factor order. Answers to
// questions of no factor are not counted. REQUIRES: answers validated (1..5 or blank).
std::vector<SipasCount> tallySipasAnswers(const std::vector<SipasFactor>& factors,
                                          const std::vector<SipasAnswer>& answers);

struct SipasFactorResult {
    std::string code;
    int valid = 0;
    int satisfied = 0;
    std::optional<Points> pct;  // satisfied / valid x 100, hundredths; none without answers
};

// Satisfaction of one unit (or of the whole period when unitCode is empty): per factor, and
// overall = the mean of the factor percentages that have answers (each factor weighs the
// same, as in the national SIPAS index); both rounded half away from zero.
struct SipasResult {
    std::string unitCode;
    std::vector<SipasFactorResult> factors;  // in factor order
    std::optional<Points> overallPct;
};

// Per unit (in unit code order) and, as the last element with an empty unitCode, for everyone:
// the whole district/province pooled over all answers.
std::vector<SipasResult> computeSipas(const std::vector<SipasFactor>& factors,
                                      const std::vector<SipasCount>& counts);

}  // namespace kc
