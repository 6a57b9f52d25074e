#include "services/DirectoryService.h"

#include "core/Text.h"
#include "domain/Workflow.h"
#include "services/JsonViews.h"
#include "services/ResultsService.h"
#include "services/YearGuard.h"

namespace kc {

bool isValidCode(const std::string& code) {
    if (code.empty() || code.size() > 32) return false;
    for (char c : code) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::vector<ErrorDetail> validatePhaseDates(const PhaseDates& d) {
    std::vector<ErrorDetail> problems;
    const std::pair<const char*, const std::optional<TimePoint>*> order[] = {
        {"$.self_assessment_opens", &d.selfAssessmentOpens},
        {"$.self_assessment_closes", &d.selfAssessmentCloses},
        {"$.step1_closes", &d.step1Closes},
        {"$.supplement_closes", &d.supplementCloses},
        {"$.step2_closes", &d.step2Closes},
    };
    const char* prevName = nullptr;
    std::optional<TimePoint> prev;
    for (const auto& [name, value] : order) {
        if (!value->has_value()) continue;
        if (prev && **value <= *prev)
            problems.push_back({name, std::string("Mốc thời gian phải sau ") + (prevName + 2)});
        prev = **value;
        prevName = name;
    }
    return problems;
}

namespace {

std::string clean(const std::string& s) { return text::toNfc(text::trim(s)); }

// Names of periods, unit types and units: what is wrong with one, or "" (a Vietnamese official
// name is well under the limit: "Văn phòng HĐND và UBND huyện Bảo Yên").
constexpr std::size_t kMaxNameChars = 255;
std::string nameProblem(const std::string& name) {
    if (name.empty())
        return "Không được để trống";
    return text::lengthProblem(name, kMaxNameChars);
}

std::optional<Error> badName(const std::string& name) {
    if (std::string why = nameProblem(name); !why.empty())
        return Error::invalid("Thiếu hoặc sai trường name", {{"$.name", why}});
    return std::nullopt;
}

// Every check that failed, as one error: a lone failed check keeps its own message, several
// get `several` as theirs; the details are all of theirs, in order. nullopt when none failed.
std::optional<Error> allProblems(std::vector<std::optional<Error>> checks,
                                 const std::string& several) {
    std::optional<Error> out;
    for (std::optional<Error>& e : checks) {
        if (!e)
            continue;
        if (!out) {
            out = std::move(e);
            continue;
        }
        out->message = several;
        for (ErrorDetail& d : e->details) out->details.push_back(std::move(d));
    }
    return out;
}

std::optional<Error> badDates(const PhaseDates& dates) {
    if (auto problems = validatePhaseDates(dates); !problems.empty())
        return Error::invalid("Các mốc thời gian không theo đúng thứ tự", std::move(problems));
    return std::nullopt;
}

const char* kBadPeriod = "Thông tin kỳ đánh giá không hợp lệ";

// Why unit code may not be marked merged into target, or nullopt.
std::optional<Error> mergeProblem(DirectoryRepository& units, const std::string& code,
                                  const std::string& target) {
    if (target == code)
        return Error::invalid("Đơn vị không thể sáp nhập vào chính nó",
                              {{"$.merged_into", "Trùng mã đơn vị"}});
    auto next = units.findUnit(target);
    if (!next)
        return Error::invalid("Đơn vị sáp nhập vào không tồn tại",
                              {{"$.merged_into", "Không có đơn vị mã " + target}});
    // A lineage never loops: the target must not itself (eventually) merge into code.
    for (int hops = 0; next && next->mergedIntoCode && hops < 10000; ++hops) {
        if (*next->mergedIntoCode == code)
            return Error::invalid(
                "Sáp nhập tạo thành vòng lặp",
                {{"$.merged_into", "Đơn vị " + target + " đã sáp nhập (gián tiếp) vào " + code}});
        next = units.findUnit(*next->mergedIntoCode);
    }
    return std::nullopt;
}

// What is wrong with a unit's active years, at their JSON paths.
std::vector<ErrorDetail> yearProblems(const Unit& unit) {
    std::vector<ErrorDetail> problems;
    if (unit.activeFromYear < 2000 || unit.activeFromYear > 2100)
        problems.push_back({"$.active_from_year", "Năm phải từ 2000 đến 2100"});
    if (unit.activeToYear && *unit.activeToYear < unit.activeFromYear)
        problems.push_back({"$.active_to_year", "Năm kết thúc trước năm bắt đầu"});
    else if (unit.activeToYear && *unit.activeToYear > 2100)
        problems.push_back({"$.active_to_year", "Năm phải từ 2000 đến 2100"});
    return problems;
}

// Applies the year fields of patch to u; the problems with the result, if any.
std::vector<ErrorDetail> applyYears(Unit& u, const UnitPatch& patch) {
    if (patch.clearActiveToYear && patch.activeToYear)
        return {{"$.active_to_year", "Vừa xóa vừa đặt năm kết thúc"}};
    if (patch.activeFromYear)
        u.activeFromYear = *patch.activeFromYear;
    if (patch.activeToYear)
        u.activeToYear = patch.activeToYear;
    if (patch.clearActiveToYear)
        u.activeToYear.reset();
    return yearProblems(u);
}

// Renames u from a year on (UnitPatch): sets u.name and u.names, or says why not.
std::optional<Error> rename(Transaction& tx, Unit& u, const UnitPatch& patch) {
    if (!patch.name) {
        if (patch.nameFromYear)
            return Error::invalid("Thiếu tên mới của đơn vị",
                                  {{"$.name", "Cần có tên mới khi ghi name_from_year"}});
        return std::nullopt;
    }
    std::string name = clean(*patch.name);
    if (auto e = badName(name))
        return e;
    const std::vector<Period> periods = tx.directory().listPeriods();
    int from = periods.empty() ? u.activeFromYear : periods.back().year;
    if (patch.nameFromYear)
        from = *patch.nameFromYear;
    if (from < 2000 || from > 2100)
        return Error::invalid("Năm không hợp lệ",
                              {{"$.name_from_year", "Năm phải từ 2000 đến 2100"}});
    for (const Period& p : periods)
        if (p.finalised && p.year >= from)
            return Error::conflict(
                "Kỳ đánh giá năm " + std::to_string(p.year) +
                " đã chốt; tên đơn vị của năm đó không đổi được. Ghi name_from_year là năm sau "
                "kỳ đã chốt");
    std::vector<UnitName> names;
    for (const UnitName& n : u.names)
        if (n.fromYear < from)
            names.push_back(n);
    if (names.empty() || names.back().name != name)
        names.push_back(UnitName{from, name});
    u.names = std::move(names);
    u.name = u.names.back().name;
    return std::nullopt;
}

}  // namespace

Result<std::vector<Period>> DirectoryService::listPeriods() {
    return _store.read([](Transaction& tx) -> Result<std::vector<Period>> {
        return tx.directory().listPeriods();
    });
}

Result<Period> DirectoryService::getPeriod(int year) {
    return _store.read([&](Transaction& tx) -> Result<Period> {
        auto p = tx.directory().findPeriod(year);
        if (!p) return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        return *p;
    });
}

Result<Period> DirectoryService::createPeriod(const Actor& actor, Period period) {
    period.name = clean(period.name);
    std::optional<Error> badYear;
    if (period.year < 2000 || period.year > 2100)
        badYear = Error::invalid("Năm không hợp lệ", {{"$.year", "Năm phải từ 2000 đến 2100"}});
    if (auto e = allProblems({badYear, badName(period.name), badDates(period.dates)}, kBadPeriod))
        return *e;
    return _store.write([&](Transaction& tx) -> Result<Period> {
        if (tx.directory().findPeriod(period.year))
            return Error::duplicate("Kỳ đánh giá năm " + std::to_string(period.year) + " đã có");
        period.id = tx.directory().insertPeriod(period);
        _audit.record(tx, actor.username, "period.create", "period", std::to_string(period.year),
                      nullptr, json::of(period));
        carryOverResultRules(tx, _audit, actor.username, period.year);
        return period;
    });
}

Result<Period> DirectoryService::updatePeriod(const Actor& actor, int year, const PeriodPatch& patch) {
    return _store.write([&](Transaction& tx) -> Result<Period> {
        auto found = tx.directory().findPeriod(year);
        if (!found) return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        Period p = *found;
        if (p.finalised && patch.finalised != std::optional<bool>(false))
            return Error::conflict("Kỳ đánh giá năm " + std::to_string(year) +
                                   " đã chốt; không thể sửa");
        if (patch.name)
            p.name = clean(*patch.name);
        const PhaseDates& d = patch.dates;
        if (d.selfAssessmentOpens) p.dates.selfAssessmentOpens = d.selfAssessmentOpens;
        if (d.selfAssessmentCloses) p.dates.selfAssessmentCloses = d.selfAssessmentCloses;
        if (d.step1Closes) p.dates.step1Closes = d.step1Closes;
        if (d.supplementCloses) p.dates.supplementCloses = d.supplementCloses;
        if (d.step2Closes) p.dates.step2Closes = d.step2Closes;
        if (patch.finalised) p.finalised = *patch.finalised;
        if (auto e = allProblems({badName(p.name), badDates(p.dates)}, kBadPeriod))
            return *e;
        if (p.dates != found->dates) {
            auto past = extensionsPastTheirLimit(p, tx.assessment().extensions(year, std::nullopt));
            if (!past.empty())
                return Error::invalid(
                    "Mốc mới sớm hơn hạn đã gia hạn cho đơn vị; gia hạn lại (sớm hơn) trước, "
                    "hoặc chọn mốc muộn hơn",
                    past);
        }
        tx.directory().updatePeriod(p);
        _audit.record(tx, actor.username, "period.update", "period", std::to_string(year),
                      json::of(*found), json::of(p));
        return p;
    });
}

Result<std::vector<UnitType>> DirectoryService::listUnitTypes() {
    return _store.read([](Transaction& tx) -> Result<std::vector<UnitType>> {
        return tx.directory().listUnitTypes();
    });
}

Result<UnitType> DirectoryService::createUnitType(const Actor& actor, UnitType type) {
    type.name = clean(type.name);
    std::optional<Error> badCode;
    if (!isValidCode(type.code))
        badCode = Error::invalid("Mã loại đơn vị không hợp lệ",
                                 {{"$.code", "Chỉ gồm 1-32 ký tự chữ, số, '.', '_' hoặc '-'"}});
    if (auto e = allProblems({badCode, badName(type.name)}, "Thông tin loại đơn vị không hợp lệ"))
        return *e;
    return _store.write([&](Transaction& tx) -> Result<UnitType> {
        if (tx.directory().findUnitType(type.code))
            return Error::duplicate("Mã loại đơn vị " + type.code + " đã có");
        type.id = tx.directory().insertUnitType(type);
        _audit.record(tx, actor.username, "unit_type.create", "unit_type", type.code, nullptr,
                      json::of(type));
        return type;
    });
}

Result<std::vector<Unit>> DirectoryService::listUnits(const Actor& actor) {
    return _store.read([&](Transaction& tx) -> Result<std::vector<Unit>> {
        if (actor.role != Role::Unit) return tx.directory().listUnits();
        std::vector<Unit> own;
        if (actor.unitCode)
            if (auto u = tx.directory().findUnit(*actor.unitCode)) own.push_back(*u);
        return own;
    });
}

Result<Unit> DirectoryService::getUnit(const Actor& actor, const std::string& code) {
    if (actor.role == Role::Unit && actor.unitCode != code)
        return Error::forbidden("Đơn vị chỉ được xem dữ liệu của chính mình");
    return _store.read([&](Transaction& tx) -> Result<Unit> {
        auto u = tx.directory().findUnit(code);
        if (!u) return Error::notFound("Không có đơn vị mã " + code);
        return *u;
    });
}

Result<Unit> DirectoryService::createUnit(const Actor& actor, Unit unit) {
    unit.name = clean(unit.name);
    std::vector<ErrorDetail> problems;
    if (!isValidCode(unit.code))
        problems.push_back({"$.code", "Chỉ gồm 1-32 ký tự chữ, số, '.', '_' hoặc '-'"});
    if (std::string why = nameProblem(unit.name); !why.empty()) problems.push_back({"$.name", why});
    for (ErrorDetail& d : yearProblems(unit)) problems.push_back(std::move(d));
    if (!problems.empty()) return Error::invalid("Thông tin đơn vị không hợp lệ", problems);
    return _store.write([&](Transaction& tx) -> Result<Unit> {
        if (tx.directory().findUnit(unit.code))
            return Error::duplicate("Mã đơn vị " + unit.code + " đã có");
        if (!tx.directory().findUnitType(unit.unitTypeCode))
            return Error::invalid("Loại đơn vị không tồn tại",
                                  {{"$.unit_type", "Không có loại đơn vị mã " + unit.unitTypeCode}});
        if (unit.mergedIntoCode && !tx.directory().findUnit(*unit.mergedIntoCode))
            return Error::invalid("Đơn vị sáp nhập vào không tồn tại",
                                  {{"$.merged_into", "Không có đơn vị mã " + *unit.mergedIntoCode}});
        KC_TRY(requireFinalisedYearsUnchanged(tx, std::nullopt, unit));
        unit.id = tx.directory().insertUnit(unit);
        _audit.record(tx, actor.username, "unit.create", "unit", unit.code, nullptr, json::of(unit));
        return unit;
    });
}

Result<Unit> DirectoryService::updateUnit(const Actor& actor, const std::string& code,
                                          const UnitPatch& patch) {
    return _store.write([&](Transaction& tx) -> Result<Unit> {
        auto found = tx.directory().findUnit(code);
        if (!found) return Error::notFound("Không có đơn vị mã " + code);
        Unit u = *found;
        std::optional<Error> badRename = rename(tx, u, patch);
        if (badRename && badRename->code != ErrorCode::InvalidInput)
            return *badRename;  // a finalised year: nothing else to say
        std::optional<Error> badYears;
        if (auto problems = applyYears(u, patch); !problems.empty())
            badYears = Error::invalid("Năm hoạt động không hợp lệ: " + problems.front().message,
                                      problems);
        if (patch.clearMergedInto && patch.mergedIntoCode)
            return Error::invalid("Vừa xóa vừa đặt đơn vị sáp nhập vào",
                                  {{"$.merged_into", "Vừa xóa vừa đặt"}});
        if (patch.clearMergedInto)
            u.mergedIntoCode.reset();
        std::optional<Error> badMerge;
        if (patch.mergedIntoCode) {
            badMerge = mergeProblem(tx.directory(), code, *patch.mergedIntoCode);
            u.mergedIntoCode = patch.mergedIntoCode;
        }
        if (auto e = allProblems({badRename, badYears, badMerge}, "Thông tin đơn vị không hợp lệ"))
            return *e;
        KC_TRY(requireFinalisedYearsUnchanged(tx, *found, u));
        tx.directory().updateUnit(u);
        if (u.names != found->names)
            tx.directory().setUnitNames(u.id, u.names);
        _audit.record(tx, actor.username, "unit.update", "unit", code, json::of(*found), json::of(u));
        return u;
    });
}

}  // namespace kc
