#pragma once

#include <vector>

#include "http/Handlers.h"
#include "http/Router.h"

namespace kc::http {

// The route table: the web interface (GET / and /static/...) and every API endpoint, each with
// its method and who may call it.
std::vector<Route> apiRoutes(Services& s);

}  // namespace kc::http
