#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "TempDir.h"
#include "app/DemoData.h"
#include "app/Kernel.h"

namespace kc::test {

// A kernel over a temporary storage directory on 1 December 2022, for the commands' tests.
class KernelTest : public ::testing::Test {
protected:
    KernelTest() : clock(*parseIso("2022-12-01T08:00:00Z")) {
        config.storageDir = dir.file("storage");
        config.databasePath = dir.file("storage/kiemchung.db");
        config.pbkdf2Iterations = 1000;
        kernel = std::make_unique<Kernel>(config, clock);
    }

    TempDir dir;
    ManualClock clock;
    Config config;
    std::unique_ptr<Kernel> kernel;
};

// The same with the demo year loaded: what the tests of the storage commands (verify, backup)
// start from.
class DemoKernelTest : public KernelTest {
protected:
    DemoKernelTest() {
        std::ostringstream log;
        std::string criteria = std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json";
        EXPECT_TRUE(loadDemoData(*kernel, criteria, log)) << log.str();
    }

    // Files bytes as evidence of XA16 for 1.1.1, as the unit; returns its SHA-256.
    std::string upload(const std::string& bytes) {
        auto w = kernel->services().content.begin(16 << 20);
        EXPECT_TRUE(w->write(bytes.data(), bytes.size()).ok());
        std::vector<UploadedFile> files{UploadedFile{w->commit().value(), "tệp.pdf"}};
        const Actor unit{0, "xaphuckhanh", Role::Unit, std::string("XA16")};
        EXPECT_TRUE(kernel->evidence().upload(unit, 2022, "XA16", "1.1.1", files, {}).ok());
        return files.front().content.sha256;
    }
};

}  // namespace kc::test
