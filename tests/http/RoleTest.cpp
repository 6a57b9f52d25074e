#include "TestServer.h"

namespace kc::test {
namespace {

enum class Who { Admin, Clerk, Reviewer, Unit };

const char* whoName(Who w) {
    switch (w) {
        case Who::Admin:
            return "Admin";
        case Who::Clerk:
            return "Clerk";
        case Who::Reviewer:
            return "Reviewer";
        case Who::Unit:
            return "Unit";
    }
    return "?";
}

// One cell of the role matrix: who calls what, and the status expected.
struct Access {
    const char* name;
    Who who;
    const char* method;
    const char* path;
    const char* body;
    int status;
};

std::ostream& operator<<(std::ostream& os, const Access& a) {
    return os << whoName(a.who) << " " << a.method << " " << a.path;
}

// Every case runs on its own fresh server, as successful writes change state.
class RoleMatrixTest : public ::testing::TestWithParam<Access> {
protected:
    std::string token(Who w) {
        switch (w) {
            case Who::Admin:
                return s.admin();
            case Who::Clerk:
                return s.clerk();
            case Who::Reviewer:
                return s.reviewer();
            case Who::Unit:
                return s.unitUser();
        }
        return "";
    }
    TestServer s;
};

TEST_P(RoleMatrixTest, GetsExpectedStatus) {
    const Access& a = GetParam();
    std::string caller = token(a.who);
    int auditBefore = s.auditCount();
    auto r = s.request(a.method, a.path, caller, a.body);
    EXPECT_EQ(r.status, a.status) << a << ": " << r.dump();
    if (a.status == 403) {
        EXPECT_EQ(r.errorCode(), "forbidden") << r.body;
        EXPECT_EQ(s.auditCount(), auditBefore) << "a refused request changed the audit log";
        // The role named as users know it, not its API code.
        if (a.who == Who::Unit && r.errorMessage().rfind("Vai trò", 0) == 0) {
            EXPECT_EQ(r.errorMessage(), "Vai trò Đơn vị không được phép thực hiện thao tác này");
        }
    }
}

const char* kNewUnit =
    R"({"code":"XA99","name":"UBND xã Mới","unit_type":"xa","active_from_year":2022})";
const char* kNewUser =
    R"({"username":"moi","display_name":"Người mới","role":"clerk","password":"matkhau-123"})";
const char* kNewPeriod = R"({"year":2023,"name":"Kỳ 2023"})";
const char* kAssign = R"({"username":"thamdinh","area_codes":["3"]})";

INSTANTIATE_TEST_SUITE_P(
    Http, RoleMatrixTest,
    ::testing::Values(
        // Unit users read their own data only and change nothing in the directory.
        Access{"UnitCannotListUsers", Who::Unit, "GET", "/api/v1/users", "", 403},
        Access{"UnitCannotCreateUnits", Who::Unit, "POST", "/api/v1/units", kNewUnit, 403},
        Access{"UnitCannotCreateUnitTypes", Who::Unit, "POST", "/api/v1/unit-types",
               R"({"code":"tp","name":"Thành phố"})", 403},
        Access{"UnitCannotCreatePeriods", Who::Unit, "POST", "/api/v1/periods", kNewPeriod, 403},
        Access{"UnitCannotReadAudit", Who::Unit, "GET", "/api/v1/audit", "", 403},
        Access{"UnitCannotListAssignments", Who::Unit, "GET", "/api/v1/periods/2022/assignments",
               "", 403},
        Access{"UnitCanListPeriods", Who::Unit, "GET", "/api/v1/periods", "", 200},
        Access{"UnitCanReadCriteriaSets", Who::Unit, "GET", "/api/v1/periods/2022/criteria-sets",
               "", 200},
        // Reviewers appraise; they do not administer.
        Access{"ReviewerCannotImportCriteria", Who::Reviewer, "POST",
               "/api/v1/periods/2022/criteria-sets?unit_type=xa", "{}", 403},
        Access{"UnitCannotCopyCriteria", Who::Unit, "POST",
               "/api/v1/periods/2022/criteria-sets/copy?from_year=2021&unit_type=xa", "", 403},
        Access{"ReviewerCannotListUsers", Who::Reviewer, "GET", "/api/v1/users", "", 403},
        Access{"ReviewerCannotAssign", Who::Reviewer, "POST", "/api/v1/periods/2022/assignments",
               kAssign, 403},
        Access{"ReviewerCannotVerifyAudit", Who::Reviewer, "GET", "/api/v1/audit/verify", "", 403},
        Access{"ReviewerCanListAssignments", Who::Reviewer, "GET",
               "/api/v1/periods/2022/assignments", "", 200},
        // Clerks run the directory but accounts are the admin's.
        Access{"ClerkCannotCreateUsers", Who::Clerk, "POST", "/api/v1/users", kNewUser, 403},
        Access{"ClerkCannotUpdateUsers", Who::Clerk, "PATCH", "/api/v1/users/thamdinh",
               R"({"active":false})", 403},
        Access{"ClerkCanListUsers", Who::Clerk, "GET", "/api/v1/users", "", 200},
        Access{"ClerkCanCreateUnits", Who::Clerk, "POST", "/api/v1/units", kNewUnit, 201},
        Access{"ClerkCanCreatePeriods", Who::Clerk, "POST", "/api/v1/periods", kNewPeriod, 201},
        Access{"ClerkCanAssign", Who::Clerk, "POST", "/api/v1/periods/2022/assignments", kAssign,
               201},
        Access{"ClerkCanReadAudit", Who::Clerk, "GET", "/api/v1/audit", "", 200},
        Access{"AdminCanCreateUsers", Who::Admin, "POST", "/api/v1/users", kNewUser, 201}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(HttpTest, UnitUserSeesOnlyItsOwnUnit) {
    auto list = s.get("/api/v1/units", s.unitUser());
    ASSERT_EQ(list.status, 200) << list.dump();
    ASSERT_TRUE(list.array());
    ASSERT_EQ(list.array()->size(), 1u) << list.body;
    EXPECT_EQ(list.array()->getObject(0)->getValue<std::string>("code"), "XA16");

    EXPECT_EQ(s.get("/api/v1/units/XA16", s.unitUser()).status, 200);
    auto other = s.get("/api/v1/units/XA01", s.unitUser());
    EXPECT_EQ(other.status, 403) << other.dump();
    EXPECT_EQ(other.errorCode(), "forbidden");
    // A unit that does not exist is no more visible than another unit.
    EXPECT_EQ(s.get("/api/v1/units/NOPE", s.unitUser()).status, 403);

    EXPECT_EQ(s.count("/api/v1/units", s.clerk()), 30);
    EXPECT_EQ(s.get("/api/v1/units/NOPE", s.clerk()).status, 404);
}

TEST_F(HttpTest, ReviewerSeesOnlyOwnAssignmentsClerkSeesAll) {
    auto created = s.post("/api/v1/users", s.admin(),
                          R"({"username":"thamdinh2","display_name":"Thẩm định 2",)"
                          R"("role":"reviewer","password":"matkhau-456"})");
    ASSERT_EQ(created.status, 201) << created.dump();
    auto assigned = s.post("/api/v1/periods/2022/assignments", s.clerk(),
                           R"({"username":"thamdinh2","area_codes":["5","6"]})");
    ASSERT_EQ(assigned.status, 201) << assigned.dump();

    auto own = s.get("/api/v1/periods/2022/assignments", s.reviewer());
    ASSERT_EQ(own.status, 200) << own.dump();
    ASSERT_EQ(own.array()->size(), 2u) << own.body;
    for (std::size_t i = 0; i < own.array()->size(); ++i)
        EXPECT_EQ(own.array()->getObject(i)->getValue<std::string>("username"), "thamdinh");

    std::string second = s.login("thamdinh2", "matkhau-456");
    EXPECT_EQ(s.count("/api/v1/periods/2022/assignments", second), 2);
    EXPECT_EQ(s.count("/api/v1/periods/2022/assignments", s.clerk()), 4);
}

TEST_F(HttpTest, UnauthenticatedWriteIsRefusedBeforeTheBodyIsRead) {
    int before = s.count("/api/v1/units", s.admin());
    auto r = s.post("/api/v1/units", "", kNewUnit);
    EXPECT_EQ(r.status, 401) << r.dump();
    // The connection is still usable afterwards.
    EXPECT_EQ(s.count("/api/v1/units", s.admin()), before);
}

}  // namespace
}  // namespace kc::test
