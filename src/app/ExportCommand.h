#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "app/Kernel.h"

namespace kc {

// `kiemchung export-evidence --year Y [--unit CODE] [--round self|supplement] --out FILE.zip`:
// the same zip as GET /api/v1/periods/{year}/evidence-export, written to FILE.zip.part and
// renamed to FILE.zip once complete (a failed export leaves no FILE.zip). Runs as the system
// (admin) actor. Exit 0 on success, 1 on failure, 2 on bad usage.
int runExportEvidence(Kernel& k, const std::vector<std::string>& args, std::ostream& out);

}  // namespace kc
