// Request bodies: malformed JSON, wrong types, unknown fields, size limits, lying lengths,
// encodings, and what an unread body must not do to the connection.

#include "TestServer.h"

namespace kc::test {
namespace {

struct BadBody {
    const char* name;
    const char* method;
    const char* path;
    std::string body;
    std::vector<std::string> detailPaths;  // each must be reported
};

std::ostream& operator<<(std::ostream& os, const BadBody& b) {
    return os << b.method << " " << b.path << " " << b.body;
}

// All cases share one server: a rejected body must change nothing, which every case checks.
class BadBodyTest : public ::testing::TestWithParam<BadBody> {
protected:
    static void SetUpTestSuite() { server = new TestServer(); }
    static void TearDownTestSuite() {
        delete server;
        server = nullptr;
    }
    static TestServer* server;
};
TestServer* BadBodyTest::server = nullptr;

TEST_P(BadBodyTest, IsInvalidInputNamingEachProblem) {
    const BadBody& b = GetParam();
    TestServer& s = *server;
    const std::string token = s.clerk();
    int audit = s.auditCount();
    auto r = s.request(b.method, b.path, token, b.body);
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorCode(), "invalid_input") << r.body;
    for (const auto& path : b.detailPaths) EXPECT_TRUE(r.hasDetail(path)) << path << ": " << r.body;
    EXPECT_EQ(s.auditCount(), audit);
    EXPECT_EQ(s.count("/api/v1/periods", token), 1);
    EXPECT_EQ(s.count("/api/v1/unit-types", token), 3);
}

const char* kPeriods = "/api/v1/periods";
const char* kTypes = "/api/v1/unit-types";

INSTANTIATE_TEST_SUITE_P(
    Http, BadBodyTest,
    ::testing::Values(
        BadBody{"TruncatedJson", "POST", kTypes, R"({"code":"tp",)", {"$"}},
        BadBody{"SingleQuotedJson", "POST", kTypes, R"({'code':'tp'})", {"$"}},
        BadBody{"TrailingCommaJson", "POST", kTypes, R"({"code":"tp","name":"x",})", {"$"}},
        BadBody{"EmptyBody", "POST", kTypes, "", {}},
        BadBody{"JsonArrayInsteadOfObject", "POST", kTypes, R"([{"code":"tp"}])", {}},
        BadBody{"JsonStringInsteadOfObject", "POST", kTypes, R"("tp")", {}},
        BadBody{"JsonNullInsteadOfObject", "POST", kTypes, "null", {}},
        BadBody{
            "YearAsString", "POST", kPeriods, R"({"year":"2024","name":"Kỳ 2024"})", {"$.year"}},
        BadBody{
            "YearAsFraction", "POST", kPeriods, R"({"year":2024.5,"name":"Kỳ 2024"})", {"$.year"}},
        BadBody{"YearAsBoolean", "POST", kPeriods, R"({"year":true,"name":"Kỳ 2024"})", {"$.year"}},
        BadBody{
            "YearHuge", "POST", kPeriods, R"({"year":100000000000,"name":"Kỳ 2024"})", {"$.year"}},
        BadBody{"YearOutOfRange", "POST", kPeriods, R"({"year":1999,"name":"Kỳ 1999"})", {"$.year"}},
        BadBody{"NameAsNumber", "POST", kPeriods, R"({"year":2024,"name":2024})", {"$.name"}},
        BadBody{"NameBlank", "POST", kPeriods, R"({"year":2024,"name":"   "})", {"$.name"}},
        BadBody{"DateNotADate",
                "POST",
                kPeriods,
                R"({"year":2024,"name":"Kỳ 2024","step1_closes":"31/12/2024"})",
                {"$.step1_closes"}},
        BadBody{"MissingRequiredName", "POST", kPeriods, R"({"year":2024})", {"$.name"}},
        BadBody{"NullRequiredName", "POST", kPeriods, R"({"year":2024,"name":null})", {"$.name"}},
        BadBody{"UnknownField",
                "POST",
                kPeriods,
                R"({"year":2024,"name":"Kỳ 2024","colour":"red"})",
                {"$.colour"}},
        BadBody{"ThreeProblemsAtOnce",
                "POST",
                kPeriods,
                R"({"year":"x","name":5,"extra":1})",
                {"$.year", "$.name", "$.extra"}},
        BadBody{"FinalisedAsString",
                "PATCH",
                "/api/v1/periods/2022",
                R"({"finalised":"yes"})",
                {"$.finalised"}},
        BadBody{
            "NonUtf8Body", "POST", kTypes, "{\"code\":\"tp\",\"name\":\"Th\xe0nh ph\xf4\"}", {}},
        BadBody{"Utf8EncodedSurrogate",
                "POST",
                kTypes,
                "{\"code\":\"tp\",\"name\":\"\xed\xa0\x80\"}",
                {}},
        BadBody{"OverlongUtf8Slash", "POST", kTypes, "{\"code\":\"tp\",\"name\":\"\xc0\xaf\"}", {}},
        BadBody{"UnitTypeCodeWithSpace",
                "POST",
                kTypes,
                R"({"code":"thanh pho","name":"TP"})",
                {"$.code"}}),
    [](const auto& info) { return std::string(info.param.name); });

// A server with a 4 KiB JSON limit.
class BodyLimitTest : public ::testing::Test {
protected:
    BodyLimitTest() : s(TestServerOptions{4096, true}) {}
    std::string bigUnitType() {
        return R"({"code":"tp","name":")" + std::string(5000, 'x') + R"("})";
    }
    TestServer s;
};

TEST_F(BodyLimitTest, BodyOverTheLimitIs413AndChangesNothing) {
    auto r = s.post("/api/v1/unit-types", s.clerk(), bigUnitType());
    EXPECT_EQ(r.status, 413) << r.dump();
    EXPECT_EQ(r.errorCode(), "too_large");
    EXPECT_NE(r.errorMessage().find("4096"), std::string::npos) << r.errorMessage();
    EXPECT_EQ(s.count("/api/v1/unit-types", s.clerk()), 3);
}

TEST_F(BodyLimitTest, BodyAtTheLimitIsAccepted) {
    std::string head = R"({"code":"tp","name":")", tail = R"("})";
    std::string body = head + std::string(4096 - head.size() - tail.size(), 'x') + tail;
    ASSERT_EQ(body.size(), 4096u);
    auto r = s.post("/api/v1/unit-types", s.clerk(), body);
    EXPECT_EQ(r.status, 201) << r.dump();
}

TEST_F(BodyLimitTest, HugeContentLengthWithoutBodyIs413AtOnce) {
    auto c = s.raw();
    c.send(
        "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n");
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 413) << r.body;
    EXPECT_EQ(r.errorCode(), "too_large");
    EXPECT_TRUE(closes(r)) << r.header("Connection");
    EXPECT_TRUE(c.closedByServer());
}

// A client that sends "Expect: 100-continue" is told to send its body only once the request has
// passed the checks made before reading it (here the size it declares); otherwise it gets the
// error at once and never sends the body.
TEST_F(BodyLimitTest, ExpectContinueIsAnsweredOnlyForABodyThatWillBeRead) {
    const std::string token = s.clerk();
    auto head = [&](std::size_t length) {
        return "POST /api/v1/unit-types HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
               token + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n" +
               "Content-Length: " + std::to_string(length) + "\r\n\r\n";
    };
    const std::string body = R"({"code":"tp","name":"Thành phố"})";
    auto c = s.raw();
    c.send(head(body.size()));
    EXPECT_EQ(c.readResponse().status, 100);
    c.send(body);
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 201) << r.dump();

    auto big = s.raw();
    big.send(head(5000));
    auto refused = big.readResponse();
    EXPECT_EQ(refused.status, 413) << refused.dump();  // not 100
    EXPECT_TRUE(closes(refused)) << refused.header("Connection");
    EXPECT_EQ(s.count("/api/v1/unit-types", token), 4);
}

TEST_F(BodyLimitTest, ChunkedBodyOverTheLimitIs413) {
    const std::string token = s.clerk();
    auto c = s.raw();
    std::string chunk(3000, ' ');
    c.send("POST /api/v1/unit-types HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token +
           "\r\nTransfer-Encoding: chunked\r\n\r\n" + "bb8\r\n" + chunk + "\r\nbb8\r\n" + chunk +
           "\r\n0\r\n\r\n");
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 413) << r.body;
    EXPECT_EQ(r.errorCode(), "too_large");
}

TEST_F(BodyLimitTest, ChunkedBodyUnderTheLimitIsRead) {
    const std::string token = s.clerk();
    auto c = s.raw();
    std::string body = R"({"code":"tp","name":"Thành phố"})";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    c.send("POST /api/v1/unit-types HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token +
           "\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + body + "\r\n0\r\n\r\n");
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 201) << r.body;
}

TEST_F(HttpTest, BodyShorterThanContentLengthIsInvalidInput) {
    auto c = s.raw();
    std::string body = R"({"username":"admin"})";
    c.send("POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
           std::to_string(body.size() + 50) + "\r\n\r\n" + body);
    c.shutdownSend();
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.errorCode(), "invalid_input");
}

// Before the fix in Router::dispatch, a refused request's unread body stayed on the
// kept-alive connection and was parsed as the next request: a smuggled request.
struct Smuggle {
    const char* name;
    const char* method;
    const char* path;
    bool withToken;
    int status;
};

std::ostream& operator<<(std::ostream& os, const Smuggle& m) {
    return os << m.name << ": " << m.method << " " << m.path;
}

class UnreadBodyTest : public HttpTest, public ::testing::WithParamInterface<Smuggle> {};

TEST_P(UnreadBodyTest, ClosesTheConnectionInsteadOfParsingTheBodyAsARequest) {
    const Smuggle& m = GetParam();
    std::string token = m.withToken ? s.unitUser() : "";
    const std::string smuggled = "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    auto c = s.raw();
    c.send(std::string(m.method) + " " + m.path + " HTTP/1.1\r\nHost: localhost\r\n" +
           (token.empty() ? "" : "Authorization: Bearer " + token + "\r\n") +
           "Content-Type: application/json\r\nContent-Length: " + std::to_string(smuggled.size()) +
           "\r\n\r\n" + smuggled);
    auto r = c.readResponse();
    EXPECT_EQ(r.status, m.status) << r.body;
    EXPECT_TRUE(closes(r)) << r.header("Connection");
    auto next = c.readResponse();
    EXPECT_EQ(next.status, 0) << "the body was served as a request: " << next.body;
}

INSTANTIATE_TEST_SUITE_P(
    Http, UnreadBodyTest,
    ::testing::Values(Smuggle{"Unauthenticated", "POST", "/api/v1/units", false, 401},
                      Smuggle{"ForbiddenRole", "POST", "/api/v1/units", true, 403},
                      Smuggle{"UnknownRoute", "POST", "/api/v1/nope", false, 404},
                      Smuggle{"WrongMethod", "PUT", "/api/v1/units", false, 405},
                      Smuggle{"BodyOnGetRoute", "GET", "/api/v1/units", true, 200}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpTest, ReadBodyKeepsTheConnectionAliveForPipelinedRequests) {
    auto c = s.raw();
    std::string login = R"({"username":"admin","password":"wrong-password"})";
    c.send("POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
           std::to_string(login.size()) + "\r\n\r\n" + login +
           "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
    auto first = c.readResponse();
    EXPECT_EQ(first.status, 401) << first.body;
    EXPECT_FALSE(closes(first));
    auto second = c.readResponse();
    EXPECT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(second.str("status"), "ok");
}

}  // namespace
}  // namespace kc::test
