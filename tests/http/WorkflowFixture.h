#pragma once

// Fixture for the workflow end-to-end tests: the demo server (TestServer) with the sample
// criteria set for unit type "xa" (imported here if the demo has none), and helpers that move
// the ManualClock through the demo 2022 period's phases and call the workflow endpoints.

#include <string>

#include "EvidenceTestServer.h"
#include "TestServer.h"

namespace kc::test {

class WorkflowTest : public ::testing::Test {
protected:
    WorkflowTest() {
        bool hasXa = false;
        auto sets = s.kernel->criteria().list(2022);
        for (const auto& info : sets.value()) hasXa = hasXa || info.unitTypeCode == "xa";
        if (!hasXa) {
            auto set = s.kernel->criteria().importSet(
                Kernel::systemActor(),
                CriteriaImport{2022, "xa", readFile(demoCriteriaPath()), false});
            if (!set.ok())
                throw std::runtime_error("criteria for xa: " + set.error().message);
        }
    }

    // Demo accounts, logged in again whenever the clock has moved (sessions expire).
    const std::string& unit() { return fresh(_unit, "xaphuckhanh", kUnitPassword); }
    const std::string& reviewer() { return fresh(_reviewer, "thamdinh", kReviewerPassword); }
    const std::string& clerk() { return fresh(_clerk, "vanthu", kClerkPassword); }
    const std::string& admin() { return fresh(_admin, "admin", kAdminPassword); }

    // The demo 2022 period's phases (times in UTC).
    void toSelfAssessment() { s.clock.set(*parseIso("2022-12-01T08:00:00Z")); }
    void toStep1() { s.clock.set(*parseIso("2023-01-02T03:00:00Z")); }
    void toSupplement() { s.clock.set(*parseIso("2023-01-06T03:00:00Z")); }
    void toStep2() { s.clock.set(*parseIso("2023-01-12T03:00:00Z")); }
    void toClosed() { s.clock.set(*parseIso("2023-01-25T03:00:00Z")); }

    static std::string unitPath(const std::string& unit = "XA16") {
        return "/api/v1/periods/2022/units/" + unit;
    }
    static std::string itemPath(const std::string& sub, const std::string& what,
                                const std::string& unit = "XA16") {
        return unitPath(unit) + "/assessment/" + sub + "/" + what;
    }

    // PUT …/{sub}/self with a raw JSON score (e.g. "1", "1.005" or "\"0,5\"").
    HttpResult putSelf(const std::string& sub, const std::string& score, int version = 0,
                       const std::string& explanation = "Đã ban hành kế hoạch") {
        return s.request("PUT", itemPath(sub, "self"), unit(),
                         R"({"score":)" + score + R"(,"explanation":")" + explanation +
                             R"(","version":)" + std::to_string(version) + "}");
    }
    HttpResult putStep(const std::string& round, const std::string& sub, const std::string& score,
                       int version, const std::string& unit = "XA16") {
        return s.request("PUT", itemPath(sub, round, unit), reviewer(),
                         R"({"score":)" + score + R"(,"comment":"Đã kiểm tra","version":)" +
                             std::to_string(version) + "}");
    }
    HttpResult requestSupplement(const std::string& sub) {
        return s.post(itemPath(sub, "supplement-request"), reviewer(),
                      R"({"missing":"Kế hoạch có chữ ký","reason":"Bản nộp chưa ký",)"
                      R"("due_date":"2023-01-10T16:59:59Z"})");
    }
    HttpResult reply(const std::string& sub, int version, const std::string& text = "Đã bổ sung") {
        return s.post(itemPath(sub, "reply"), unit(),
                      R"({"text":")" + text + R"(","version":)" + std::to_string(version) + "}");
    }
    // POST …/self-assessment with a body of the given Content-Type.
    HttpResult bulk(const std::string& body, const std::string& type) {
        return s.request("POST", unitPath() + "/self-assessment", unit(), body,
                         {{"Content-Type", type}});
    }
    HttpResult upload(const std::string& sub, const std::string& content) {
        std::string body = multipartBody({{"file", std::string("Kế hoạch.pdf"), content}});
        return s.request("POST", unitPath() + "/evidence/" + sub, unit(), body,
                         {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}});
    }

    // Audit entries whose action starts with prefix ("assessment.", "deadline.extend").
    int audits(const std::string& prefix) {
        auto a = s.get("/api/v1/audit?limit=1000", admin()).array();
        int n = 0;
        for (std::size_t i = 0; a && i < a->size(); ++i)
            n += a->getObject(i)->getValue<std::string>("action").rfind(prefix, 0) == 0;
        return n;
    }

    // The item of sub in GET …/assessment as token sees it (null when absent).
    Poco::JSON::Object::Ptr item(const std::string& sub, const std::string& token) {
        auto r = s.get(unitPath() + "/assessment", token);
        auto o = r.object();
        auto items = o ? o->getArray("items") : Poco::JSON::Array::Ptr();
        for (std::size_t i = 0; items && i < items->size(); ++i)
            if (items->getObject(i)->getValue<std::string>("sub_code") == sub)
                return items->getObject(i);
        return nullptr;
    }
    int version(const std::string& sub) { return item(sub, clerk())->getValue<int>("version"); }
    std::string status(const std::string& sub) {
        return item(sub, clerk())->getValue<std::string>("status");
    }

    TestServer s;

private:
    struct Login {
        std::string token;
        TimePoint at{};
    };
    const std::string& fresh(Login& l, const char* user, const char* password) {
        if (l.token.empty() || l.at != s.clock.now()) {
            l.token = s.login(user, password);
            l.at = s.clock.now();
        }
        return l.token;
    }
    Login _unit, _reviewer, _clerk, _admin;
};

}  // namespace kc::test
