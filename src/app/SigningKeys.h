#pragma once

#include <iosfwd>

#include "app/Config.h"
#include "core/Result.h"

namespace kc {

// Creates self-signed demo keys (pdf::DemoCertificate) for the organisation and the approver at
// their configured paths when those files are missing and lie inside the storage directory (a
// key configured elsewhere is the province's own and is never replaced or invented). Creates the
// keys/ directory (0700). Prints one line per key created or missing to out.
// Errors: those of DemoCertificate::writePkcs12 (NotFound for an unwritable directory).
Status ensureDemoKeys(const Config& config, std::ostream& out);

}  // namespace kc
