// The HTTP server's handling of connections (src/http/Server.cpp): keep-alive only while
// threads are free. A client that stops reading is tested in EvidenceTest.cpp
// (EvidenceStalledReaderTest), where replies are large enough to stall.
#include <memory>
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

}  // namespace
}  // namespace kc::test
