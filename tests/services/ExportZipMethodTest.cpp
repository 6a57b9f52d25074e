#include <gtest/gtest.h>

#include "services/EvidenceExportService.h"

namespace kc {
namespace {

TEST(ExportZipMethodTest, StoresWhatIsCompressedAlready) {
    for (const char* type :
         {"application/pdf", "image/jpeg", "image/png", "application/zip",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.oasis.opendocument.spreadsheet", "application/x-7z-compressed",
          "application/octet-stream", ""})
        EXPECT_EQ(zipMethodFor(type), ZipMethod::Store) << type;
}

TEST(ExportZipMethodTest, DeflatesTextAndOldOfficeFiles) {
    for (const char* type : {"text/plain", "text/csv", "text/html", "application/json",
                             "application/msword", "application/vnd.ms-excel", "image/bmp"})
        EXPECT_EQ(zipMethodFor(type), ZipMethod::Deflate) << type;
}

}  // namespace
}  // namespace kc
