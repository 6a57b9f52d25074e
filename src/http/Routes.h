#pragma once

#include <vector>

#include "http/Handlers.h"
#include "http/Router.h"

namespace kc::http {

// The API's route table: every endpoint, its method and who may call it.
std::vector<Route> apiRoutes(Services& s);

}  // namespace kc::http
