#pragma once

#include <string>
#include <vector>

#include "report/AppraisalSheet.h"
#include "report/DocumentTemplates.h"
#include "services/TemplatesJson.h"

// A small criteria tree, scores and evidence of commune XA16, and the repository's templates.
namespace kc::test {

inline CriteriaNode node(std::string code, std::string name, const char* max,
                         std::vector<CriteriaNode> children = {}) {
    CriteriaNode n;
    n.code = std::move(code);
    n.name = std::move(name);
    n.maxPoints = *Points::parse(max);
    n.level = static_cast<NodeLevel>(1 + std::count(n.code.begin(), n.code.end(), '.'));
    n.children = std::move(children);
    return n;
}

inline CriteriaSet smallSet() {
    CriteriaSet set;
    set.id = 3;
    set.year = 2022;
    set.title = "Bộ tiêu chí cấp xã năm 2022";
    set.areas = {
        node("1", "Công tác chỉ đạo, điều hành CCHC", "3",
             {node("1.1", "Kế hoạch CCHC", "3",
                   {node("1.1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", "1"),
                    node("1.1.2", "Mức độ hoàn thành kế hoạch CCHC", "2")})}),
        node("2", "Cải cách thể chế", "2",
             {node("2.1", "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", "2",
                   {node("2.1.1", "Rà soát, hệ thống hóa văn bản", "2")})}),
    };
    return set;
}

inline AssessmentItem scored(const char* sub, const char* self, const char* step1,
                             const char* step2) {
    AssessmentItem i = AssessmentItem::blank(2022, "XA16", sub);
    auto round = [](const char* v) {
        std::optional<RoundScore> r;
        if (v) {
            r.emplace();
            r->score = *Points::parse(v);
        }
        return r;
    };
    i.self = round(self);
    i.step1 = round(step1);
    i.step2 = round(step2);
    return i;
}

inline EvidenceItem evidence(Id id, const char* sub, const char* name, EvidenceRound round,
                             char hex) {
    EvidenceItem e;
    e.id = id;
    e.year = 2022;
    e.unitCode = "XA16";
    e.subCode = sub;
    e.fileName = name;
    e.round = round;
    e.sha256 = std::string(64, hex);
    e.size = 1000 + static_cast<std::uint64_t>(id);
    return e;
}

inline Unit phucKhanh() {
    Unit u;
    u.code = "XA16";
    u.name = "UBND xã Phúc Khánh";
    u.unitTypeCode = "xa";
    return u;
}

inline report::AppraisalSheet smallSheet() {
    std::vector<AssessmentItem> items{scored("1.1.1", "1", "1", "1"),
                                      scored("1.1.2", "2", "1.5", "1.75"),
                                      scored("2.1.1", "2", nullptr, nullptr)};
    EvidenceItem withdrawn = evidence(9, "2.1.1", "Bản nháp.pdf", EvidenceRound::Self, 'c');
    withdrawn.events.push_back({1, 9, EvidenceAction::Withdraw, {}, "xaphuckhanh"});
    std::vector<EvidenceItem> files{
        evidence(5, "1.1.1", "Kế hoạch 97-KH-UBND.pdf", EvidenceRound::Self, 'a'),
        evidence(7, "1.1.1", "Báo cáo bổ sung.pdf", EvidenceRound::Supplement, 'b'), withdrawn};
    return report::buildAppraisalSheet(2022, phucKhanh(), "UBND cấp xã", smallSet(), items, files,
                                       "http://127.0.0.1:8080/api/v1/evidence/");
}

// smallSet() with a bonus 1.1.3 (up to 1) and a penalty 1.1.4 (up to 2) in criterion 1.1 (max
// 3), scored: self 1 + 2 + bonus 1 - penalty 0.5 = 3.5 (capped at 3); step 1: 1 + 1 + 0 - 2 = 0.
inline report::AppraisalSheet sheetWithAdjustments() {
    CriteriaSet set = smallSet();
    CriteriaNode bonus = node("1.1.3", "Sáng kiến CCHC được công nhận", "1");
    bonus.adjustment = Adjustment::Bonus;
    CriteriaNode penalty = node("1.1.4", "Bị phê bình", "2");
    penalty.adjustment = Adjustment::Penalty;
    set.areas[0].children[0].children.push_back(bonus);
    set.areas[0].children[0].children.push_back(penalty);
    std::vector<AssessmentItem> items{
        scored("1.1.1", "1", "1", nullptr), scored("1.1.2", "2", "1", nullptr),
        scored("1.1.3", "1", "0", nullptr), scored("1.1.4", "0.5", "2", nullptr)};
    return report::buildAppraisalSheet(2022, phucKhanh(), "UBND cấp xã", set, items, {},
                                       "http://127.0.0.1:8080/api/v1/evidence/");
}

inline report::DocumentTemplates repositoryTemplates() {
    auto t = loadTemplates(std::string(KC_SOURCE_DIR) + "/templates");
    if (!t.ok())
        throw std::runtime_error(t.error().message + ": " +
                                 (t.error().details.empty() ? "" : t.error().details[0].path +
                                                                       " " +
                                                                       t.error().details[0].message));
    return t.value();
}

}  // namespace kc::test
