#pragma once

#include <Poco/JSON/Object.h>

#include "domain/Evidence.h"
#include "services/EvidenceService.h"

namespace kc::json {

// The JSON shape of evidence, shared by API responses and audit summaries: id, year, unit_code,
// sub_code, round, file_name, sha256, size, media_type, uploaded_by, uploaded_at, doc_number,
// issue_date, issuer, page_ref, note (absent metadata is null).
Poco::JSON::Object::Ptr of(const EvidenceItem& e);
// The item plus "withdrawn", "new_since_step1" and "history" (each event's action, at, by).
Poco::JSON::Object::Ptr of(const EvidenceView& v);

}  // namespace kc::json
