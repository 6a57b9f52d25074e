// The HTTP server's handling of connections (src/http/Server.cpp, Connection.cpp): keep-alive
// only while threads are free, a deadline for each request head, request heads that cannot be
// read. A client that stops reading is tested in
// EvidenceTest.cpp (EvidenceStalledReaderTest), where replies are large enough to stall.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "EvidenceTestServer.h"
#include "HttpResult.h"

namespace kc::test {
namespace {

const std::string kHealth = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

// A kept-alive connection holds its thread while it waits for the next request, so with every
// thread held by idle clients a new one would wait out Poco's 15 s keep-alive timeout. Replies
// keep connections alive only while at most three quarters of the threads are taken.
TEST(ServerTest, KeepsConnectionsAliveOnlyWhileAQuarterOfTheThreadsIsFree) {
    EvidenceServer s{[](Config& c) { c.httpThreads = 4; }};
    std::vector<std::unique_ptr<RawConnection>> idle;
    for (int i = 0; i < 3; ++i) {  // 1, 2, then 3 of 4 threads taken: kept alive
        idle.push_back(std::make_unique<RawConnection>(s.port));
        idle.back()->send(kHealth);
        auto r = idle.back()->readResponse();
        EXPECT_EQ(r.status, 200) << r.dump();
        EXPECT_FALSE(closes(r)) << "connection " << i;
    }
    RawConnection fourth(s.port);  // all 4 taken: closed after the reply
    fourth.send(kHealth);
    auto r = fourth.readResponse();
    EXPECT_EQ(r.status, 200) << r.dump();
    EXPECT_TRUE(closes(r));

    // The fourth connection ended with its reply, so its thread is free again: a new client is
    // served at once, not after 15 s (the helper waits 10 s), and is itself closed since the
    // three idle ones still hold theirs.
    RawConnection fifth(s.port);
    fifth.send(kHealth);
    r = fifth.readResponse();
    EXPECT_EQ(r.status, 200) << r.dump();
    EXPECT_TRUE(closes(r));
    // The idle connections still serve their clients.
    idle.front()->send(kHealth);
    EXPECT_EQ(idle.front()->readResponse().status, 200);
}

// Poco's ServerSocket(address) bound with SO_REUSEPORT too: a second server on a taken port
// started, and the kernel shared the connections between the two.
TEST(ServerTest, ASecondServerOnATakenPortFailsToStart) {
    EvidenceServer s;
    http::Server second(http::ServerOptions{"127.0.0.1", s.port, 2, 8, 10}, {}, s.kernel->auth(),
                        http::HttpLimits{1024});
    try {
        second.start();
        ADD_FAILURE() << "a second server listens on port " << s.port;
    } catch (const std::runtime_error& e) {
        EXPECT_NE(
            std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(s.port)),
            std::string::npos)
            << e.what();
    }
    EXPECT_EQ(s.request("GET", "/api/v1/health", "").status, 200);
}

// Poco's receive timeout bounds each wait for more bytes, not the whole head: a client sending
// its request head a byte now and then kept its thread for as long as it went on. The whole
// head must now arrive within http.timeoutSeconds; the server then answers 400 and closes.
TEST(ServerTest, ARequestHeadMustArriveWholeWithinTheTimeout) {
    EvidenceServer s{[](Config& c) {
        c.httpThreads = 1;
        c.httpTimeoutSeconds = 2;
    }};
    RawConnection slow(s.port);
    const std::string head =
        "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(60, 'a') +
        "\r\n\r\n";
    std::atomic<bool> stop{false};
    std::thread trickle([&] {  // a byte every 0.25 s: each within the timeout; 20 s in all
        for (char c : head) {
            if (stop)
                return;
            try {
                slow.send(std::string(1, c));
            } catch (const std::exception&) {
                return;  // the server closed the connection
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
    });
    // The one thread is free again once the slow head's deadline (2 s) has passed; without the
    // deadline this request gets no answer within the helper's 10 s.
    auto r = s.request("GET", "/api/v1/health", "");
    EXPECT_EQ(r.status, 200) << r.dump();
    stop = true;
    trickle.join();
    auto cut = slow.readResponse();
    EXPECT_EQ(cut.status, 400) << cut.dump();
    EXPECT_EQ(cut.errorCode(), "invalid_input") << cut.dump();
}

struct BadHead {
    const char* name;
    std::string bytes;
};

void PrintTo(const BadHead& b, std::ostream* os) {
    *os << b.name;
}

class BadHeadTest : public ::testing::TestWithParam<BadHead> {};

// Request heads Poco's parser cannot read, and framing a proxy could read differently. Poco
// answered the first with a bare 400 or, for a Content-Length that is not a number, closed the
// connection without a reply; the framing it read its own way. Each gets the API's JSON error
// and the connection closes; the server goes on serving.
TEST_P(BadHeadTest, Is400WithTheJsonErrorBodyAndClosesTheConnection) {
    EvidenceServer s;
    RawConnection c(s.port);
    c.send(GetParam().bytes);
    auto r = c.readResponse();
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorCode(), "invalid_input") << r.dump();
    EXPECT_TRUE(r.hasDetail("http")) << r.dump();
    EXPECT_EQ(r.header("Content-Type"), "application/json; charset=utf-8");
    EXPECT_TRUE(closes(r));
    EXPECT_EQ(c.readResponse().status, 0);  // closed: nothing more comes
    EXPECT_EQ(s.request("GET", "/api/v1/health", "").status, 200);
}

std::string manyHeaders(int n) {
    std::string head = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < n; ++i) head += "X-H" + std::to_string(i) + ": 1\r\n";
    return head + "\r\n";
}

INSTANTIATE_TEST_SUITE_P(
    Http, BadHeadTest,
    ::testing::Values(
        BadHead{"ContentLengthNotANumber",
                "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n"},
        BadHead{"HeaderValueOver8KiB", "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " +
                                           std::string(9000, 'a') + "\r\n\r\n"},
        BadHead{"Over100HeaderLines", manyHeaders(120)},
        BadHead{"NoHttpVersion", "GET /api/v1/health\r\n\r\n"},
        // The body is a whole request: Poco read the first length (0), and the body was then
        // served as the connection's next request.
        BadHead{"TwoContentLengths",
                "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                "Content-Length: 41\r\n\r\nGET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"},
        BadHead{
            "TransferEncodingNotChunked",
            "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n"},
        BadHead{"ChunkedAndContentLength",
                "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                "Content-Length: 5\r\n\r\n0\r\n\r\n"},
        BadHead{"UriOver16KiB",
                "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace kc::test
