#include "services/AccountService.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <set>

#include "core/Text.h"
#include "services/DirectoryService.h"
#include "services/JsonViews.h"
#include "services/YearGuard.h"

namespace kc {

namespace {

constexpr std::size_t kMinPasswordLength = 8;

// Counted in characters of the NFC form, which is what gets hashed and what login compares:
// "ắắắ" is 9 bytes but 3 characters, and "a" + U+0301 typed on one keyboard is the one "á" of
// another.
bool tooShort(const std::string& password) {
    return text::characterCount(text::toNfc(password)) < kMinPasswordLength;
}

// Area codes of every criteria set of the year (areas are the top-level nodes of the tree).
std::set<std::string> areaCodesOf(Transaction& tx, int year) {
    std::set<std::string> codes;
    for (const CriteriaSetInfo& info : tx.criteria().list(year)) {
        auto stored = tx.criteria().find(info.id);
        if (!stored) continue;
        auto tree = Poco::JSON::Parser().parse(stored->treeJson).extract<Poco::JSON::Object::Ptr>();
        auto areas = tree->getArray("areas");
        for (std::size_t i = 0; areas && i < areas->size(); ++i)
            codes.insert(areas->getObject(i)->getValue<std::string>("code"));
    }
    return codes;
}

}  // namespace

Result<std::vector<User>> AccountService::listUsers() {
    return _store.read([](Transaction& tx) -> Result<std::vector<User>> { return tx.users().list(); });
}

Result<User> AccountService::createUser(const Actor& actor, NewUser nu) {
    nu.displayName = text::toNfc(text::trim(nu.displayName));
    std::vector<ErrorDetail> problems;
    if (!isValidCode(nu.username))
        problems.push_back({"$.username", "Chỉ gồm 1-32 ký tự chữ, số, '.', '_' hoặc '-'"});
    // The audit log's actors for the command line and for failed logins.
    else if (text::caseFolded(nu.username) == "system" ||
             text::caseFolded(nu.username) == "anonymous")
        problems.push_back(
            {"$.username", "Tên " + nu.username + " dành cho hệ thống, hãy chọn tên khác"});
    if (nu.displayName.empty()) problems.push_back({"$.display_name", "Không được để trống"});
    if (tooShort(nu.password))
        problems.push_back({"$.password", "Mật khẩu phải có ít nhất 8 ký tự"});
    if (nu.role == Role::Unit && !nu.unitCode)
        problems.push_back({"$.unit_code", "Tài khoản đơn vị phải gắn với một đơn vị"});
    if (nu.role != Role::Unit && nu.unitCode)
        problems.push_back({"$.unit_code", "Chỉ tài khoản đơn vị mới gắn với đơn vị"});
    if (!problems.empty()) return Error::invalid("Thông tin tài khoản không hợp lệ", problems);
    std::string hash = _hasher.hash(text::toNfc(nu.password));  // slow on purpose: outside the transaction
    return _store.write([&](Transaction& tx) -> Result<User> {
        if (tx.users().findByUsername(nu.username))
            return Error::duplicate("Tên đăng nhập " + nu.username + " đã có");
        if (nu.unitCode && !tx.directory().findUnit(*nu.unitCode))
            return Error::invalid("Đơn vị không tồn tại",
                                  {{"$.unit_code", "Không có đơn vị mã " + *nu.unitCode}});
        User u;
        u.username = nu.username;
        u.displayName = nu.displayName;
        u.role = nu.role;
        u.unitCode = nu.unitCode;
        u.id = tx.users().insert(u, hash);
        _audit.record(tx, actor.username, "user.create", "user", u.username, nullptr, json::of(u));
        return u;
    });
}

Result<User> AccountService::updateUser(const Actor& actor, const std::string& username,
                                        const UserPatch& patch) {
    if (patch.password && tooShort(*patch.password))
        return Error::invalid("Mật khẩu quá ngắn", {{"$.password", "Mật khẩu phải có ít nhất 8 ký tự"}});
    if (patch.displayName && text::trim(*patch.displayName).empty())
        return Error::invalid("Tên hiển thị trống", {{"$.display_name", "Không được để trống"}});
    std::optional<std::string> hash;
    if (patch.password) hash = _hasher.hash(text::toNfc(*patch.password));
    return _store.write([&](Transaction& tx) -> Result<User> {
        auto found = tx.users().findByUsername(username);
        if (!found) return Error::notFound("Không có tài khoản " + username);
        User u = *found;
        if (patch.active == std::optional<bool>(false) && u.role == Role::Admin && u.active) {
            auto all = tx.users().list();
            auto admins = std::count_if(all.begin(), all.end(), [](const User& x) {
                return x.role == Role::Admin && x.active;
            });
            if (admins <= 1)
                return Error::conflict("Không thể khóa tài khoản quản trị cuối cùng");
        }
        if (patch.displayName) u.displayName = text::toNfc(text::trim(*patch.displayName));
        if (patch.active) u.active = *patch.active;
        if (hash) {
            tx.users().setPasswordHash(u.id, *hash);
            u.failedLogins = 0;
            u.lockedUntil.reset();
        }
        tx.users().update(u);
        if (hash || !u.active) tx.sessions().removeForUser(u.id);
        auto after = json::of(u);
        if (hash) after->set("password_reset", true);
        _audit.record(tx, actor.username, "user.update", "user", username, json::of(*found), after);
        return u;
    });
}

Result<std::vector<Assignment>> AccountService::listAssignments(const Actor& actor, int year) {
    return _store.read([&](Transaction& tx) -> Result<std::vector<Assignment>> {
        if (!tx.directory().findPeriod(year))
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        auto all = tx.directory().listAssignments(year);
        if (actor.role == Role::Reviewer)
            std::erase_if(all, [&](const Assignment& a) { return a.username != actor.username; });
        return all;
    });
}

Result<std::vector<Assignment>> AccountService::assign(const Actor& actor, int year,
                                                       const std::string& username,
                                                       const std::vector<std::string>& areaCodes) {
    if (areaCodes.empty())
        return Error::invalid("Chưa chọn lĩnh vực", {{"$.area_codes", "Cần ít nhất một mã lĩnh vực"}});
    return _store.write([&](Transaction& tx) -> Result<std::vector<Assignment>> {
        KC_TRY(requireOpenPeriod(tx, year));
        auto user = tx.users().findByUsername(username);
        if (!user)
            return Error::invalid("Tài khoản không tồn tại",
                                  {{"$.username", "Không có " + username}});
        if (!user->active)
            return Error::invalid("Tài khoản " + username + " đã bị khóa; không thể phân công",
                                  {{"$.username", username + " đã bị khóa"}});
        if (user->role != Role::Reviewer)
            return Error::invalid("Chỉ phân công lĩnh vực cho thành viên tổ thẩm định",
                                  {{"$.username", username + " không phải tài khoản thẩm định"}});
        auto known = areaCodesOf(tx, year);
        std::vector<ErrorDetail> problems;
        for (std::size_t i = 0; i < areaCodes.size(); ++i)
            if (!known.count(areaCodes[i]))
                problems.push_back({"$.area_codes[" + std::to_string(i) + "]",
                                    "Không có lĩnh vực mã " + areaCodes[i] + " trong bộ tiêu chí năm " +
                                        std::to_string(year)});
        if (!problems.empty())
            return Error::invalid("Mã lĩnh vực không hợp lệ", problems);
        auto existing = tx.directory().listAssignments(year);
        for (const std::string& code : areaCodes) {
            Assignment a{year, username, code};
            bool present = std::any_of(existing.begin(), existing.end(), [&](const Assignment& e) {
                return e.username == username && e.areaCode == code;
            });
            if (present)
                continue;
            tx.directory().insertAssignment(a);
            existing.push_back(a);
            _audit.record(tx, actor.username, "assignment.create", "assignment",
                          std::to_string(year) + "/" + username + "/" + code, nullptr, json::of(a));
        }
        std::erase_if(existing, [&](const Assignment& a) { return a.username != username; });
        return existing;
    });
}

Status AccountService::unassign(const Actor& actor, const Assignment& a) {
    return _store.write([&](Transaction& tx) -> Status {
        KC_TRY(requireOpenPeriod(tx, a.year));
        auto all = tx.directory().listAssignments(a.year);
        bool present = std::any_of(all.begin(), all.end(), [&](const Assignment& e) {
            return e.username == a.username && e.areaCode == a.areaCode;
        });
        if (!present)
            return Error::notFound("Không có phân công này");
        tx.directory().removeAssignment(a);
        _audit.record(tx, actor.username, "assignment.delete", "assignment",
                      std::to_string(a.year) + "/" + a.username + "/" + a.areaCode, json::of(a), nullptr);
        return Ok{};
    });
}

}  // namespace kc
