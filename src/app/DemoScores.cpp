#include "app/DemoScores.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/DemoData.h"
#include "services/AuditRecorder.h"

namespace kc {

namespace {

bool reportFailure(std::ostream& out, const std::string& what, const Error& e) {
    out << "demo: " << what << " failed: " << e.message << "\n";
    for (const auto& d : e.details) out << "  " << d.path << ": " << d.message << "\n";
    return false;
}

bool isSurvey(const CriteriaNode& n) {
    return n.assessedBy == AssessedBy::Survey || n.scoring.type == ScoringType::Survey;
}

// A small deterministic generator (no global state), seeded by the unit and year.
struct Lcg {
    std::uint64_t state;
    std::uint32_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    }
};

std::uint64_t seedOf(const std::string& code, int year) {
    std::uint64_t h = 1469598103934665603ULL ^ static_cast<std::uint64_t>(year);
    for (char c : code) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
}

// The appraised points a demo unit aims at (out of the 70 appraisal points): the same unit
// does about 2.5 points better in 2022 than in 2021.
Points targetOf(const Unit& u, int year) {
    if (u.unitTypeCode == "huyen")
        return Points::fromHundredths(year == 2022 ? 6600 : 6300);
    Lcg rng{seedOf(u.code, 0)};
    std::int64_t base = 4200 + static_cast<std::int64_t>(rng.next() % 2600);  // 42.00 - 67.99
    return Points::fromHundredths(base - (year == 2021 ? 250 : 0));
}

// The next lower allowed value of an item (levels: the next level; others: a quarter of the
// maximum less), never below 0.
Points lower(const CriteriaNode& n, Points current) {
    if (n.scoring.type == ScoringType::Levels) {
        Points best;
        for (const ScoreLevel& l : n.scoring.levels)
            if (l.points < current && l.points > best) best = l.points;
        return best;
    }
    Points step = Points::fromHundredths(std::max<std::int64_t>(25, n.maxPoints.hundredths() / 4));
    return current > step ? current - step : Points{};
}

// Step-1 scores for every appraisal item, lowered item by item in a shuffled order until the
// total reaches the target; self-scores 2-4 points above in all (units score themselves high).
std::vector<AssessmentItem> itemsFor(const CriteriaIndex& index, const Unit& u, int year,
                                     TimePoint at) {
    Lcg rng{seedOf(u.code, year)};
    Points target = targetOf(u, year);
    std::vector<std::size_t> order;
    Points total;
    for (std::size_t i = 0; i < index.subs.size(); ++i)
        if (!isSurvey(index.subs[i])) {
            order.push_back(i);
            total += index.subs[i].maxPoints;
        }
    std::vector<Points> step1(index.subs.size());
    for (std::size_t i : order) step1[i] = index.subs[i].maxPoints;
    for (std::size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng.next() % k]);
    for (int pass = 0; pass < 8 && total > target; ++pass)
        for (std::size_t i : order) {
            if (total <= target) break;
            Points next = lower(index.subs[i], step1[i]);
            total -= step1[i] - next;
            step1[i] = next;
        }
    Points inflate = Points::fromHundredths(200 + static_cast<std::int64_t>(rng.next() % 200));
    std::vector<AssessmentItem> out;
    for (std::size_t i : order) {
        const CriteriaNode& n = index.subs[i];
        Points self = step1[i];
        if (inflate > Points{} && step1[i] < n.maxPoints) {
            inflate -= n.maxPoints - step1[i];
            self = n.maxPoints;
        }
        AssessmentItem a = AssessmentItem::blank(year, u.code, n.code);
        a.self = RoundScore{self, {}, {}, "", {}, "Đã thực hiện, có tài liệu kèm theo", u.code, at};
        a.step1 = RoundScore{step1[i], {}, {}, "", {}, step1[i] < n.maxPoints ? "Chưa đạt đầy đủ yêu cầu" : "",
                             "thamdinh", at};
        out.push_back(std::move(a));
    }
    return out;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Survey points of the district adding up to total, as a CSV import.
std::string surveyCsv(const CriteriaIndex& index, Points total) {
    Points shortfall = Points::fromHundredths(3000) - total;
    std::string csv = "unit_code,sub_code,points\n";
    for (auto it = index.subs.rbegin(); it != index.subs.rend(); ++it) {
        if (!isSurvey(*it)) continue;
        Points cut = std::min(shortfall, it->maxPoints);
        shortfall -= cut;
        csv += "BAOYEN," + it->code + "," + (it->maxPoints - cut).toString() + "\n";
    }
    return csv;
}

}  // namespace

bool loadDemoScores(Kernel& k, const std::string& criteriaPath, std::ostream& out) {
    const Actor sys = Kernel::systemActor();
    bool scored = k.store()
                      .read([&](Transaction& tx) -> Result<bool> {
                          return !tx.assessment().flags(2022, std::nullopt).empty();
                      })
                      .value();
    if (scored) {
        out << "demo: 2022 has scores already; no demo scores added\n";
        return true;
    }
    if (!k.directory().getPeriod(2021).ok()) {
        Period p;
        p.year = 2021;
        p.name = "Xác định Chỉ số CCHC năm 2021";
        p.dates.selfAssessmentOpens = parseIso("2021-11-25");
        p.dates.selfAssessmentCloses = parseIso("2021-12-31T16:59:59Z");
        p.dates.step1Closes = parseIso("2022-01-05T16:59:59Z");
        p.dates.supplementCloses = parseIso("2022-01-11T16:59:59Z");
        p.dates.step2Closes = parseIso("2022-01-20T16:59:59Z");
        if (auto r = k.directory().createPeriod(sys, p); !r.ok()) return reportFailure(out, "period 2021", r.error());
        const std::string doc = readFile(criteriaPath);
        for (const DemoUnitType& t : kDemoUnitTypes)
            if (auto r = k.criteria().importSet(
                    sys, CriteriaImport{2021, t.code, demoCriteriaFor(doc, 2021, t.name), false});
                !r.ok())
                return reportFailure(out, "criteria 2021", r.error());
    }
    ResultSettings rescale;
    rescale.surveyMode = SurveyMode::Rescale;
    for (int year : {2021, 2022})
        for (const char* type : {"phong", "xa"})
            if (auto r = k.results().putSettings(sys, year, type, rescale); !r.ok())
                return reportFailure(out, "result settings", r.error());

    AuditRecorder audit(k.clock());
    CriteriaCache cache;
    for (int year : {2021, 2022}) {
        Status s = k.store().write([&](Transaction& tx) -> Status {
            for (const Unit& u : tx.directory().listUnits()) {
                if (year == 2022 && u.code == "XA16") continue;
                auto setId = tx.assessment().currentSetId(year, u.unitTypeCode);
                auto index = setId ? cache.get(tx, *setId) : nullptr;
                if (!index) return Error::notFound("no criteria set for " + u.unitTypeCode);
                std::size_t n = 0;
                for (const AssessmentItem& a : itemsFor(*index, u, year, k.clock().now())) {
                    if (!tx.assessment().save(a, 0)) return Error::conflict("item exists: " + a.subCode);
                    ++n;
                }
                Poco::JSON::Object::Ptr after = new Poco::JSON::Object;
                after->set("items", static_cast<int>(n));
                after->set("rounds", "self, step1");
                audit.record(tx, sys.username, "assessment.demo", "unit",
                             std::to_string(year) + "/" + u.code, nullptr, after);
            }
            return Ok{};
        });
        if (!s.ok()) return reportFailure(out, "scores " + std::to_string(year), s.error());
        auto index = k.store().read([&](Transaction& tx) -> Result<std::shared_ptr<const CriteriaIndex>> {
            return cache.get(tx, *tx.assessment().currentSetId(year, "huyen"));
        });
        Points survey = Points::fromHundredths(year == 2022 ? 2829 : 2753);
        if (auto r = k.survey().importSurveyCsv(sys, year, surveyCsv(*index.value(), survey), false); !r.ok())
            return reportFailure(out, "survey " + std::to_string(year), r.error());
    }

    std::vector<SipasFactor> factors = {
        {"TC", "Tiếp cận dịch vụ hành chính công", {"C1", "C2"}},
        {"TT", "Thủ tục hành chính", {"C3", "C4"}},
        {"CC", "Sự phục vụ của công chức", {"C5", "C6"}},
        {"KQ", "Kết quả giải quyết thủ tục hành chính", {"C7"}}};
    if (auto r = k.survey().putFactors(sys, 2022, factors); !r.ok()) return reportFailure(out, "SIPAS factors", r.error());
    std::string csv = "unit_code,factor,valid,satisfied\n";
    Lcg rng{seedOf("SIPAS", 2022)};
    for (int i = 1; i <= 17; ++i)
        for (const SipasFactor& f : factors) {
            int valid = 30 + static_cast<int>(rng.next() % 20);
            int satisfied = valid - static_cast<int>(rng.next() % 8);
            csv += "XA" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "," + f.code + "," +
                   std::to_string(valid) + "," + std::to_string(satisfied) + "\n";
        }
    if (auto r = k.survey().importAggregates(sys, 2022, csv, false); !r.ok())
        return reportFailure(out, "SIPAS", r.error());
    out << "demo: scores for 2021 and 2022 (all units but XA16), district survey points, SIPAS\n";
    return true;
}

}  // namespace kc
