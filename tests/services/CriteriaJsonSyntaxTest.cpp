#include "services/JsonSyntax.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "services/CriteriaJson.h"

namespace kc {
namespace {

std::string readSample() {
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json",
                     std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

struct SyntaxCase {
    const char* name;
    std::string doc;
    std::string messagePart;
};

void PrintTo(const SyntaxCase& c, std::ostream* os) {
    *os << c.name;
}

class CriteriaJsonMalformedTest : public ::testing::TestWithParam<SyntaxCase> {};

TEST_P(CriteriaJsonMalformedTest, ReportsPosition) {
    auto r = parseCriteriaJson(GetParam().doc);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().details.size(), 1u);
    EXPECT_EQ(r.error().details[0].path, "$");
    EXPECT_NE(r.error().details[0].message.find(GetParam().messagePart), std::string::npos)
        << r.error().details[0].message;
}

// clang-format off
const SyntaxCase kSyntaxCases[] = {
    {"MissingColon", "{\"year\": 2022,\n  \"title\" \"x\"}", "dòng 2, cột 11: thiếu dấu ':'"},
    {"Truncated", "{\"year\": 2022,", "dòng 1, cột 15: tài liệu kết thúc đột ngột"},
    {"Empty", "", "dòng 1, cột 1"},
    {"TrailingGarbage", "{\"year\": 1} x", "dòng 1, cột 13: có ký tự thừa 'x'"},
    {"TrailingComma", "{\"year\": 1,}", "dòng 1, cột 12: cần tên trường"},
    {"Unterminated", "{\"title\": \"abc", "chuỗi chưa được đóng"},
    {"DecimalComma", "{\"max_points\": 1,5}", "cột 18: cần tên trường"},
    {"ColumnsCountCharacters", "{\"tên\": \"Việt\", x}", "dòng 1, cột 17"},
    {"BadLiteral", "{\"a\": \"b\",\n \"x\": tru}", "dòng 2, cột 7"},
    {"NumberOutOfRange", "{\"year\": 1e400}", "cột 10: số quá lớn (số mũ vượt quá 300)"},
    {"NumberPastADouble", "{\"year\": 1e309}", "cột 10: số quá lớn"},
    {"DigitsAndExponentPastADouble", "{\"year\": 99999e297}", "cột 10: số quá lớn"},
    {"NumberBelowADouble", "{\"year\": 1e-400}", "cột 10: số quá nhỏ (số mũ vượt quá -300)"},
    {"LoneHighSurrogate", "{\"title\": \"a\\ud800b\"}", "cột 13: \\ud800 là nửa đầu"},
    {"HighSurrogateThenNotLow", "{\"title\": \"\\uD83D\\u0041\"}", "thiếu nửa sau"},
    {"LoneLowSurrogate", "{\"title\": \"\\udc00\"}", "cột 12: \\udc00 là nửa sau"},
    {"TopLevelNumber", "42", "cột 1: tài liệu JSON phải là một đối tượng"},
    {"TopLevelString", " \"x\"", "cột 2: tài liệu JSON phải là một đối tượng {…} hoặc mảng […], gặp '\"'"},
    {"FieldNamedTwice", "{\"year\": 2021,\n \"year\": 2022}", "dòng 2, cột 2: trường \"year\" lặp lại"},
    {"IntegerPast2To64", "{\"year\": 18446744073709551616}", "cột 10: số quá lớn"},
    {"NulEscape", "{\"title\": \"a\\u0000\"}", "ký tự NUL"},
    {"InvalidUtf8", "{\"year\": 2022,\n\"title\": \"a\xff\"}", "UTF-8 hợp lệ (lỗi ở dòng 2)"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Malformed, CriteriaJsonMalformedTest, ::testing::ValuesIn(kSyntaxCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(CriteriaJsonSyntaxTest, ScannerAcceptsWhatPocoAccepts) {
    for (const std::string& doc :
         {readSample(), std::string(R"([-0.5e+10, 0, 1E-2, "\u00e9\n\"", true, null, {}])"),
          std::string(" \t\r\n{\"a\": []} \n")})
        EXPECT_FALSE(findJsonSyntaxError(doc).has_value()) << findJsonSyntaxError(doc)->message;
    // A surrogate pair is one character; a power of ten within ±300 is a number.
    for (const char* doc : {R"(["\uD83D\uDE00", "a\ud83d\ude00b"])", "[1e300, -1.5E-300, 0.1e+299]",
                            "[999999999999999e285]"})
        EXPECT_FALSE(findJsonSyntaxError(doc)) << doc << ": " << findJsonSyntaxError(doc)->message;
    // The same name in two objects is no repetition; 15 digits are still a number.
    EXPECT_FALSE(findJsonSyntaxError(R"([{"a": 1}, {"a": {"a": 2}}, 999999999999999])"));
    EXPECT_FALSE(findInvalidUtf8Line(readSample()).has_value());
    EXPECT_EQ(findInvalidUtf8Line("ok\nok\n\xc3"), 3);
}

// The real documents are far below the caps (the demo criteria set: 1,868 values, 11 deep);
// one value or one level more than the cap is refused where it starts.
TEST(CriteriaJsonSyntaxTest, ValuesAndNestingAreCapped) {
    auto zeros = [](std::size_t n) {
        std::string s = "[0";
        for (std::size_t i = 1; i < n; ++i) s += ",0";
        return s + "]";
    };
    EXPECT_FALSE(findJsonSyntaxError(zeros(kMaxJsonValues - 1)));  // + the array: at the cap
    auto many = findJsonSyntaxError(zeros(kMaxJsonValues));
    ASSERT_TRUE(many);
    EXPECT_NE(many->message.find("quá nhiều giá trị (tối đa 10000)"), std::string::npos)
        << many->message;
    EXPECT_EQ(many->offset, 1 + 2 * (kMaxJsonValues - 1));

    auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    EXPECT_FALSE(findJsonSyntaxError(nested(kMaxJsonDepth)));
    auto deep = findJsonSyntaxError(nested(kMaxJsonDepth + 1));
    ASSERT_TRUE(deep);
    EXPECT_NE(deep->message.find("quá sâu (tối đa 32 cấp)"), std::string::npos) << deep->message;
}

// Field names are checked for repetition through a hash set (linear time): 5,000 fields.
TEST(CriteriaJsonSyntaxTest, ARepeatedFieldAmongManyIsFound) {
    std::string doc = "{";
    for (int i = 0; i < 5000; ++i) doc += (i ? ",\"f" : "\"f") + std::to_string(i) + "\":0";
    EXPECT_FALSE(findJsonSyntaxError(doc + "}"));
    auto twice = findJsonSyntaxError(doc + ",\"f4999\":1}");
    ASSERT_TRUE(twice);
    EXPECT_NE(twice->message.find("lặp lại"), std::string::npos);
}

}  // namespace
}  // namespace kc
