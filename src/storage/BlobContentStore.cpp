#include "storage/BlobContentStore.h"

#include "storage/MediaType.h"

namespace kc {

namespace {

class BlobContentWriter final : public ContentWriter {
public:
    BlobContentWriter(const BlobStore& blobs, std::unique_ptr<BlobWriter> writer)
        : _blobs(blobs), _writer(std::move(writer)) {}

    Status write(const char* data, std::size_t size) override { return _writer->write(data, size); }
    std::uint64_t bytesWritten() const override { return _writer->bytesWritten(); }

    Result<StoredContent> commit() override {
        auto info = _writer->commit();
        if (!info.ok())
            return info.takeError();
        // Detected from the stored bytes: the name and type a client sends prove nothing.
        return StoredContent{info->sha256, info->size, detectMediaType(_blobs.path(info->sha256))};
    }

private:
    const BlobStore& _blobs;
    std::unique_ptr<BlobWriter> _writer;
};

}  // namespace

std::unique_ptr<ContentWriter> BlobContentStore::begin(std::uint64_t maxBytes) {
    return std::make_unique<BlobContentWriter>(_blobs, _blobs.begin(maxBytes));
}

Result<std::unique_ptr<std::istream>> BlobContentStore::open(const std::string& sha256) {
    return _blobs.open(sha256);
}

}  // namespace kc
