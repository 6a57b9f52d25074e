#include "services/DocumentJson.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

// The PDF prints the document's date in Vietnam time; the API must give the same calendar
// date, which is the next UTC day's from 17:00 UTC on.
TEST(DocumentJsonTest, TheDocumentDateIsTheVietnameseCalendarDate) {
    OfficialDocument d;
    d.documentDate = *parseIso("2026-11-28T18:30:00Z");  // 01:30 on 29/11 in Vietnam
    EXPECT_EQ(json::of(d)->getValue<std::string>("document_date"), "2026-11-29");
    d.documentDate = *parseIso("2023-02-02");
    EXPECT_EQ(json::of(d)->getValue<std::string>("document_date"), "2023-02-02");
}

}  // namespace
}  // namespace kc
