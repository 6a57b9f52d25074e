#pragma once

// Helpers for the archive import and export tests: uploading an archive as the multipart field
// "archive", building small zips at test time, and reading a zip back.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "../archive/ArchiveTestSupport.h"
#include "EvidenceTestServer.h"
#include "archive/ArchiveWriter.h"

namespace kc::test {

inline std::string fixtureBytes(const std::string& name) {
    return readFile(archiveFixture(name));
}

inline std::string archivePath(const std::string& unit = "XA16") {
    return "/api/v1/periods/2022/units/" + unit + "/evidence-archive";
}

// POSTs bytes as the archive part (file name fileName) and reads the reply.
inline HttpResult uploadArchive(EvidenceServer& s, const std::string& fileName,
                                const std::string& bytes, const std::string& query = "",
                                const std::string& unit = "XA16") {
    std::string body = multipartBody({{"archive", fileName, bytes}});
    RawConnection c(s.port);
    c.send(s.uploadHead(archivePath(unit) + query, s.unitUser(), body.size()) + body);
    return c.readResponse();
}

// A zip (through ArchiveWriter, so only safe names) of (path, content) pairs.
inline std::string makeZip(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string out;
    auto zip = ArchiveWriter::openZip([&](const char* d, std::size_t n) -> Status {
        out.append(d, n);
        return Ok{};
    });
    if (!zip.ok())
        throw std::runtime_error(zip.error().message);
    for (const auto& [path, content] : files) {
        std::size_t offset = 0;
        Status added =
            (*zip)->add(path, content.size(), [&](char* b, std::size_t cap) -> Result<std::size_t> {
                std::size_t n = std::min(cap, content.size() - offset);
                std::copy_n(content.data() + offset, n, b);
                offset += n;
                return n;
            });
        if (!added.ok())
            throw std::runtime_error(added.error().message);
    }
    if (!(*zip)->close().ok())
        throw std::runtime_error("zip close");
    return out;
}

// Every entry of a zip held in memory: path -> content (written to a temporary file first).
inline std::map<std::string, std::string> unzip(const std::string& bytes) {
    TempDir dir;
    const std::string path = dir.file("read.zip");
    std::ofstream(path, std::ios::binary) << bytes;
    ReadAll all = readAll(path);
    if (all.error)
        throw std::runtime_error("unzip: " + all.error->message);
    std::map<std::string, std::string> out;
    for (auto& e : all.entries) out[e.path] = e.content;
    return out;
}

// The report's entry for path (null if none).
inline Poco::JSON::Object::Ptr reportEntry(const HttpResult& r, const std::string& path) {
    auto o = r.object();
    auto entries = o ? o->getArray("entries") : Poco::JSON::Array::Ptr();
    for (std::size_t i = 0; entries && i < entries->size(); ++i)
        if (entries->getObject(i)->getValue<std::string>("path") == path)
            return entries->getObject(i);
    return nullptr;
}

inline std::uint64_t reportCount(const HttpResult& r, const std::string& status) {
    auto o = r.object();
    return o ? o->getObject("counts")->getValue<std::uint64_t>(status) : 999;
}

}  // namespace kc::test
