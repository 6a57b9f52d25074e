#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "TempDir.h"
#include "storage/BlobStore.h"

namespace kc::test {

// A blob store in a temporary directory, with the helpers its tests share.
class BlobStoreFixture : public ::testing::Test {
protected:
    TempDir dir;
    BlobStore store{dir.path() / "store"};

    // Files in the store's tmp/ (uploads not yet committed or not cleaned up).
    std::size_t tempFiles() const {
        return static_cast<std::size_t>(std::distance(
            std::filesystem::directory_iterator(store.root() / "tmp"),
            std::filesystem::directory_iterator()));
    }

    // The stored bytes of a blob.
    std::string read(const std::string& sha) {
        auto in = store.open(sha);
        EXPECT_TRUE(in.ok());
        if (!in.ok())
            return {};
        std::stringstream s;
        s << (*in)->rdbuf();
        return s.str();
    }
};

}  // namespace kc::test
