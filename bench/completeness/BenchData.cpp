#include "BenchData.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/Sha256.h"
#include "services/CriteriaJson.h"

namespace kc::bench {

namespace {

std::string unitCode(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U%04d", i + 1);
    return buf;
}

std::string readCriteria() {
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

template <typename R>
void check(const R& s, const char* what) {
    if (!s.ok())
        throw std::runtime_error(std::string(what) + ": " + s.error().message);
}

}  // namespace

void generate(Kernel& k, const BenchShape& shape) {
    const Actor sys = Kernel::systemActor();
    Period period;
    period.year = 2022;
    period.name = "Bench 2022";
    period.dates.selfAssessmentOpens = parseIso("2022-11-28");
    period.dates.selfAssessmentCloses = parseIso("2022-12-31T16:59:59Z");
    period.dates.step1Closes = parseIso("2023-01-04T16:59:59Z");
    period.dates.supplementCloses = parseIso("2023-01-10T16:59:59Z");
    period.dates.step2Closes = parseIso("2023-01-20T16:59:59Z");
    check(k.store().write([&](Transaction& tx) -> Status {
        tx.directory().insertPeriod(period);
        tx.directory().insertUnitType(UnitType{0, "xa", "UBND cấp xã"});
        for (int i = 0; i < shape.units; ++i) {
            Unit u;
            u.code = unitCode(i);
            u.name = "Đơn vị " + u.code;
            u.unitTypeCode = "xa";
            u.activeFromYear = 2020;
            tx.directory().insertUnit(u);
        }
        return Ok{};
    }),
          "directory");
    std::string doc = readCriteria();
    auto set = k.criteria().importSet(sys, CriteriaImport{2022, "xa", doc, false});
    if (!set.ok())
        throw std::runtime_error("criteria: " + set.error().message);
    check(k.accounts().createUser(
              sys, NewUser{"vanthu", "Văn thư", Role::Clerk, std::nullopt, "vanthu@KiemChung2022"}),
          "clerk");
    check(k.accounts().createUser(sys, NewUser{"thamdinh", "Thẩm định", Role::Reviewer,
                                               std::nullopt, "thamdinh@KiemChung2022"}),
          "reviewer");
    check(k.accounts().assign(sys, 2022, "thamdinh", {"1", "2", "3", "4", "5", "6", "7", "8"}),
          "assign");

    auto parsed = parseCriteriaJson(doc);
    std::vector<std::string> subs;
    for (const auto& area : parsed->areas)
        for (const auto& c : area.children)
            for (const auto& s : c.children)
                if (s.assessedBy != AssessedBy::Survey)
                    subs.push_back(s.code);

    TimePoint t = *parseIso("2022-12-20T03:00:00Z");
    std::uint64_t seq = 0;
    for (int u = 0; u < shape.units; ++u) {
        check(k.store().write([&](Transaction& tx) -> Status {
            const std::string code = unitCode(u);
            for (std::size_t s = 0; s < subs.size(); ++s) {
                std::uint64_t h = (static_cast<std::uint64_t>(u) * 7919 + s * 104729) % 100;
                if (u % 10 == 9 || h >= 90)
                    continue;  // every tenth unit submits nothing; others skip ~10%
                AssessmentItem a;
                a.year = 2022;
                a.unitCode = code;
                a.subCode = subs[s];
                RoundScore r{Points::fromHundredths(50), {}, {}, "", {}, "Giải trình", "bench", t};
                a.self = r;
                if (h < 80)
                    a.step1 = r;
                if (h < 15)
                    a.request = SupplementRequest{
                        "Thiếu", "Lý do",
                        t,       "thamdinh",
                        t,       h < 8 ? std::optional<std::string>("Đã bổ sung") : std::nullopt,
                        "bench", h < 8 ? std::optional(t) : std::nullopt};
                if (h < 40)
                    a.step2 = r;
                tx.assessment().save(a, 0);
            }
            for (int e = 0; e < shape.evidencePerUnit; ++e) {
                std::string sha = Sha256::hex("bench-" + std::to_string(seq++ % 1000));
                tx.evidence().ensureBlob(BlobRecord{sha, 1000, "application/pdf", t});
                EvidenceItem item;
                item.year = 2022;
                item.unitCode = code;
                item.criteriaSetId = set->id;
                item.subCode = subs[static_cast<std::size_t>(e) % subs.size()];
                item.round = e % 25 == 0 ? EvidenceRound::Supplement : EvidenceRound::Self;
                item.sha256 = sha;
                item.size = 1000;
                item.mediaType = "application/pdf";
                item.fileName = "tai-lieu-" + std::to_string(e) + ".pdf";
                item.uploadedBy = "bench";
                item.uploadedAt = t;
                tx.evidence().insert(item);
            }
            return Ok{};
        }),
              "unit data");
    }
}

}  // namespace kc::bench
