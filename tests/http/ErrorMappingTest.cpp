#include "http/ErrorMapping.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace kc::http {
namespace {

// What a client is told when infrastructure fails: a full disk 507, a database locked past the
// wait 503 busy, anything else 500; each with a Vietnamese message and no detail of the cause.
TEST(ErrorMappingTest, BrokenInfrastructureIsTranslatedByItsCause) {
    for (int full : {ENOSPC, EDQUOT, EFBIG}) {
        const Error e = infrastructureError(std::system_error(full, std::generic_category()));
        EXPECT_EQ(e.code, ErrorCode::StorageFull) << full;
        EXPECT_EQ(statusOf(e.code), 507);
    }
    const Error busy = infrastructureError(
        std::system_error(EBUSY, std::generic_category(), "database is locked"));
    EXPECT_EQ(busy.code, ErrorCode::Busy);
    EXPECT_EQ(statusOf(busy.code), 503);
    EXPECT_EQ(errorCodeName(busy.code), "busy");
    EXPECT_NE(busy.message.find("thử lại"), std::string::npos) << busy.message;
    EXPECT_EQ(busy.message.find("locked"), std::string::npos) << busy.message;

    const Error other = infrastructureError(std::runtime_error("database: disk I/O error"));
    EXPECT_EQ(other.code, ErrorCode::Internal);
    EXPECT_EQ(statusOf(other.code), 500);
}

}  // namespace
}  // namespace kc::http
