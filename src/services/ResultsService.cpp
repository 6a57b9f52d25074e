#include "services/ResultsService.h"

#include <algorithm>
#include <set>

#include <Poco/JSON/Array.h>

#include "domain/UnitYears.h"
#include "services/YearGuard.h"

namespace kc {

namespace {

// The stored facts of one period that every unit type's table reads: loaded once.
struct YearFacts {
    Period period;
    std::vector<Unit> units;  // every unit (active or not), for merge lineage
    std::map<std::string, UnitScores> scores;  // active units, by code
};

Result<YearFacts> loadYear(Transaction& tx, int year) {
    auto period = tx.directory().findPeriod(year);
    if (!period)
        return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
    YearFacts f;
    f.period = *period;
    f.units = tx.directory().listUnits();
    for (const Unit& u : f.units)
        if (activeIn(u, year))
            f.scores[u.code] = UnitScores{u.code, u.nameIn(year), {}, {}};
    for (const AssessmentFlags& a : tx.assessment().flags(year, std::nullopt)) {
        auto it = f.scores.find(a.unitCode);
        if (it != f.scores.end())
            it->second.items[a.subCode] = ItemScores{a.self, a.step1, a.step2, a.requested};
    }
    for (SurveyScore& s : tx.results().surveyScores(year)) {
        auto it = f.scores.find(s.unitCode);
        if (it != f.scores.end())
            it->second.survey[s.subCode] = std::move(s.value);
    }
    return f;
}

ResultSettings effectiveSettings(std::optional<ResultSettings> stored, const CriteriaSet& set) {
    ResultSettings s = stored.value_or(ResultSettings{});
    if (s.grades.empty())
        s.grades = set.grades.empty() ? defaultGrades() : set.grades;
    return s;
}

// The table of one type without previous-year figures; nullopt when the type has no criteria
// set in the period.
std::optional<ResultTable> computeTable(Transaction& tx, CriteriaCache& cache, const YearFacts& f,
                                        const UnitType& type) {
    auto setId = tx.assessment().currentSetId(f.period.year, type.code);
    if (!setId)
        return std::nullopt;
    auto index = cache.get(tx, *setId);
    if (!index)
        return std::nullopt;
    ResultTable t;
    t.year = f.period.year;
    t.unitType = type;
    t.criteriaSetId = *setId;
    auto stored = tx.results().settings(f.period.year, type.code);
    t.settingsConfigured = stored.has_value();
    t.settings = effectiveSettings(std::move(stored), index->set);
    for (const Unit& u : f.units) {
        auto it = f.scores.find(u.code);
        if (u.unitTypeCode == type.code && it != f.scores.end())
            t.units.push_back(
                computeUnitResult(index->set.areas, it->second, t.settings.surveyMode));
    }
    UnitResult empty = computeUnitResult(index->set.areas, UnitScores{}, t.settings.surveyMode);
    t.max = empty.max;
    for (const NodeTotal& a : empty.areas) t.areas.push_back({a.code, a.name, {}, a.max, 0});
    rankAndGrade(t.units, t.settings.tieRule, t.settings.grades);
    t.summary = summarize(t.units, t.settings.grades);
    return t;
}

// True when anything was entered or imported for the unit (a unit that took no part in a
// period is not compared with).
bool hasScores(const UnitResult& u) {
    for (const SubResult& s : u.subs)
        if (s.self || s.step1 || s.step2 || s.surveyValue)
            return true;
    return false;
}

std::optional<int> previousYear(Transaction& tx, int year) {
    std::optional<int> prev;
    for (const Period& p : tx.directory().listPeriods())
        if (p.year < year && (!prev || p.year > *prev))
            prev = p.year;
    return prev;
}

// Fills t.previous: each unit compared with itself last period or, for a unit formed by a
// merger (or without scores of its own last period), with the units merged into it. Units
// without any score last period are not compared with.
void attachPrevious(Transaction& tx, CriteriaCache& cache, const YearFacts& current,
                    std::vector<ResultTable>& tables) {
    auto prevYear = previousYear(tx, current.period.year);
    if (!prevYear)
        return;
    auto prev = loadYear(tx, *prevYear);
    if (!prev.ok())
        return;
    std::vector<ResultTable> prevTables;
    for (const UnitType& type : tx.directory().listUnitTypes())
        if (auto t = computeTable(tx, cache, *prev, type))
            prevTables.push_back(std::move(*t));
    std::map<std::string, const UnitResult*> prevByCode;
    for (const ResultTable& t : prevTables)
        for (const UnitResult& u : t.units)
            if (hasScores(u))
                prevByCode[u.unitCode] = &u;
    for (ResultTable& t : tables) {
        t.previousYear = prevYear;
        for (const ResultTable& p : prevTables)
            if (p.unitType.code == t.unitType.code)
                t.previousSummary = p.summary;
        for (const UnitResult& u : t.units) {
            if (!hasScores(u))
                continue;  // nothing entered yet this year: no change to show
            std::vector<const UnitResult*> basis;
            if (auto it = prevByCode.find(u.unitCode); it != prevByCode.end()) {
                basis.push_back(it->second);
            } else {
                for (const Unit& old : current.units)
                    if (old.mergedIntoCode == u.unitCode && !activeIn(old, t.year) &&
                        prevByCode.count(old.code))
                        basis.push_back(prevByCode[old.code]);
            }
            if (auto p = combinePrevious(basis))
                t.previous[u.unitCode] = std::move(*p);
        }
    }
}

Poco::JSON::Object::Ptr settingsJson(const ResultSettings& s) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("tie_rule", std::string(tieRuleName(s.tieRule)));
    o->set("survey_mode", std::string(surveyModeName(s.surveyMode)));
    Poco::JSON::Array::Ptr grades = new Poco::JSON::Array;
    for (const GradeRule& g : s.grades) {
        Poco::JSON::Object::Ptr r = new Poco::JSON::Object;
        r->set("grade", g.grade);
        if (g.minPct) r->set("min_pct", g.minPct->toString());
        if (g.maxPctExclusive) r->set("max_pct", g.maxPctExclusive->toString());
        grades->add(r);
    }
    o->set("grades", grades);
    return o;
}

}  // namespace

Status validateGrades(const std::vector<GradeRule>& grades) {
    std::vector<ErrorDetail> problems;
    std::set<std::string> names;
    for (std::size_t i = 0; i < grades.size(); ++i) {
        const GradeRule& g = grades[i];
        std::string path = "$.grades[" + std::to_string(i) + "]";
        if (g.grade.empty() || !names.insert(g.grade).second)
            problems.push_back({path + ".grade", "Tên xếp loại trống hoặc bị trùng"});
        if (g.minPct && g.maxPctExclusive && *g.minPct >= *g.maxPctExclusive)
            problems.push_back({path, "Ngưỡng dưới phải nhỏ hơn ngưỡng trên"});
        for (const auto& bound : {g.minPct, g.maxPctExclusive})
            if (bound && (*bound < Points{} || *bound > Points::fromHundredths(10000)))
                problems.push_back({path, "Ngưỡng phải từ 0 đến 100 (%)"});
        for (std::size_t j = 0; j < i; ++j) {
            const GradeRule& o = grades[j];
            auto lo = [](const GradeRule& r) { return r.minPct.value_or(Points::fromHundredths(-1)); };
            auto hi = [](const GradeRule& r) {
                return r.maxPctExclusive.value_or(Points::fromHundredths(1000000));
            };
            if (lo(g) < hi(o) && lo(o) < hi(g))
                problems.push_back({path, "Khoảng điểm chồng lên xếp loại \"" + o.grade + "\""});
        }
    }
    if (auto gap = firstGradeGap(grades))
        problems.push_back({"$.grades", describeGradeGap(*gap)});
    if (!problems.empty())
        return Error::invalid("Ngưỡng xếp loại không hợp lệ", problems);
    return Ok{};
}

Result<ResultTable> ResultsService::table(int year, const std::string& unitTypeCode) {
    return _store.read([&](Transaction& tx) -> Result<ResultTable> {
        auto facts = loadYear(tx, year);
        if (!facts.ok())
            return facts.takeError();
        auto type = tx.directory().findUnitType(unitTypeCode);
        if (!type)
            return Error::notFound("Không có loại hình đơn vị mã " + unitTypeCode);
        auto t = computeTable(tx, *_cache, *facts, *type);
        if (!t)
            return Error::notFound("Loại hình " + type->name + " chưa có bộ tiêu chí năm " +
                                   std::to_string(year));
        std::vector<ResultTable> one{std::move(*t)};
        attachPrevious(tx, *_cache, *facts, one);
        return std::move(one.front());
    });
}

void carryOverResultRules(Transaction& tx, const AuditRecorder& audit, const std::string& actor,
                          int year) {
    std::optional<int> from = previousYear(tx, year);
    if (!from)
        return;
    const std::string id = std::to_string(year);
    for (const UnitType& type : tx.directory().listUnitTypes()) {
        auto s = tx.results().settings(*from, type.code);
        if (!s || tx.results().settings(year, type.code))
            continue;
        tx.results().putSettings(year, type.code, *s);
        Poco::JSON::Object::Ptr after = settingsJson(*s);
        after->set("copied_from", *from);
        audit.record(tx, actor, "results.settings", "result_settings", id + "/" + type.code,
                     nullptr, after);
    }
    auto factors = tx.results().sipasFactors(*from);
    if (factors.empty() || !tx.results().sipasFactors(year).empty())
        return;
    tx.results().putSipasFactors(year, factors);
    Poco::JSON::Object::Ptr after = new Poco::JSON::Object;
    Poco::JSON::Array::Ptr codes = new Poco::JSON::Array;
    for (const SipasFactor& f : factors) codes->add(f.code + " " + f.name);
    after->set("factors", codes);
    after->set("copied_from", *from);
    audit.record(tx, actor, "sipas.factors", "period", id, nullptr, after);
}

Result<std::vector<ResultTable>> resultTables(Transaction& tx, CriteriaCache& cache, int year) {
    auto facts = loadYear(tx, year);
    if (!facts.ok())
        return facts.takeError();
    std::vector<ResultTable> out;
    for (const UnitType& type : tx.directory().listUnitTypes())
        if (auto t = computeTable(tx, cache, *facts, type))
            out.push_back(std::move(*t));
    attachPrevious(tx, cache, *facts, out);
    return out;
}

Result<std::vector<ResultTable>> ResultsService::tables(int year) {
    return _store.read(
        [&](Transaction& tx) { return resultTables(tx, *_cache, year); });
}

Result<std::pair<ResultTable, UnitResult>> ResultsService::unitResult(const Actor& actor, int year,
                                                                      const std::string& code) {
    if (actor.role == Role::Unit && actor.unitCode != code)
        return Error::forbidden("Đơn vị chỉ xem được kết quả của chính mình");
    auto found = _store.read([&](Transaction& tx) -> Result<Unit> {
        auto u = tx.directory().findUnit(code);
        if (!u || !activeIn(*u, year))
            return Error::notFound("Không có đơn vị mã " + code + " trong năm " +
                                   std::to_string(year));
        return *u;
    });
    if (!found.ok())
        return found.takeError();
    auto t = table(year, found->unitTypeCode);
    if (!t.ok())
        return t.takeError();
    for (const UnitResult& u : t->units)
        if (u.unitCode == code) {
            UnitResult copy = u;
            return std::make_pair(std::move(t.value()), std::move(copy));
        }
    return Error::notFound("Không có kết quả của đơn vị " + code);
}

Result<std::pair<ResultSettings, bool>> ResultsService::settings(int year,
                                                                 const std::string& typeCode) {
    return _store.read([&](Transaction& tx) -> Result<std::pair<ResultSettings, bool>> {
        if (!tx.directory().findPeriod(year))
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        auto type = tx.directory().findUnitType(typeCode);
        if (!type)
            return Error::notFound("Không có loại hình đơn vị mã " + typeCode);
        auto setId = tx.assessment().currentSetId(year, typeCode);
        auto index = setId ? _cache->get(tx, *setId) : nullptr;
        if (!index)
            return Error::notFound("Loại hình " + type->name + " chưa có bộ tiêu chí năm " +
                                   std::to_string(year));
        auto stored = tx.results().settings(year, typeCode);
        const bool configured = stored.has_value();
        return std::make_pair(effectiveSettings(std::move(stored), index->set), configured);
    });
}

Result<ResultSettings> ResultsService::putSettings(const Actor& actor, int year,
                                                   const std::string& typeCode,
                                                   ResultSettings s) {
    KC_TRY(validateGrades(s.grades));
    return _store.write([&](Transaction& tx) -> Result<ResultSettings> {
        KC_TRY(requireOpenPeriod(tx, year));
        if (!tx.directory().findUnitType(typeCode))
            return Error::notFound("Không có loại hình đơn vị mã " + typeCode);
        auto before = tx.results().settings(year, typeCode);
        tx.results().putSettings(year, typeCode, s);
        _audit.record(tx, actor.username, "results.settings", "result_settings",
                      std::to_string(year) + "/" + typeCode,
                      before ? settingsJson(*before) : nullptr, settingsJson(s));
        return s;
    });
}

}  // namespace kc
