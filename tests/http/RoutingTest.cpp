#include "TestServer.h"

#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <chrono>
#include <mutex>
#include <thread>

namespace kc::test {
namespace {

TEST_F(HttpTest, HealthIsOpenAndReportsDatabaseAndStorage) {
    auto r = s.get("/api/v1/health", "");
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_EQ(r.str("status"), "ok");
    EXPECT_EQ(r.str("database"), "ok");
    EXPECT_EQ(r.str("storage"), "ok");
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("Cache-Control"), "no-store");
    EXPECT_NE(r.header("Content-Type").find("application/json"), std::string::npos);
}

TEST_F(HttpTest, HealthNeedsNoSessionButOtherRoutesDo) {
    EXPECT_EQ(s.get("/api/v1/health", "").status, 200);
    auto r = s.get("/api/v1/periods", "");
    EXPECT_EQ(r.status, 401) << r.dump();
    EXPECT_EQ(r.errorCode(), "unauthenticated");
}

struct Misroute {
    const char* name;
    const char* method;
    const char* path;
    int status;
    const char* code;
    const char* allow;  // expected Allow header of a 405
};

std::ostream& operator<<(std::ostream& os, const Misroute& m) {
    return os << m.name << ": " << m.method << " " << m.path;
}

class MisrouteTest : public HttpTest, public ::testing::WithParamInterface<Misroute> {};

TEST_P(MisrouteTest, GetsJsonError) {
    const Misroute& m = GetParam();
    auto r = s.request(m.method, m.path, s.admin());
    EXPECT_EQ(r.status, m.status) << r.dump();
    EXPECT_EQ(r.errorCode(), m.code) << r.body;
    EXPECT_FALSE(r.errorMessage().empty());
    ASSERT_TRUE(r.error());
    EXPECT_TRUE(r.error()->getArray("details")) << r.body;
    EXPECT_NE(r.header("Content-Type").find("application/json"), std::string::npos);
    if (m.status == 405) {
        EXPECT_EQ(r.header("Allow"), m.allow);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Http, MisrouteTest,
    ::testing::Values(
        Misroute{"UnknownRoute", "GET", "/api/v1/nope", 404, "not_found", ""},
        Misroute{"UnknownApiVersion", "GET", "/api/v2/health", 404, "not_found", ""},
        Misroute{"UnknownPage", "GET", "/trang-khong-co", 404, "not_found", ""},
        Misroute{"ExtraSegment", "GET", "/api/v1/units/XA01/extra", 404, "not_found", ""},
        Misroute{"UnknownRouteUnknownMethod", "BREW", "/api/v1/coffee", 404, "not_found", ""},
        Misroute{"PutOnUnits", "PUT", "/api/v1/units", 405, "method_not_allowed",
                 "GET, HEAD, POST"},
        Misroute{"DeleteOnPeriod", "DELETE", "/api/v1/periods/2022", 405, "method_not_allowed",
                 "GET, HEAD, PATCH"},
        Misroute{"PostOnHealth", "POST", "/api/v1/health", 405, "method_not_allowed", "GET, HEAD"},
        Misroute{"NonNumericYear", "GET", "/api/v1/periods/abc", 400, "invalid_input", ""},
        Misroute{"YearOutOfRange", "GET", "/api/v1/periods/99999", 400, "invalid_input", ""},
        Misroute{"UnknownYear", "GET", "/api/v1/periods/2030", 404, "not_found", ""},
        Misroute{"BrokenPercentEncoding", "GET", "/api/v1/units/%zz", 400, "invalid_input", ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpTest, HeadOnGetRouteAnswersLikeGetWithoutBody) {
    auto r = s.request("HEAD", "/api/v1/audit/verify", s.admin());
    EXPECT_EQ(r.status, 200);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(s.get("/api/v1/health", "").status, 200);  // the connection is still in step
}

TEST_F(HttpTest, HeadOnPostOnlyRouteIs405WithAllow) {
    auto r = s.request("HEAD", "/api/v1/periods/2022/units/XA16/self-assessment", s.admin());
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "POST");
    EXPECT_TRUE(r.body.empty());
}

TEST_F(HttpTest, OverlongMethodGetsBadRequestAndClose) {
    auto c = s.raw();
    c.send(std::string(100, 'G') + " /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_TRUE(c.closedByServer());
}

TEST_F(HttpTest, RequestLineWithoutVersionIsServedAsNotFoundNotACrash) {
    // Poco's parser accepts "METHOD URI VERSION" loosely; the router must still answer JSON.
    auto c = s.raw();
    c.send("THIS IS NOT HTTP\r\n\r\n");
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(r.errorCode(), "not_found");
}

// A path that decodes to bytes that are not UTF-8 is echoed in the message as U+FFFD: the
// reply stays JSON a client can parse.
TEST_F(HttpTest, AnErrorEchoingBytesThatAreNotUtf8IsStillJson) {
    auto r = s.get("/api/v1/units/%ff%c3%28", s.clerk());
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(r.errorCode(), "not_found") << r.body;
    EXPECT_NE(r.body.find("\xEF\xBF\xBD\xEF\xBF\xBD("), std::string::npos) << r.body;
}

TEST_F(HttpTest, OverlongHeaderLineIsRejected) {
    auto c = s.raw();
    c.send("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(20000, 'a') +
           "\r\n\r\n");
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.body;
}

// Collects the access log's lines while a test runs, then puts the logger back.
class AccessLog final : public Poco::Channel {
public:
    AccessLog() : _log(Poco::Logger::get("kiemchung.access")) {
        _savedLevel = _log.getLevel();
        _savedChannel = _log.getChannel();
        _log.setLevel(Poco::Message::PRIO_INFORMATION);
        _log.setChannel(Poco::Channel::Ptr(this, true));
    }
    ~AccessLog() override = default;
    void restore() {
        _log.setChannel(_savedChannel);
        _log.setLevel(_savedLevel);
    }
    void log(const Poco::Message& m) override {
        std::lock_guard<std::mutex> lock(_mutex);
        _lines.push_back(m.getText());
    }
    // The first line containing part, waiting up to 2 s (the line is written after the reply).
    std::string find(const std::string& part) {
        for (int i = 0; i < 200; ++i) {
            {
                std::lock_guard<std::mutex> lock(_mutex);
                for (const std::string& l : _lines)
                    if (l.find(part) != std::string::npos)
                        return l;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return "";
    }

private:
    Poco::Logger& _log;
    int _savedLevel = 0;
    Poco::Channel::Ptr _savedChannel;
    std::mutex _mutex;
    std::vector<std::string> _lines;
};

// An operator can see who did what and how it went: one line per request, with the user once
// logged in, the path without its query, the status and the time.
TEST_F(HttpTest, EveryRequestGetsOneAccessLogLine) {
    const std::string token = s.unitUser();
    Poco::AutoPtr<AccessLog> log(new AccessLog);
    EXPECT_EQ(s.get("/api/v1/periods/2022/units/XA16/assessment?secret=x", token).status, 200);
    EXPECT_EQ(s.get("/api/v1/periods", "").status, 401);
    EXPECT_EQ(s.get("/api/v1/periods/2022/units/XA01/assessment", token).status, 403);

    const std::string ok = log->find("/api/v1/periods/2022/units/XA16/assessment ");
    EXPECT_EQ(
        ok.rfind("127.0.0.1 xaphuckhanh GET /api/v1/periods/2022/units/XA16/assessment 200 ", 0),
        0u)
        << ok;
    EXPECT_EQ(ok.find("secret"), std::string::npos) << ok;
    EXPECT_EQ(ok.substr(ok.size() - 3), " ms") << ok;
    EXPECT_EQ(log->find("GET /api/v1/periods 401").rfind("127.0.0.1 - GET /api/v1/periods 401 ", 0),
              0u);
    EXPECT_NE(log->find("xaphuckhanh GET /api/v1/periods/2022/units/XA01/assessment 403 "), "");
    log->restore();
}

}  // namespace
}  // namespace kc::test
