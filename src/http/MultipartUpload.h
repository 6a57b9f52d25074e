#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/Result.h"
#include "domain/ContentStore.h"
#include "http/Request.h"

namespace kc::http {

class CountingStream;

struct UploadLimits {
    std::uint64_t maxFileBytes = 512ULL * 1024 * 1024;
    std::uint64_t maxRequestBytes = 2ULL * 1024 * 1024 * 1024;
};

// One file part streamed into the ContentStore, not yet committed.
struct PendingFile {
    std::string fileName;  // as the client sent it (filename parameter), unvalidated
    std::unique_ptr<ContentWriter> writer;
};

// What an endpoint's form may hold: the name of its file parts and the names of the text fields
// it accepts (any other part is refused as soon as its header is read).
struct MultipartForm {
    std::string fileField = "file";
    std::vector<std::string> textFields;
};

// What a multipart/form-data body held: the file parts (in order) and the text fields.
struct ParsedUpload {
    std::vector<PendingFile> files;
    std::map<std::string, std::string> fields;
};

// Reads a multipart/form-data request body, streaming each part named `fileField` straight
// into a ContentWriter (constant memory) and collecting the parts named in `textFields` as text
// fields: each at most once, together at most 64 KiB, so a body holds at most 64 KiB of text in
// memory whatever its size. Nothing is committed: the caller commits every writer only once the
// whole body was read successfully; dropping the result discards every temporary file.
//
// The body must be exactly as long as Content-Length (or chunked), end with the closing
// `--boundary--`, and have at least one file part; Poco accepts truncated bodies as complete
// (docs TECH-NOTES "HTTP uploads"), so this class counts the bytes itself. Parts are split by
// MultipartScanner (Poco's MultipartReader costs 5 s of CPU per GiB).
// Errors: InvalidInput for a missing or invalid boundary, a body shorter or longer than
// Content-Length, no closing boundary, a client that stopped sending (socket timeout), a
// malformed part, a repeated text field, no file part or an empty file; InvalidInput for a part
// that is neither the file field nor one of the text fields, returned as soon as that part's
// header is read (the scanner reads 256 KiB at a time), without reading the rest of the body
// (bodyRead() stays false: the connection must close); TooLarge for a file over maxFileBytes, text
// fields over 64 KiB together or a body over maxRequestBytes (by Content-Length before reading, or
// by counting); UnsupportedMedia when the body is not multipart/form-data. Poco exceptions are
// translated here. Not thread-safe; one instance per request.
class MultipartUpload {
public:
    MultipartUpload(Request& request, ContentStore& content, UploadLimits limits,
                    MultipartForm form = {})
        : _owner(request),
          _request(request.raw),
          _content(content),
          _limits(limits),
          _form(std::move(form)) {}

    Result<ParsedUpload> read();

    // After read(): true when the body was read exactly to its Content-Length (Poco's own
    // stream then does not know it ended: the body was read from the socket directly).
    bool bodyRead() const { return _bodyRead; }

    // Commits every pending file, results in order: one file alone (an fsync of the file and
    // of its new directories), several as one batch (ContentStore::commitAll: two flushes of
    // the filesystem for the whole request instead of ~3 per file). On an error the error is
    // returned and nothing is recorded; blobs committed already stay, unreferenced, for
    // `verify` to report as orphans (the caller writes every row in one transaction afterwards,
    // so a request records all its files or none).
    static Result<std::vector<StoredContent>> commitAll(ContentStore& content,
                                                        std::vector<PendingFile>& files);

    // Reads and drops a body of at most maxBytes (by Content-Length) so that a reply sent
    // without reading it reaches the client; false when the body is larger, chunked or the
    // client does not send it: then the connection must close after the reply.
    static bool discardBody(Poco::Net::HTTPServerRequest& request, std::uint64_t maxBytes);

private:
    Result<ParsedUpload> parse(CountingStream& body, const std::string& boundary);

    Request& _owner;  // for continueBody
    Poco::Net::HTTPServerRequest& _request;
    ContentStore& _content;
    UploadLimits _limits;
    MultipartForm _form;
    bool _bodyRead = false;
    bool _refusedEarly = false;  // parse() stopped at a part the form does not have
};

}  // namespace kc::http
