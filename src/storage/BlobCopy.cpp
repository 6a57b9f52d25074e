// BlobStore::copyFrom(): blobs copied from another store, for `kiemchung backup`.
#include <algorithm>
#include <limits>
#include <set>

#include "storage/BlobStore.h"

namespace kc {
namespace {

// A batch is committed with two syncfs calls (commitAll); its writers wait released, holding
// neither a descriptor nor a buffer.
constexpr std::size_t kBatchFiles = 64;
constexpr std::uint64_t kBatchBytes = 256ULL * 1024 * 1024;
constexpr std::size_t kReadBytes = 256 * 1024;

}  // namespace

BlobCopyReport BlobStore::copyFrom(const BlobStore& source,
                                   const std::vector<std::string>& shas) const {
    BlobCopyReport report;
    std::vector<std::unique_ptr<BlobWriter>> batch;
    std::vector<std::string> names;
    std::uint64_t batchBytes = 0;
    auto commitBatch = [&] {
        std::vector<BlobWriter*> writers;
        for (const auto& w : batch) writers.push_back(w.get());
        auto results = commitAll(writers);
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (results[i].ok()) {
                ++report.copied;
                report.bytesCopied += results[i]->size;
            } else {
                report.corrupt.push_back(names[i]);  // its content did not match its name
            }
        }
        batch.clear();
        names.clear();
        batchBytes = 0;
    };

    std::vector<char> buffer(kReadBytes);
    for (const std::string& sha : std::set<std::string>(shas.begin(), shas.end())) {
        const auto from = source.size(sha);
        if (!from) {
            report.missing.push_back(sha);
            continue;
        }
        if (const auto here = size(sha)) {
            if (*here == *from)
                ++report.present;
            else
                report.different.push_back(sha);
            continue;
        }
        auto in = source.open(sha);
        if (!in.ok()) {
            report.missing.push_back(sha);
            continue;
        }
        auto writer = begin(std::numeric_limits<std::uint64_t>::max());
        writer->expect(sha);
        std::istream& bytes = **in;
        Status written = Ok{};
        while (bytes && written.ok()) {
            bytes.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            if (bytes.gcount() > 0)
                written = writer->write(buffer.data(), static_cast<std::size_t>(bytes.gcount()));
        }
        if (bytes.bad() || !written.ok()) {
            report.corrupt.push_back(sha);  // unreadable; the writer deletes its file
            continue;
        }
        writer->release();
        batchBytes += writer->bytesWritten();
        batch.push_back(std::move(writer));
        names.push_back(sha);
        if (batch.size() >= kBatchFiles || batchBytes >= kBatchBytes)
            commitBatch();
    }
    if (!batch.empty())
        commitBatch();
    std::sort(report.corrupt.begin(), report.corrupt.end());
    return report;
}

}  // namespace kc
