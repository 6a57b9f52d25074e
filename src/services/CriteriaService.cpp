#include "services/CriteriaService.h"

#include <cctype>
#include <map>
#include <set>

#include "core/Sha256.h"
#include "domain/CriteriaChange.h"
#include "services/CriteriaJson.h"
#include "services/JsonViews.h"

namespace kc {

namespace {

// What the year holds for the units of a type (see criteriaChangeProblems).
EnteredData enteredData(Transaction& tx, int year, const std::string& unitTypeCode) {
    std::set<std::string> units;
    for (const Unit& u : tx.directory().listUnits())
        if (u.unitTypeCode == unitTypeCode)
            units.insert(u.code);
    EnteredData d;
    for (AssessmentFlags& a : tx.assessment().flags(year, std::nullopt))
        if (units.count(a.unitCode))
            d.items.push_back(std::move(a));
    for (EvidenceCount& e : tx.assessment().evidenceCounts(year, std::nullopt))
        if (units.count(e.unitCode))
            d.evidence.push_back(std::move(e));
    for (SurveyScore& s : tx.results().surveyScores(year))
        if (units.count(s.unitCode))
            d.survey.push_back(std::move(s));
    return d;
}

// title with every "from" standing alone as a number ("năm 2022", not "20221") replaced by "to".
std::string replaceYear(const std::string& title, int from, int to) {
    const std::string old = std::to_string(from), now = std::to_string(to);
    auto digit = [&](std::size_t i) {
        return i < title.size() && std::isdigit(static_cast<unsigned char>(title[i]));
    };
    std::string out;
    std::size_t i = 0;
    for (std::size_t at; (at = title.find(old, i)) != std::string::npos; i = at + old.size()) {
        bool alone = (at == 0 || !digit(at - 1)) && !digit(at + old.size());
        out += title.substr(i, at - i) + (alone ? now : old);
    }
    return out + title.substr(i);
}

// Sub-criterion code -> kind in a stored tree; empty if it no longer parses (import prevents it).
std::map<std::string, Adjustment> kindsOf(const std::string& treeJson) {
    std::map<std::string, Adjustment> kinds;
    auto stored = parseCriteriaJson(treeJson);
    if (!stored.ok())
        return kinds;
    forEachNode(stored->areas, [&](const CriteriaNode& n) {
        if (n.level == NodeLevel::SubCriterion)
            kinds[n.code] = n.adjustment;
    });
    return kinds;
}

}  // namespace

Result<CriteriaSetInfo> CriteriaService::importSet(const Actor& actor, const CriteriaImport& req) {
    return importDocument(actor, req, std::nullopt);
}

Result<CriteriaSetInfo> CriteriaService::copySet(const Actor& actor, const CriteriaCopy& req) {
    if (req.fromYear == req.year)
        return Error::invalid("Chọn một năm khác để sao chép bộ tiêu chí",
                              {{"from_year", "Trùng năm của kỳ đánh giá"}});
    auto source = _store.read([&](Transaction& tx) -> Result<std::string> {
        if (!tx.directory().findPeriod(req.fromYear))
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(req.fromYear));
        auto id = tx.assessment().currentSetId(req.fromYear, req.unitTypeCode);
        auto stored = id ? tx.criteria().find(*id) : std::nullopt;
        if (!stored)
            return Error::notFound("Năm " + std::to_string(req.fromYear) +
                                   " chưa có bộ tiêu chí cho loại đơn vị " + req.unitTypeCode);
        return stored->treeJson;
    });
    if (!source.ok())
        return source.takeError();
    CriteriaSet set = parseCriteriaJson(source.value()).value();
    set.year = req.year;
    set.title = replaceYear(set.title, req.fromYear, req.year);
    CriteriaImport import{req.year, req.unitTypeCode, json::stringify(criteriaSetToJson(set)),
                          req.dryRun};
    return importDocument(actor, import, req.fromYear);
}

Result<CriteriaSetInfo> CriteriaService::importDocument(const Actor& actor,
                                                        const CriteriaImport& req,
                                                        std::optional<int> copiedFrom) {
    auto parsed = parseCriteriaJson(req.document);
    if (!parsed.ok()) return parsed.takeError();
    CriteriaSet set = std::move(parsed).value();
    if (!req.unitTypeCode.empty()) set.unitTypeCode = req.unitTypeCode;
    if (set.unitTypeCode.empty())
        return Error::invalid("Chưa chọn loại đơn vị cho bộ tiêu chí",
                              {{"unit_type", "Thiếu mã loại đơn vị"}});
    const int documentYear = set.year;
    set.year = req.year;
    // The canonical tree leaves the source hash out, so equal content compares equal below.
    std::string treeJson = json::stringify(criteriaSetToJson(set));
    set.sourceSha256 = Sha256::hex(req.document);

    return _store.write([&](Transaction& tx) -> Result<CriteriaSetInfo> {
        auto period = tx.directory().findPeriod(req.year);
        if (!period) return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(req.year));
        if (documentYear != 0 && documentYear != req.year)
            return Error::invalid("Năm của bộ tiêu chí khác năm của kỳ đánh giá",
                                  {{"$.year", "Bộ tiêu chí năm " + std::to_string(documentYear) +
                                                  ", kỳ đánh giá năm " + std::to_string(req.year)}});
        if (period->finalised)
            return Error::conflict("Kỳ đánh giá năm " + std::to_string(req.year) + " đã chốt");
        if (!tx.directory().findUnitType(set.unitTypeCode))
            return Error::notFound("Không có loại đơn vị mã " + set.unitTypeCode);
        int latest = tx.criteria().latestVersion(req.year, set.unitTypeCode);
        // Same content as the current version (compared as canonical trees, so white space and
        // key order in the document do not matter): nothing to store.
        std::map<std::string, Adjustment> currentKinds;
        for (const CriteriaSetInfo& existing : tx.criteria().list(req.year)) {
            if (existing.unitTypeCode != set.unitTypeCode || existing.version != latest) continue;
            auto stored = tx.criteria().find(existing.id);
            if (stored && stored->treeJson == treeJson)
                return Error::duplicate("Bộ tiêu chí này trùng với phiên bản hiện hành (phiên bản " +
                                        std::to_string(latest) + ")");
            if (stored)
                currentKinds = kindsOf(stored->treeJson);
        }
        // A lower maximum would leave a score above it counted; a dropped sub-criterion would
        // hide what the units entered against it. The office settles those first.
        EnteredData entered = enteredData(tx, req.year, set.unitTypeCode);
        entered.kinds = std::move(currentKinds);
        if (auto problems = criteriaChangeProblems(set, entered); !problems.empty())
            return Error{ErrorCode::Conflict,
                         "Phiên bản mới làm sai hoặc làm mất điểm, tài liệu đơn vị đã nhập năm " +
                             std::to_string(req.year) +
                             "; chưa nhập. Xem từng đơn vị, tiêu chí trong chi tiết",
                         std::move(problems)};
        set.version = latest + 1;
        CriteriaSetInfo info{0, set.year, set.unitTypeCode, set.version, set.title, set.scale,
                             set.sourceSha256, _clock.now(), actor.username};
        if (req.dryRun) return info;
        info.id = tx.criteria().insert(set, treeJson, info.createdAt, actor.username);
        Poco::JSON::Object::Ptr after = json::of(info);
        if (copiedFrom)
            after->set("copied_from_year", *copiedFrom);
        _audit.record(tx, actor.username, copiedFrom ? "criteria.copy" : "criteria.import",
                      "criteria_set", std::to_string(info.id), nullptr, after);
        return info;
    });
}

Result<std::vector<CriteriaSetInfo>> CriteriaService::list(int year) {
    return _store.read([&](Transaction& tx) -> Result<std::vector<CriteriaSetInfo>> {
        if (!tx.directory().findPeriod(year))
            return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
        return tx.criteria().list(year);
    });
}

Result<StoredCriteriaSet> CriteriaService::get(Id id) {
    return _store.read([&](Transaction& tx) -> Result<StoredCriteriaSet> {
        auto s = tx.criteria().find(id);
        if (!s) return Error::notFound("Không có bộ tiêu chí #" + std::to_string(id));
        return *s;
    });
}

}  // namespace kc
