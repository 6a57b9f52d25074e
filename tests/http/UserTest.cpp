// User accounts (admin only) and reviewers' area assignments.

#include <set>

#include "TestServer.h"

namespace kc::test {
namespace {

const char* kUsers = "/api/v1/users";
const char* kAssignments = "/api/v1/periods/2022/assignments";

TEST_F(HttpTest, AdminCreatesUnitUserWhoCanLogIn) {
    auto r = s.post(kUsers, s.admin(),
                    R"({"username":"xabaoha","display_name":"Cán bộ UBND xã Bảo Hà",)"
                    R"("role":"unit","unit_code":"XA02","password":"baoha-2022!"})");
    ASSERT_EQ(r.status, 201) << r.dump();
    EXPECT_EQ(r.str("username"), "xabaoha");
    EXPECT_EQ(r.str("role"), "unit");
    EXPECT_EQ(r.str("unit_code"), "XA02");
    EXPECT_TRUE(r.object()->getValue<bool>("active"));
    EXPECT_EQ(r.body.find("baoha-2022!"), std::string::npos);  // never echoed

    auto list = s.get(kUsers, s.clerk());
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.array()->size(), 5u);
    EXPECT_EQ(list.body.find("password"), std::string::npos) << list.body;

    std::string token = s.login("xabaoha", "baoha-2022!");
    auto units = s.get("/api/v1/units", token);
    ASSERT_EQ(units.array()->size(), 1u);
    EXPECT_EQ(units.array()->getObject(0)->getValue<std::string>("code"), "XA02");
}

struct BadUser {
    const char* name;
    const char* body;
    int status;
    const char* path;
};

std::ostream& operator<<(std::ostream& os, const BadUser& b) {
    return os << b.name;
}

class BadUserTest : public HttpTest, public ::testing::WithParamInterface<BadUser> {};

TEST_P(BadUserTest, IsRejectedAndCreatesNoAccount) {
    const BadUser& b = GetParam();
    int users = s.count(kUsers, s.admin());
    int audit = s.auditCount();
    auto r = s.post(kUsers, s.admin(), b.body);
    EXPECT_EQ(r.status, b.status) << r.dump();
    if (*b.path) {
        EXPECT_TRUE(r.hasDetail(b.path)) << r.body;
    }
    EXPECT_EQ(s.count(kUsers, s.admin()), users);
    EXPECT_EQ(s.auditCount(), audit);
}

INSTANTIATE_TEST_SUITE_P(
    Http, BadUserTest,
    ::testing::Values(
        BadUser{"UnitUserWithoutUnitCode",
                R"({"username":"u1","display_name":"U","role":"unit","password":"12345678"})", 400,
                "$.unit_code"},
        BadUser{"UnitUserWithUnknownUnit",
                R"({"username":"u1","display_name":"U","role":"unit","unit_code":"XA99",)"
                R"("password":"12345678"})",
                400, "$.unit_code"},
        BadUser{"ClerkWithUnitCode",
                R"({"username":"u1","display_name":"U","role":"clerk","unit_code":"XA01",)"
                R"("password":"12345678"})",
                400, "$.unit_code"},
        // The audit log's actors for the command line and failed logins.
        BadUser{"ReservedNameSystem",
                R"({"username":"System","display_name":"S","role":"clerk","password":"12345678"})",
                400, "$.username"},
        BadUser{
            "ReservedNameAnonymous",
            R"({"username":"anonymous","display_name":"A","role":"clerk","password":"12345678"})",
            400, "$.username"},
        BadUser{"ShortPassword",
                R"({"username":"u1","display_name":"U","role":"clerk","password":"1234567"})", 400,
                "$.password"},
        // 8 bytes, 3 characters: the minimum counts characters.
        BadUser{"ThreeAccentedLetters",
                R"({"username":"u1","display_name":"U","role":"clerk","password":"ắắắ"})", 400,
                "$.password"},
        // 8 code points as sent, 4 characters once composed (NFC, as login hashes it).
        BadUser{"FourLettersWithCombiningAccents",
                R"({"username":"u1","display_name":"U","role":"clerk",)"
                R"("password":"a\u0301e\u0301o\u0301u\u0301"})",
                400, "$.password"},
        BadUser{"BadRole",
                R"({"username":"u1","display_name":"U","role":"superuser","password":"12345678"})",
                400, "$.role"},
        BadUser{"RoleInCapitals",
                R"({"username":"u1","display_name":"U","role":"ADMIN","password":"12345678"})", 400,
                "$.role"},
        BadUser{"DuplicateUsername",
                R"({"username":"vanthu","display_name":"U","role":"clerk","password":"12345678"})",
                409, ""},
        BadUser{"UsernameWithSpace",
                R"({"username":"van thu","display_name":"U","role":"clerk","password":"12345678"})",
                400, "$.username"},
        BadUser{"BlankDisplayName",
                R"({"username":"u1","display_name":"  ","role":"clerk","password":"12345678"})",
                400, "$.display_name"},
        BadUser{"MissingPassword", R"({"username":"u1","display_name":"U","role":"clerk"})", 400,
                "$.password"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpTest, AdminPasswordResetClearsTheLoginLock) {
    for (int i = 0; i < 4; ++i) ASSERT_EQ(s.loginResult("thamdinh", "wrong-password").status, 401);
    ASSERT_EQ(s.loginResult("thamdinh", "wrong-password").status, 429);
    ASSERT_EQ(s.loginResult("thamdinh", kReviewerPassword).errorCode(), "locked");

    auto reset = s.patch("/api/v1/users/thamdinh", s.admin(), R"({"password":"mat-khau-moi-1"})");
    ASSERT_EQ(reset.status, 200) << reset.dump();
    // No clock advance: the reset alone lifts the lock; the old password is gone.
    EXPECT_EQ(s.loginResult("thamdinh", kReviewerPassword).status, 401);
    EXPECT_EQ(s.loginResult("thamdinh", "mat-khau-moi-1").status, 200);

    auto log = s.get("/api/v1/audit?limit=1000", s.admin()).array();
    ASSERT_TRUE(log);
    bool audited = false;
    for (std::size_t i = 0; i < log->size(); ++i) {
        auto e = log->getObject(i);
        if (e->getValue<std::string>("action") != "user.update")
            continue;
        audited = true;
        EXPECT_NE(e->getValue<std::string>("after").find("\"password_reset\":true"),
                  std::string::npos);
        EXPECT_EQ(e->getValue<std::string>("after").find("mat-khau-moi-1"), std::string::npos);
    }
    EXPECT_TRUE(audited);
}

TEST_F(HttpTest, UpdateUserRejectsShortPasswordAndUnknownUser) {
    auto shortPw = s.patch("/api/v1/users/vanthu", s.admin(), R"({"password":"short"})");
    EXPECT_EQ(shortPw.status, 400) << shortPw.dump();
    EXPECT_TRUE(shortPw.hasDetail("$.password"));
    EXPECT_EQ(s.loginResult("vanthu", kClerkPassword).status, 200);
    EXPECT_EQ(s.patch("/api/v1/users/nobody", s.admin(), R"({"active":false})").status, 404);
}

TEST_F(HttpTest, APasswordOfEightAccentedLettersIsLongEnough) {
    auto created = s.post(kUsers, s.admin(),
                          R"({"username":"u1","display_name":"U","role":"clerk",)"
                          R"("password":"ắằẳẵặâấầ"})");
    ASSERT_EQ(created.status, 201) << created.dump();
    EXPECT_EQ(s.loginResult("u1", "ắằẳẵặâấầ").status, 200);
    auto shortPw = s.patch("/api/v1/users/u1", s.admin(), R"({"password":"ắắắ"})");
    EXPECT_EQ(shortPw.status, 400) << shortPw.dump();
    EXPECT_TRUE(shortPw.hasDetail("$.password"));
    EXPECT_EQ(s.loginResult("u1", "ắằẳẵặâấầ").status, 200);
}

TEST_F(HttpTest, AssignReviewerToMoreAreas) {
    auto r = s.post(kAssignments, s.clerk(), R"({"username":"thamdinh","area_codes":["3","1"]})");
    ASSERT_EQ(r.status, 201) << r.dump();
    // The reviewer's assignments after the call; area 1 was assigned already.
    ASSERT_TRUE(r.array());
    EXPECT_EQ(r.array()->size(), 3u) << r.body;
    auto own = s.get(kAssignments, s.reviewer());
    ASSERT_EQ(own.status, 200);
    std::set<std::string> areas;
    for (std::size_t i = 0; i < own.array()->size(); ++i)
        areas.insert(own.array()->getObject(i)->getValue<std::string>("area_code"));
    EXPECT_EQ(areas, (std::set<std::string>{"1", "2", "3"}));
}

TEST_F(HttpTest, AssignUnknownAreaIsRejectedWithItsIndexAndAssignsNothing) {
    auto r = s.post(kAssignments, s.clerk(),
                    R"({"username":"thamdinh","area_codes":["3","99","4","x"]})");
    EXPECT_EQ(r.status, 400) << r.dump();
    EXPECT_EQ(r.errorCode(), "invalid_input");
    EXPECT_EQ(r.detailPaths(), (std::vector<std::string>{"$.area_codes[1]", "$.area_codes[3]"}))
        << r.body;
    EXPECT_EQ(s.count(kAssignments, s.clerk()), 2);  // area 3 was not assigned either
}

struct BadAssignment {
    const char* name;
    const char* path;
    const char* body;
    int status;
    const char* detail;
};

std::ostream& operator<<(std::ostream& os, const BadAssignment& b) {
    return os << b.name;
}

class BadAssignmentTest : public HttpTest, public ::testing::WithParamInterface<BadAssignment> {};

TEST_P(BadAssignmentTest, IsRejected) {
    const BadAssignment& b = GetParam();
    auto r = s.post(b.path, s.clerk(), b.body);
    EXPECT_EQ(r.status, b.status) << r.dump();
    if (*b.detail) {
        EXPECT_TRUE(r.hasDetail(b.detail)) << r.body;
    }
    EXPECT_EQ(s.count(kAssignments, s.clerk()), 2);
}

INSTANTIATE_TEST_SUITE_P(
    Http, BadAssignmentTest,
    ::testing::Values(
        BadAssignment{"NonReviewerClerk", kAssignments,
                      R"({"username":"vanthu","area_codes":["1"]})", 400, "$.username"},
        BadAssignment{"NonReviewerUnitUser", kAssignments,
                      R"({"username":"xaphuckhanh","area_codes":["1"]})", 400, "$.username"},
        BadAssignment{"UnknownUser", kAssignments, R"({"username":"nobody","area_codes":["1"]})",
                      400, "$.username"},
        BadAssignment{"NoAreas", kAssignments, R"({"username":"thamdinh","area_codes":[]})", 400,
                      "$.area_codes"},
        BadAssignment{"AreaCodesNotAnArray", kAssignments,
                      R"({"username":"thamdinh","area_codes":"1"})", 400, "$.area_codes"},
        BadAssignment{"AreaCodeAsNumber", kAssignments,
                      R"({"username":"thamdinh","area_codes":[1]})", 400, "$.area_codes[0]"},
        BadAssignment{"UnknownPeriod", "/api/v1/periods/2030/assignments",
                      R"({"username":"thamdinh","area_codes":["1"]})", 404, ""}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpTest, UnassignRemovesOnceThen404) {
    const std::string path = std::string(kAssignments) + "/thamdinh/1";
    EXPECT_EQ(s.request("DELETE", path, s.clerk()).status, 204);
    EXPECT_EQ(s.count(kAssignments, s.reviewer()), 1);
    auto again = s.request("DELETE", path, s.clerk());
    EXPECT_EQ(again.status, 404) << again.dump();
    EXPECT_EQ(s.request("DELETE", path, s.reviewer()).status, 403);
}

}  // namespace
}  // namespace kc::test

namespace kc::test {
namespace {

TEST_F(HttpTest, PasswordResetEndsTheUsersOpenSessions) {
    std::string token = s.reviewer();
    ASSERT_EQ(s.get("/api/v1/session", token).status, 200);
    ASSERT_EQ(s.patch("/api/v1/users/thamdinh", s.admin(), R"({"password":"mat-khau-moi-2"})").status,
              200);
    EXPECT_EQ(s.get("/api/v1/session", token).status, 401);
}

TEST_F(HttpTest, ReactivationDoesNotReviveOldSessions) {
    std::string token = s.reviewer();
    ASSERT_EQ(s.patch("/api/v1/users/thamdinh", s.admin(), R"({"active":false})").status, 200);
    EXPECT_EQ(s.get("/api/v1/session", token).status, 401);
    ASSERT_EQ(s.patch("/api/v1/users/thamdinh", s.admin(), R"({"active":true})").status, 200);
    EXPECT_EQ(s.get("/api/v1/session", token).status, 401);
    EXPECT_EQ(s.loginResult("thamdinh", kReviewerPassword).status, 200);
}

TEST_F(HttpTest, DeactivatingTheLastActiveAdminIsRefused) {
    int audit = s.auditCount();
    auto r = s.patch("/api/v1/users/admin", s.admin(), R"({"active":false})");
    EXPECT_EQ(r.status, 409) << r.dump();
    EXPECT_EQ(r.errorCode(), "conflict");
    EXPECT_EQ(s.auditCount(), audit);
    EXPECT_EQ(s.get("/api/v1/session", s.admin()).status, 200);
}

}  // namespace
}  // namespace kc::test
