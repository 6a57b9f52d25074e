#include "domain/CriteriaValidator.h"

#include <map>
#include <string>
#include <string_view>

#include "core/ProblemList.h"
#include "core/Text.h"
#include "domain/Ranking.h"
#include "domain/ScoringValidator.h"

namespace kc {

namespace {

bool isBlank(std::string_view s) {
    return text::trim(s).empty();
}

std::string pts(Points p) {
    return p.toString(true);
}

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

const char* noun(NodeLevel level) {
    switch (level) {
        case NodeLevel::Area:
            return "lĩnh vực";
        case NodeLevel::Criterion:
            return "tiêu chí";
        case NodeLevel::SubCriterion:
            return "tiêu chí thành phần";
    }
    return "";
}

const char* childrenKey(NodeLevel level) {
    return level == NodeLevel::Area ? "criteria" : "sub_criteria";
}

const char* codePattern(NodeLevel level) {
    switch (level) {
        case NodeLevel::Area:
            return "N (ví dụ 1)";
        case NodeLevel::Criterion:
            return "N.M (ví dụ 1.2)";
        case NodeLevel::SubCriterion:
            return "N.M.K (ví dụ 1.2.3)";
    }
    return "";
}

// True when code is `parts` positive decimal numbers without leading zeros, joined by dots.
bool isWellFormedCode(std::string_view code, int parts) {
    int seen = 0;
    while (true) {
        std::size_t dot = code.find('.');
        std::string_view part = code.substr(0, dot);
        if (part.empty() || part.front() == '0')
            return false;
        for (char c : part)
            if (c < '0' || c > '9')
                return false;
        ++seen;
        if (dot == std::string_view::npos)
            break;
        code.remove_prefix(dot + 1);
    }
    return seen == parts;
}

class Validator {
public:
    explicit Validator(const CriteriaSet& set) : _set(set) {}

    std::vector<ErrorDetail> run() {
        if (isBlank(_set.title))
            add("$.title", "Tên bộ tiêu chí không được để trống");
        if (_set.year <= 0)
            add("$.year", "Năm áp dụng không hợp lệ (" + std::to_string(_set.year) + ")");
        if (_set.areas.empty())
            add("$.areas", "Bộ tiêu chí chưa có lĩnh vực nào");
        for (std::size_t i = 0; i < _set.areas.size(); ++i)
            checkNode(_set.areas[i], "$.areas[" + std::to_string(i) + "]", NodeLevel::Area, "");
        checkScale();
        checkGrades();
        return _out.take();
    }

private:
    void add(std::string path, std::string message) {
        _out.push_back({std::move(path), std::move(message)});
    }

    void checkNode(const CriteriaNode& n, const std::string& path, NodeLevel level,
                   const std::string& parentCode) {
        checkCode(n.code, path, level, parentCode);
        std::string what = std::string(noun(level)) + (n.code.empty() ? "" : " " + n.code);
        if (isBlank(n.name))
            add(path + ".name", "Tên " + what + " không được để trống");
        if (n.maxPoints <= Points())
            add(path + ".max_points",
                "Điểm tối đa của " + what + " phải lớn hơn 0 (đang là " + pts(n.maxPoints) + ")");
        if (level == NodeLevel::SubCriterion) {
            if (!n.children.empty())
                add(path, "Tiêu chí thành phần " + n.code + " không được có cấp con");
            validateSubCriterionScoring(n, path, _out);
            if (n.isAdjustment())
                return;
            (n.assessedBy == AssessedBy::Survey ? _surveySum : _appraisalSum) += n.maxPoints;
            return;
        }
        auto childLevel = static_cast<NodeLevel>(static_cast<int>(level) + 1);
        std::string childPath = path + "." + childrenKey(level);
        if (n.children.empty()) {
            add(childPath, "Chưa có " + std::string(noun(childLevel)) + " nào trong " + what);
            return;
        }
        Points sum;
        bool anyOrdinary = false;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            checkNode(n.children[i], childPath + "[" + std::to_string(i) + "]", childLevel, n.code);
            if (n.children[i].isAdjustment())
                continue;
            sum += n.children[i].maxPoints;
            anyOrdinary = true;
        }
        if (!anyOrdinary) {
            add(childPath, "Chưa có " + std::string(noun(childLevel)) + " thông thường nào trong " +
                               what + " (điểm thưởng, điểm trừ không tính vào điểm tối đa)");
            return;
        }
        if (sum != n.maxPoints)
            add(path + ".max_points", "Tổng điểm tối đa các " + std::string(noun(childLevel)) +
                                          " (" + pts(sum) + ") khác điểm tối đa của " + what +
                                          " (" + pts(n.maxPoints) + ")");
    }

    void checkCode(const std::string& code, const std::string& path, NodeLevel level,
                   const std::string& parentCode) {
        std::string codePath = path + ".code";
        if (code.empty()) {
            add(codePath, "Thiếu mã " + std::string(noun(level)));
            return;
        }
        if (!isWellFormedCode(code, static_cast<int>(level)))
            add(codePath, "Mã " + std::string(noun(level)) + " " + quoted(code) +
                              " không đúng dạng " + codePattern(level));
        else if (level != NodeLevel::Area && !code.starts_with(parentCode + "."))
            add(codePath, "Mã " + std::string(noun(level)) + " " + quoted(code) +
                              " phải bắt đầu bằng mã cấp trên " + quoted(parentCode + "."));
        auto [it, inserted] = _codePaths.emplace(code, path);
        if (!inserted)
            add(codePath, "Mã " + quoted(code) + " bị trùng với " + it->second);
    }

    void checkScale() {
        const Scale& s = _set.scale;
        if (s.totalPoints == Points() && s.appraisalPoints == Points() &&
            s.surveyPoints == Points())
            return;
        const std::pair<const char*, Points> parts[] = {{"total_points", s.totalPoints},
                                                        {"appraisal_points", s.appraisalPoints},
                                                        {"survey_points", s.surveyPoints}};
        for (const auto& [key, value] : parts)
            if (value < Points())
                add(std::string("$.scale.") + key,
                    "Điểm của thang không được âm (" + pts(value) + ")");
        if (s.totalPoints != s.appraisalPoints + s.surveyPoints)
            add("$.scale.total_points", "Tổng điểm của thang (" + pts(s.totalPoints) +
                                            ") khác điểm thẩm định (" + pts(s.appraisalPoints) +
                                            ") cộng điểm điều tra xã hội học (" +
                                            pts(s.surveyPoints) + ")");
        Points areas;
        for (const auto& a : _set.areas) areas += a.maxPoints;
        if (areas != s.totalPoints)
            add("$.scale.total_points", "Tổng điểm tối đa các lĩnh vực (" + pts(areas) +
                                            ") khác tổng điểm của thang (" + pts(s.totalPoints) +
                                            ")");
        if (_appraisalSum != s.appraisalPoints)
            add("$.scale.appraisal_points",
                "Tổng điểm tối đa các tiêu chí thành phần do thẩm định (" + pts(_appraisalSum) +
                    ") khác điểm thẩm định của thang (" + pts(s.appraisalPoints) + ")");
        if (_surveySum != s.surveyPoints)
            add("$.scale.survey_points",
                "Tổng điểm tối đa các tiêu chí thành phần do điều tra xã hội học (" +
                    pts(_surveySum) + ") khác điểm điều tra của thang (" + pts(s.surveyPoints) +
                    ")");
    }

    void checkGrades() {
        std::map<std::string, std::size_t> names;
        std::vector<PctRange> ranges;
        for (std::size_t i = 0; i < _set.grades.size(); ++i) {
            const GradeRule& g = _set.grades[i];
            std::string path = "$.classification.grades[" + std::to_string(i) + "]";
            if (isBlank(g.grade))
                add(path + ".grade", "Xếp loại thứ " + std::to_string(i + 1) + " chưa có tên");
            else if (auto [it, inserted] = names.emplace(g.grade, i); !inserted)
                add(path + ".grade", "Tên xếp loại " + quoted(g.grade) + " bị trùng");
            ranges.push_back({g.minPct, g.maxPctExclusive});
            if (ranges.back().isEmpty())
                add(path + ".max_pct_exclusive", "Cận trên (" + pts(*g.maxPctExclusive) +
                                                     "%) phải lớn hơn cận dưới (" + pts(*g.minPct) +
                                                     "%)");
            for (std::size_t j = 0; j < i; ++j)
                if (ranges[i].overlaps(ranges[j]))
                    add(path, "Khoảng " + ranges[i].describe() + " của xếp loại " +
                                  quoted(g.grade) + " chồng lấn với khoảng " +
                                  ranges[j].describe() + " của xếp loại " +
                                  quoted(_set.grades[j].grade));
        }
        if (auto gap = firstGradeGap(_set.grades))
            add("$.classification.grades", describeGradeGap(*gap));
    }

    const CriteriaSet& _set;
    ProblemList _out;
    std::map<std::string, std::string> _codePaths;  // code -> path of its first use
    Points _appraisalSum;
    Points _surveySum;
};

}  // namespace

std::vector<ErrorDetail> validateCriteriaSet(const CriteriaSet& set) {
    return Validator(set).run();
}

}  // namespace kc
