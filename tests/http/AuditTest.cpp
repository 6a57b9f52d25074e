// The audit log over HTTP: what gets recorded, paging, chain verification and tampering.

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <map>

#include "TestServer.h"

namespace kc::test {
namespace {

using Poco::Data::Keywords::now;

// action -> number of entries, over the whole log.
std::map<std::string, int> actionsOf(TestServer& s) {
    std::map<std::string, int> out;
    auto log = s.get("/api/v1/audit?limit=1000", s.admin()).array();
    for (std::size_t i = 0; log && i < log->size(); ++i)
        ++out[log->getObject(i)->getValue<std::string>("action")];
    return out;
}

TEST_F(HttpTest, DemoLoadAndRequestsAreAudited) {
    auto before = actionsOf(s);
    EXPECT_EQ(before["period.create"], 1);
    EXPECT_EQ(before["unit_type.create"], 3);
    EXPECT_EQ(before["unit.create"], 30);
    EXPECT_EQ(before["criteria.import"], 3);  // huyen, phong, xa
    EXPECT_EQ(before["user.create"], 4);
    EXPECT_EQ(before["assignment.create"], 2);
    EXPECT_EQ(before["session.login"], 1);  // the admin reading the log

    ASSERT_EQ(s.post("/api/v1/units", s.clerk(),
                     R"({"code":"XA18","name":"Mới","unit_type":"xa","active_from_year":2023})")
                  .status,
              201);
    ASSERT_EQ(s.post("/api/v1/unit-types", s.clerk(), R"({"code":"so","name":"Sở, ban, ngành"})")
                  .status,
              201);
    ASSERT_EQ(s.request("POST", "/api/v1/periods/2022/criteria-sets?unit_type=so", s.clerk(),
                        readFile(demoCriteriaPath()))
                  .status,
              201);
    ASSERT_EQ(s.loginResult("vanthu", "wrong-password").status, 401);
    ASSERT_EQ(s.request("DELETE", "/api/v1/session", s.clerk()).status, 204);

    auto after = actionsOf(s);
    EXPECT_EQ(after["unit.create"], 31);
    EXPECT_EQ(after["unit_type.create"], 4);
    EXPECT_EQ(after["criteria.import"], 4);
    EXPECT_EQ(after["session.login"], 2);
    EXPECT_EQ(after["session.login_failed"], 1);
    EXPECT_EQ(after["session.logout"], 1);

    auto log = s.get("/api/v1/audit?limit=1000", s.admin()).array();
    ASSERT_TRUE(log);
    bool found = false;
    for (std::size_t i = 0; i < log->size(); ++i) {
        auto e = log->getObject(i);
        if (e->getValue<std::string>("action") != "unit.create" ||
            e->getValue<std::string>("entity_id") != "XA18")
            continue;
        found = true;
        EXPECT_EQ(e->getValue<std::string>("actor"), "vanthu");
        EXPECT_EQ(e->getValue<std::string>("entity"), "unit");
        EXPECT_EQ(e->getValue<std::string>("at"), "2022-12-01T08:00:00Z");
        EXPECT_EQ(e->getValue<std::string>("before"), "");
        EXPECT_NE(e->getValue<std::string>("after").find("\"code\":\"XA18\""), std::string::npos);
        EXPECT_EQ(e->getValue<std::string>("hash").size(), 64u);
    }
    EXPECT_TRUE(found);
}

TEST_F(HttpTest, AuditPagesByAfterIdAndLimit) {
    auto first = s.get("/api/v1/audit?limit=10", s.admin());
    ASSERT_EQ(first.status, 200) << first.dump();
    ASSERT_EQ(first.array()->size(), 10u);
    EXPECT_EQ(first.array()->getObject(0)->getValue<int>("id"), 1);
    auto next = s.get("/api/v1/audit?after_id=10&limit=5", s.admin());
    ASSERT_EQ(next.array()->size(), 5u);
    EXPECT_EQ(next.array()->getObject(0)->getValue<int>("id"), 11);
    EXPECT_EQ(s.count("/api/v1/audit", s.admin()), 44);         // default limit 100
    EXPECT_EQ(s.count("/api/v1/audit?limit=0", s.admin()), 1);  // clamped to 1..1000

    for (const char* bad : {"limit=-1", "limit=ten", "after_id=1e3", "after_id="}) {
        auto r = s.get(std::string("/api/v1/audit?") + bad, s.admin());
        EXPECT_EQ(r.status, 400) << bad << ": " << r.dump();
        EXPECT_EQ(r.errorCode(), "invalid_input") << bad;
    }
}

TEST_F(HttpTest, VerifyReportsAnIntactChain) {
    auto r = s.get("/api/v1/audit/verify", s.clerk());
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_TRUE(r.object()->getValue<bool>("intact"));
    EXPECT_EQ(r.object()->getValue<int>("entries"), 44);  // demo + the clerk's login
    EXPECT_EQ(r.object()->getArray("problems")->size(), 0u);
}

class AuditTamperTest : public HttpTest {
protected:
    void sql(const std::string& statement) {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session db("SQLite", s.config.databasePath);
        db << statement, now;
    }
    std::vector<std::string> problemPaths(const HttpResult& r) {
        std::vector<std::string> out;
        auto problems = r.object()->getArray("problems");
        for (std::size_t i = 0; problems && i < problems->size(); ++i)
            out.push_back(problems->getObject(i)->getValue<std::string>("path"));
        return out;
    }
};

TEST_F(AuditTamperTest, EditedRowIsReportedByItsId) {
    ASSERT_TRUE(s.get("/api/v1/audit/verify", s.admin()).object()->getValue<bool>("intact"));
    sql("UPDATE audit_log SET after_json='{}' WHERE id=3");
    auto r = s.get("/api/v1/audit/verify", s.admin());
    ASSERT_EQ(r.status, 200) << r.dump();
    EXPECT_FALSE(r.object()->getValue<bool>("intact"));
    EXPECT_EQ(problemPaths(r), (std::vector<std::string>{"audit #3"})) << r.body;
}

TEST_F(AuditTamperTest, DeletedRowBreaksTheNextLink) {
    sql("DELETE FROM audit_log WHERE id=5");
    auto r = s.get("/api/v1/audit/verify", s.admin());
    EXPECT_FALSE(r.object()->getValue<bool>("intact"));
    EXPECT_EQ(problemPaths(r), (std::vector<std::string>{"audit #6"})) << r.body;
}

TEST_F(AuditTamperTest, RewrittenHashIsCaughtByTheNextLink) {
    // Recomputing one row's hash by hand is not enough: the next row links to the old one.
    sql("UPDATE audit_log SET hash='" + std::string(64, 'a') + "' WHERE id=7");
    auto r = s.get("/api/v1/audit/verify", s.admin());
    EXPECT_FALSE(r.object()->getValue<bool>("intact"));
    EXPECT_EQ(problemPaths(r), (std::vector<std::string>{"audit #7", "audit #8"})) << r.body;
}

TEST_F(HttpTest, RejectedRequestsChangeNothing) {
    const std::string clerk = s.clerk();
    int units = s.count("/api/v1/units", clerk);
    int audit = s.auditCount();
    auto dup = s.post("/api/v1/units", clerk,
                      R"({"code":"XA01","name":"Trùng","unit_type":"xa","active_from_year":2022})");
    ASSERT_EQ(dup.status, 409);
    auto badType =
        s.post("/api/v1/units", clerk,
               R"({"code":"XA18","name":"Mới","unit_type":"tinh","active_from_year":2022})");
    ASSERT_EQ(badType.status, 400);
    auto forbidden =
        s.post("/api/v1/units", s.unitUser(),
               R"({"code":"XA19","name":"Mới","unit_type":"xa","active_from_year":2022})");
    ASSERT_EQ(forbidden.status, 403);
    EXPECT_EQ(s.count("/api/v1/units", clerk), units);
    EXPECT_EQ(s.auditCount(), audit + 1);  // only the unit user's login
    EXPECT_EQ(s.get("/api/v1/units/XA01", clerk).str("name"), "UBND thị trấn Phố Ràng");
    EXPECT_TRUE(s.get("/api/v1/audit/verify", clerk).object()->getValue<bool>("intact"));
}

}  // namespace
}  // namespace kc::test
