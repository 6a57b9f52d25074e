#include "app/DemoData.h"

#include <fstream>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "services/CriteriaJson.h"

namespace kc {

namespace {

const char* kAgencies[] = {
    "Văn phòng HĐND và UBND huyện", "Phòng Nội vụ", "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch", "Phòng Kinh tế và Hạ tầng", "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội", "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo", "Phòng Y tế", "Phòng Nông nghiệp và Phát triển nông thôn",
    "Thanh tra huyện"};

const char* kCommunes[] = {
    "UBND thị trấn Phố Ràng", "UBND xã Bảo Hà", "UBND xã Kim Sơn", "UBND xã Cam Cọn",
    "UBND xã Tân An", "UBND xã Tân Dương", "UBND xã Yên Sơn", "UBND xã Lương Sơn",
    "UBND xã Xuân Thượng", "UBND xã Xuân Hòa", "UBND xã Minh Tân", "UBND xã Điện Quan",
    "UBND xã Thượng Hà", "UBND xã Việt Tiến", "UBND xã Long Phúc", "UBND xã Phúc Khánh",
    "UBND xã Vĩnh Yên"};

struct DemoAccount {
    const char* username;
    const char* displayName;
    Role role;
    const char* unitCode;
    const char* password;
};

const DemoAccount kAccounts[] = {
    {"admin", "Quản trị hệ thống", Role::Admin, nullptr, "admin@KiemChung2022"},
    {"vanthu", "Chuyên viên Phòng Nội vụ", Role::Clerk, nullptr, "vanthu@KiemChung2022"},
    {"thamdinh", "Thành viên Tổ thẩm định (Phòng Tư pháp)", Role::Reviewer, nullptr,
     "thamdinh@KiemChung2022"},
    {"xaphuckhanh", "Cán bộ UBND xã Phúc Khánh", Role::Unit, "XA16", "xaphuckhanh@KiemChung2022"},
};

bool reportFailure(std::ostream& out, const std::string& what, const Error& e) {
    out << "demo: " << what << " failed: " << e.message << "\n";
    for (const auto& d : e.details) out << "  " << d.path << ": " << d.message << "\n";
    return false;
}

void printAccounts(std::ostream& out) {
    out << "\nDemo accounts (unless changed since; change them before real use):\n";
    for (const DemoAccount& a : kAccounts)
        out << "  " << roleName(a.role) << "\t" << a.username << "\t" << a.password << "\n";
}

std::string twoDigits(int n) {
    std::string s = std::to_string(n);
    return s.size() < 2 ? "0" + s : s;
}

}  // namespace

std::string demoCriteriaFor(const std::string& doc, int year, const std::string& typeName) {
    try {
        auto root = Poco::JSON::Parser().parse(doc).extract<Poco::JSON::Object::Ptr>();
        root->set("year", year);
        root->set("title", "Bộ tiêu chí xác định Chỉ số CCHC năm " + std::to_string(year) + " — " +
                               typeName);
        std::ostringstream out;
        root->stringify(out);
        return out.str();
    } catch (const Poco::Exception&) {
        return doc;
    }
}

bool loadDemoData(Kernel& k, const std::string& criteriaPath, std::ostream& out) {
    const Actor sys = Kernel::systemActor();
    if (k.directory().getPeriod(2022).ok()) {
        out << "demo: the 2022 period exists already; nothing loaded\n";
        printAccounts(out);
        return true;
    }
    // Read and check the criteria before writing anything, so that a bad file leaves no
    // half-loaded year behind (which a second run would then take for a loaded one).
    std::ifstream in(criteriaPath, std::ios::binary);
    if (!in) {
        out << "demo: cannot read criteria file " << criteriaPath << "\n";
        return false;
    }
    std::stringstream doc;
    doc << in.rdbuf();
    if (auto parsed = parseCriteriaJson(doc.str()); !parsed.ok())
        return reportFailure(out, "criteria import", parsed.error());

    Period period;
    period.year = 2022;
    period.name = "Xác định Chỉ số CCHC năm 2022";
    period.dates.selfAssessmentOpens = parseIso("2022-11-28");
    period.dates.selfAssessmentCloses = parseIso("2022-12-31T16:59:59Z");
    period.dates.step1Closes = parseIso("2023-01-04T16:59:59Z");
    period.dates.supplementCloses = parseIso("2023-01-10T16:59:59Z");
    period.dates.step2Closes = parseIso("2023-01-20T16:59:59Z");
    if (auto r = k.directory().createPeriod(sys, period); !r.ok()) return reportFailure(out, "period", r.error());

    for (const DemoUnitType& t : kDemoUnitTypes)
        if (auto r = k.directory().createUnitType(sys, UnitType{0, t.code, t.name}); !r.ok())
            return reportFailure(out, "unit type", r.error());

    auto addUnit = [&](const std::string& code, const std::string& name, const std::string& type) {
        Unit u;
        u.code = code;
        u.name = name;
        u.unitTypeCode = type;
        u.activeFromYear = 2021;
        auto r = k.directory().createUnit(sys, u);
        return r.ok() ? true : reportFailure(out, "unit " + code, r.error());
    };
    if (!addUnit("BAOYEN", "UBND huyện Bảo Yên", "huyen")) return false;
    for (int i = 0; i < 12; ++i)
        if (!addUnit("PH" + twoDigits(i + 1), kAgencies[i], "phong")) return false;
    for (int i = 0; i < 17; ++i)
        if (!addUnit("XA" + twoDigits(i + 1), kCommunes[i], "xa")) return false;

    for (const DemoUnitType& t : kDemoUnitTypes) {
        auto r = k.criteria().importSet(
            sys, CriteriaImport{2022, t.code, demoCriteriaFor(doc.str(), 2022, t.name), false});
        if (!r.ok())
            return reportFailure(out, "criteria import", r.error());
    }

    for (const DemoAccount& a : kAccounts) {
        NewUser u{a.username, a.displayName, a.role,
                  a.unitCode ? std::optional<std::string>(a.unitCode) : std::nullopt, a.password};
        if (auto r = k.accounts().createUser(sys, u); !r.ok()) return reportFailure(out, "user", r.error());
    }
    if (auto r = k.accounts().assign(sys, 2022, "thamdinh", {"1", "2"}); !r.ok())
        return reportFailure(out, "assignment", r.error());

    out << "demo: loaded period 2022, 30 units, criteria sets for huyen, phong and xa\n";
    printAccounts(out);
    return true;
}

}  // namespace kc
