#include "core/ProblemList.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

TEST(ProblemListTest, ListsTheFirstHundredAndCountsTheRest) {
    ProblemList problems;
    EXPECT_TRUE(problems.empty());
    for (int i = 1; i <= 250; ++i) problems.push_back({"row " + std::to_string(i), "sai"});
    EXPECT_EQ(problems.size(), 250u);
    auto details = problems.take();
    ASSERT_EQ(details.size(), ProblemList::kMaxListed + 1);
    EXPECT_EQ(details[99].path, "row 100");
    EXPECT_EQ(details[100].path, "…");
    EXPECT_EQ(details[100].message,
              "Còn 150 vấn đề khác không được liệt kê (chỉ liệt kê 100 vấn đề đầu tiên)");
    EXPECT_TRUE(problems.empty());
}

TEST(ProblemListTest, AShortListIsKeptWhole) {
    ProblemList problems;
    problems.add({{"$.a", "x"}, {"$.b", "y"}});
    auto details = problems.take();
    ASSERT_EQ(details.size(), 2u);
    EXPECT_EQ(details[1].path, "$.b");
}

TEST(ProblemListTest, CapDetailsCutsOtherLists) {
    std::vector<ErrorDetail> many(1000, ErrorDetail{"p", "m"});
    auto capped = capDetails(many);
    ASSERT_EQ(capped.size(), 101u);
    EXPECT_NE(capped.back().message.find("Còn 900 vấn đề"), std::string::npos);
    std::vector<ErrorDetail> listed(101, ErrorDetail{"p", "m"});  // what take() gives
    EXPECT_EQ(capDetails(listed).size(), 101u);
}

}  // namespace
}  // namespace kc
