#pragma once

#include <Poco/JSON/Object.h>

#include "domain/Document.h"
#include "services/DocumentService.h"

namespace kc::json {

// The JSON views of documents and verification reports (docs/api.md).
Poco::JSON::Object::Ptr of(const OfficialDocument& d);
Poco::JSON::Object::Ptr of(const PdfVerification& v);

}  // namespace kc::json
