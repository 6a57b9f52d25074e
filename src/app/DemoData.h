#pragma once

#include <ostream>
#include <string>

#include "app/Kernel.h"

namespace kc {

// Loads the demo year: the 2022 period with Bảo Yên's structure (1 district People's Committee,
// 12 agencies, 17 communes), the sample criteria set for the district type and one account per
// role. Prints the accounts to out. Does nothing (and says so) when a 2022 period exists.
// criteriaPath: the criteria JSON to import. Returns false (after printing why) on failure.
bool loadDemoData(Kernel& kernel, const std::string& criteriaPath, std::ostream& out);

}  // namespace kc
