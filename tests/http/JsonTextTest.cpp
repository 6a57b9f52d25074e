#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "http/JsonText.h"

namespace kc::http {
namespace {

std::string poco(const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(v, out);
    return out.str();
}

TEST(JsonTextTest, StringsAreEscapedExactlyAsPocoDoes) {
    std::string every;
    for (int c = 1; c < 128; ++c) every += static_cast<char>(c);
    for (const std::string& s :
         {std::string(), std::string("Đơn vị UBND xã Bảo Hà"), std::string("a/b \"q\" \\ \t\n\r"),
          std::string(1, '\0') + "x", every, std::string("</script>")}) {
        Poco::Dynamic::Var v(s);
        EXPECT_EQ(jsonText(v), poco(v)) << s;
    }
}

// Where Poco would write bytes that are not UTF-8 (and so not JSON), U+FFFD stands for each.
TEST(JsonTextTest, BytesThatAreNotUtf8BecomeReplacementCharacters) {
    EXPECT_EQ(jsonText(Poco::Dynamic::Var(std::string("mã \xff\xc3(\""))),
              "\"mã \xEF\xBF\xBD\xEF\xBF\xBD(\\\"\"");
}

TEST(JsonTextTest, ScalarsAndNullMatchPoco) {
    for (const Poco::Dynamic::Var& v :
         {Poco::Dynamic::Var(), Poco::Dynamic::Var(0), Poco::Dynamic::Var(-42),
          Poco::Dynamic::Var(std::int64_t{9007199254740993}), Poco::Dynamic::Var(true),
          Poco::Dynamic::Var(false), Poco::Dynamic::Var(12.5), Poco::Dynamic::Var(0.1),
          Poco::Dynamic::Var(1e21), Poco::Dynamic::Var(std::size_t{7}), Poco::Dynamic::Var('x')})
        EXPECT_EQ(jsonText(v), poco(v));
}

TEST(JsonTextTest, HundredthsAreWrittenAsPocoWritesTheirDouble) {
    auto check = [](std::int64_t h) {
        std::string mine;
        appendHundredths(mine, h);
        ASSERT_EQ(mine, Poco::Dynamic::Var(static_cast<double>(h) / 100.0).convert<std::string>())
            << h;
    };
    for (std::int64_t h = -300'000; h <= 300'000; ++h) check(h);
    for (std::int64_t h : {std::int64_t{999'999'999'999}, std::int64_t{-999'999'999'999},
                           std::int64_t{1'000'000'000'000}, std::int64_t{123'456'789'012'345},
                           std::int64_t{-1'000'000'000'001}, std::int64_t{100'000'000'000'000'000}})
        check(h);
}

TEST(JsonTextTest, NestedObjectsAndArraysMatchPoco) {
    Poco::JSON::Object::Ptr inner = new Poco::JSON::Object;
    inner->set("z", 1);
    inner->set("a", "x/y");
    inner->set("m", Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    list->add(inner);
    list->add(3);
    list->add("ba");
    list->add(Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    Poco::JSON::Object::Ptr root = new Poco::JSON::Object;
    root->set("rows", list);
    root->set("empty", Poco::JSON::Object::Ptr(new Poco::JSON::Object));
    root->set("b", false);
    root->set("đ", 0.25);
    EXPECT_EQ(jsonText(root), poco(root));
    Poco::JSON::Object byValue(*root);
    EXPECT_EQ(jsonText(byValue), poco(byValue));
    EXPECT_EQ(jsonText(*list), poco(*list));
}

TEST(JsonTextTest, InsertionOrderIsKeptWhenTheObjectKeepsIt) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("code", "1");
    o->set("name", "Lĩnh vực");
    o->set("children", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    o->set("b", 2);
    o->set("a", 1);
    EXPECT_EQ(jsonText(o), poco(o));
    EXPECT_EQ(jsonText(o), R"({"code":"1","name":"Lĩnh vực","children":[],"b":2,"a":1})");
}

}  // namespace
}  // namespace kc::http
