#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "domain/Audit.h"
#include "domain/Entities.h"
#include "domain/Store.h"

namespace kc::json {

// The JSON shape of each entity, shared by API responses and audit summaries so both always
// agree. Keys are snake_case; times ISO-8601 UTC; absent optionals are null.
Poco::JSON::Object::Ptr of(const User& u);
Poco::JSON::Object::Ptr of(const Unit& u);
Poco::JSON::Object::Ptr of(const UnitType& t);
Poco::JSON::Object::Ptr of(const Period& p);
Poco::JSON::Object::Ptr of(const Assignment& a);
Poco::JSON::Object::Ptr of(const CriteriaSetInfo& i);
Poco::JSON::Object::Ptr of(const AuditEntry& e);

// Compact serialisation (for audit before/after columns).
std::string stringify(const Poco::JSON::Object::Ptr& o);

}  // namespace kc::json
