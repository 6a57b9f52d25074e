#pragma once

#include "core/Error.h"
#include "http/Request.h"

namespace kc::http {

// Replies for upload requests whose body was not read to its end.

// Sends e as the JSON error, flushed, with Connection: close, then lets the client finish
// sending (lingerAfterReply) so that it reads the reply instead of a reset.
Reply closingReply(Request& r, const Error& e);

// A rejection before the body was read: a small body (at most 1 MiB by Content-Length) is read
// and dropped and the connection kept; a larger one, or one the client withholds until it gets
// "100 Continue" (Request::bodyWithheld), gets closingReply().
Reply rejectUnread(Request& r, const Error& e);

}  // namespace kc::http
