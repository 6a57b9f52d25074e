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
    void release() override { _writer->release(); }

    Result<StoredContent> commit() override {
        auto info = _writer->commit();
        if (!info.ok())
            return info.takeError();
        // Detected from the stored bytes: the name and type a client sends prove nothing.
        return StoredContent{info->sha256, info->size, detectMediaType(_blobs.path(info->sha256))};
    }

    BlobWriter& blobWriter() { return *_writer; }

private:
    const BlobStore& _blobs;
    std::unique_ptr<BlobWriter> _writer;
};

}  // namespace

std::vector<Result<StoredContent>> BlobContentStore::commitAll(
    const std::vector<ContentWriter*>& writers) {
    std::vector<BlobWriter*> blobWriters;
    for (ContentWriter* w : writers) {
        auto* writer = dynamic_cast<BlobContentWriter*>(w);
        if (!writer)
            return ContentStore::commitAll(writers);
        blobWriters.push_back(&writer->blobWriter());
    }
    std::vector<Result<StoredContent>> out;
    for (auto& info : _blobs.commitAll(blobWriters)) {
        if (!info.ok())
            out.push_back(info.takeError());
        else
            out.push_back(StoredContent{info->sha256, info->size,
                                        detectMediaType(_blobs.path(info->sha256))});
    }
    return out;
}

std::unique_ptr<ContentWriter> BlobContentStore::begin(std::uint64_t maxBytes) {
    return std::make_unique<BlobContentWriter>(_blobs, _blobs.begin(maxBytes));
}

Result<std::unique_ptr<std::istream>> BlobContentStore::open(const std::string& sha256) {
    return _blobs.open(sha256);
}

}  // namespace kc
