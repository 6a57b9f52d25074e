// What a new version of a year's criteria set must not break: scores above a lowered maximum,
// and data entered against a sub-criterion the new version drops.

#include <gtest/gtest.h>

#include "domain/CriteriaChange.h"

namespace kc {
namespace {

Points pts(const char* s) {
    return Points::parse(s).value();
}

CriteriaNode node(const char* code, NodeLevel level, const char* max,
                  std::vector<CriteriaNode> children = {}) {
    CriteriaNode n;
    n.code = code;
    n.name = std::string("Tiêu chí ") + code;
    n.level = level;
    n.maxPoints = pts(max);
    n.children = std::move(children);
    return n;
}

// Area 1 > criterion 1.3 > sub-criteria 1.3.1 (max 1) and 1.3.2 (max 1): the new version.
CriteriaSet nextSet() {
    CriteriaSet set;
    set.areas.push_back(node("1", NodeLevel::Area, "2",
                             {node("1.3", NodeLevel::Criterion, "2",
                                   {node("1.3.1", NodeLevel::SubCriterion, "1"),
                                    node("1.3.2", NodeLevel::SubCriterion, "1")})}));
    return set;
}

AssessmentFlags scored(const char* unit, const char* sub, const char* self,
                       const char* step1 = nullptr, const char* step2 = nullptr) {
    AssessmentFlags a;
    a.unitCode = unit;
    a.subCode = sub;
    a.selfScored = true;
    a.self = pts(self);
    if (step1) {
        a.step1Scored = true;
        a.step1 = pts(step1);
    }
    if (step2) {
        a.step2Scored = true;
        a.step2 = pts(step2);
    }
    return a;
}

struct Case {
    const char* name;
    EnteredData entered;
    std::vector<std::string> paths;  // of the problems, in order
};

TEST(CriteriaChangeTest, ProblemsTable) {
    AssessmentFlags explained;
    explained.unitCode = "XA02";
    explained.subCode = "1.3.9";
    explained.hasExplanation = true;
    AssessmentFlags empty;  // a row left with nothing in it (all cleared)
    empty.unitCode = "XA02";
    empty.subCode = "1.3.8";
    const std::vector<Case> cases = {
        {"ScoresWithinTheNewMaximaPass", {{scored("XA16", "1.3.2", "1", "0.5", "1")}, {}, {}}, {}},
        {"SelfScoreAboveTheNewMaximum", {{scored("XA16", "1.3.2", "1.5")}, {}, {}}, {"XA16/1.3.2"}},
        {"Step1ScoreAboveTheNewMaximum",
         {{scored("XA16", "1.3.2", "1", "1.25")}, {}, {}},
         {"XA16/1.3.2"}},
        {"Step2ScoreAboveTheNewMaximum",
         {{scored("XA16", "1.3.2", "1", "1", "1.5")}, {}, {}},
         {"XA16/1.3.2"}},
        {"DroppedSubWithScores", {{scored("XA16", "1.3.3", "0.5")}, {}, {}}, {"XA16/1.3.3"}},
        {"DroppedSubWithAnExplanationOnly", {{explained}, {}, {}}, {"XA02/1.3.9"}},
        {"DroppedSubWithAnEmptyRowPasses", {{empty}, {}, {}}, {}},
        {"DroppedSubWithEvidence",
         {{}, {EvidenceCount{"XA02", "1.3.3", 1, 0, {}}}, {}},
         {"XA02/1.3.3"}},
        {"DroppedSubWithSupplementFilesOnly",
         {{}, {EvidenceCount{"XA02", "1.3.3", 0, 2, {}}}, {}},
         {"XA02/1.3.3"}},
        {"DroppedSubWithASurveyValue",
         {{}, {}, {SurveyScore{"XA02", "3.1.1", {}}}},
         {"XA02/3.1.1"}},
        {"EveryUnitAndItemListedOnceInOrder",
         {{scored("XA16", "1.3.2", "1.5"), scored("XA02", "1.3.3", "0.5")},
          {EvidenceCount{"XA16", "1.3.2", 1, 0, {}}, EvidenceCount{"XA02", "1.3.3", 1, 0, {}}},
          {}},
         {"XA02/1.3.3", "XA16/1.3.2"}},
    };
    for (const Case& c : cases) {
        std::vector<std::string> paths;
        for (const ErrorDetail& d : criteriaChangeProblems(nextSet(), c.entered)) {
            paths.push_back(d.path);
            EXPECT_FALSE(d.message.empty()) << c.name;
        }
        EXPECT_EQ(paths, c.paths) << c.name;
    }
}

TEST(CriteriaChangeTest, MessageNamesTheScoreAndTheNewMaximumWithADecimalComma) {
    auto problems = criteriaChangeProblems(nextSet(), {{scored("XA16", "1.3.2", "1.5")}, {}, {}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].message, "Điểm tự chấm 1,50 lớn hơn điểm tối đa mới 1,00");
}

// 1.3.2 was a penalty in the set being replaced: a magnitude entered as a penalty would count
// as points if it became an ordinary item.
TEST(CriteriaChangeTest, AScoredItemMayNotChangeItsKind) {
    EnteredData scoredPenalty{{scored("XA16", "1.3.2", "0.5")}, {}, {}};
    scoredPenalty.kinds = {{"1.3.1", Adjustment::None}, {"1.3.2", Adjustment::Penalty}};
    auto problems = criteriaChangeProblems(nextSet(), scoredPenalty);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "XA16/1.3.2");
    EXPECT_NE(problems[0].message.find("đổi loại điểm"), std::string::npos);

    EnteredData scoredOrdinary = scoredPenalty;
    scoredOrdinary.items = {scored("XA16", "1.3.1", "0.5")};
    EXPECT_TRUE(criteriaChangeProblems(nextSet(), scoredOrdinary).empty());
}

}  // namespace
}  // namespace kc
