#include "domain/CriteriaChange.h"

#include <map>
#include <optional>
#include <utility>

namespace kc {

namespace {

using Key = std::pair<std::string, std::string>;  // unit code, sub-criterion code

void addScore(std::map<Key, std::string>& out, const Key& key, const char* round,
              const std::optional<Points>& score, Points max) {
    if (!score || *score <= max || out.count(key))
        return;
    out[key] = std::string("Điểm ") + round + " " + score->toString(true) +
               " lớn hơn điểm tối đa mới " + max.toString(true);
}

}  // namespace

std::vector<ErrorDetail> criteriaChangeProblems(const CriteriaSet& next,
                                                const EnteredData& entered) {
    std::map<std::string, Points> maxOf;
    std::map<std::string, Adjustment> kindOf;
    std::vector<CriteriaNode> areas = next.areas;
    forEachNode(areas, [&](const CriteriaNode& n) {
        if (n.level == NodeLevel::SubCriterion) {
            maxOf[n.code] = n.maxPoints;
            kindOf[n.code] = n.adjustment;
        }
    });
    std::map<Key, std::string> problems;
    const std::string dropped = "Bộ tiêu chí mới bỏ tiêu chí thành phần này nhưng đơn vị đã có ";
    for (const AssessmentFlags& a : entered.items) {
        Key key{a.unitCode, a.subCode};
        auto max = maxOf.find(a.subCode);
        if (max == maxOf.end()) {
            if (a.selfScored || a.hasExplanation || a.step1Scored || a.requested || a.replied ||
                a.step2Scored)
                problems[key] = dropped + "điểm, giải trình hoặc ý kiến thẩm định";
            continue;
        }
        auto was = entered.kinds.find(a.subCode);
        if (was != entered.kinds.end() && was->second != kindOf[a.subCode] &&
            (a.self || a.step1 || a.step2)) {
            problems[key] =
                "Bộ tiêu chí mới đổi loại điểm (thông thường, điểm thưởng, điểm trừ) "
                "của tiêu chí thành phần này nhưng đơn vị đã có điểm";
            continue;
        }
        addScore(problems, key, "tự chấm", a.self, max->second);
        addScore(problems, key, "thẩm định bước 1", a.step1, max->second);
        addScore(problems, key, "thẩm định bước 2", a.step2, max->second);
    }
    for (const EvidenceCount& e : entered.evidence)
        if (!maxOf.count(e.subCode) && e.files + e.supplementFiles > 0)
            problems.emplace(Key{e.unitCode, e.subCode}, dropped + "tài liệu kiểm chứng");
    for (const SurveyScore& s : entered.survey)
        if (!maxOf.count(s.subCode))
            problems.emplace(Key{s.unitCode, s.subCode}, dropped + "điểm điều tra xã hội học");
    std::vector<ErrorDetail> out;
    for (auto& [key, message] : problems)
        out.push_back({key.first + "/" + key.second, std::move(message)});
    return out;
}

}  // namespace kc
