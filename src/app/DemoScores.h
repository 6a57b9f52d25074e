#pragma once

#include <ostream>
#include <string>

#include "app/Kernel.h"

namespace kc {

// Gives the demo something to rank: the 2021 period with the same units and criteria, step-1
// appraisal and self-scores for every unit in 2021 and 2022 except XA16 (the demo unit account,
// left for the user to fill in), survey points for the district, agencies and communes reported
// on the appraised part (survey mode "rescale", as in Bảo Yên's report), and SIPAS aggregates
// for the communes. Deterministic; every change audited. Does nothing (and says so) when 2022
// already has scores. REQUIRES: loadDemoData ran. Returns false after printing why on failure.
bool loadDemoScores(Kernel& kernel, const std::string& criteriaPath, std::ostream& out);

}  // namespace kc
