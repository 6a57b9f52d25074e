#include "domain/ScoringValidator.h"

#include <limits>

#include "core/Text.h"

namespace kc {

namespace {

constexpr Points kHundredPct = Points::fromHundredths(100 * 100);

std::string pts(Points p) {
    return p.toString(true);
}

std::string pct(Points p) {
    return p.toString(true) + "%";
}

class ScoringChecker {
public:
    ScoringChecker(const CriteriaNode& sub, const std::string& path, ProblemList& out)
        : _sub(sub), _path(path), _scoringPath(path + ".scoring"), _out(out) {}

    void run() {
        const Scoring& s = _sub.scoring;
        switch (s.type) {
            case ScoringType::Levels:
                checkLevels();
                break;
            case ScoringType::Bands:
                checkBands();
                break;
            case ScoringType::Proportional:
                checkProportional();
                break;
            case ScoringType::Deduction:
                checkDeduction();
                break;
            case ScoringType::Survey:
                checkSurvey();
                break;
        }
        if (_sub.assessedBy == AssessedBy::Survey && s.type != ScoringType::Survey)
            add(_scoringPath + ".type",
                "Tiêu chí thành phần " + _sub.code +
                    " do điều tra xã hội học đánh giá phải dùng cách chấm \"survey\" (đang là \"" +
                    std::string(scoringTypeName(s.type)) + "\")");
        checkAdjustment();
        checkEvidence();
    }

private:
    void add(std::string path, std::string message) {
        _out.push_back({std::move(path), std::move(message)});
    }

    // Reports points outside [0, max] at `path`; `what` names the level or band.
    void checkPointsInRange(Points p, const std::string& path, const std::string& what) {
        if (p < Points() || p > _sub.maxPoints)
            add(path, "Điểm của " + what + " (" + pts(p) + ") phải nằm trong khoảng 0 đến " +
                          pts(_sub.maxPoints));
    }

    void checkLevels() {
        const auto& levels = _sub.scoring.levels;
        if (levels.empty()) {
            add(_scoringPath + ".levels", "Cách chấm theo mức cần ít nhất một mức");
            return;
        }
        bool reachesMax = false;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            std::string path = _scoringPath + ".levels[" + std::to_string(i) + "]";
            std::string what = "mức thứ " + std::to_string(i + 1);
            if (text::trim(levels[i].label).empty())
                add(path + ".label", "Mức thứ " + std::to_string(i + 1) + " chưa có tên");
            else
                what = "mức \"" + levels[i].label + "\"";
            checkPointsInRange(levels[i].points, path + ".points", what);
            reachesMax = reachesMax || levels[i].points == _sub.maxPoints;
        }
        if (!reachesMax)
            add(_scoringPath + ".levels", "Không có mức nào bằng điểm tối đa (" +
                                              pts(_sub.maxPoints) + ") của tiêu chí thành phần " +
                                              _sub.code);
    }

    void checkBands() {
        const auto& bands = _sub.scoring.bands;
        if (bands.empty()) {
            add(_scoringPath + ".bands", "Cách chấm theo khoảng tỷ lệ cần ít nhất một khoảng");
            return;
        }
        std::vector<PctRange> ranges;
        for (std::size_t i = 0; i < bands.size(); ++i) {
            const ScoreBand& b = bands[i];
            std::string path = _scoringPath + ".bands[" + std::to_string(i) + "]";
            checkPointsInRange(b.points, path + ".points", "khoảng thứ " + std::to_string(i + 1));
            if (b.minPct < Points())
                add(path + ".min_pct", "Tỷ lệ không được âm (" + pct(b.minPct) + ")");
            ranges.push_back({b.minPct, b.maxPctExclusive});
            if (ranges.back().isEmpty()) {
                add(path + ".max_pct_exclusive", "Cận trên (" + pct(*b.maxPctExclusive) +
                                                     ") phải lớn hơn cận dưới (" + pct(b.minPct) +
                                                     ")");
                continue;
            }
            for (std::size_t j = 0; j < i; ++j)
                if (ranges[i].overlaps(ranges[j]))
                    add(path, "Khoảng thứ " + std::to_string(i + 1) + " (" + ranges[i].describe() +
                                  ") chồng lấn với khoảng thứ " + std::to_string(j + 1) + " (" +
                                  ranges[j].describe() + ")");
        }
    }

    void checkProportional() {
        const auto& target = _sub.scoring.targetPct;
        if (!target)
            add(_scoringPath + ".target_pct", "Cách chấm tỷ lệ cần tỷ lệ mục tiêu (target_pct)");
        else if (*target <= Points() || *target > kHundredPct)
            add(_scoringPath + ".target_pct",
                "Tỷ lệ mục tiêu phải lớn hơn 0 và không quá 100% (đang là " + pct(*target) + ")");
    }

    void checkDeduction() {
        const auto& per = _sub.scoring.perViolation;
        if (!per)
            add(_scoringPath + ".per_violation",
                "Cách chấm trừ điểm cần số điểm trừ mỗi vi phạm (per_violation)");
        else if (*per <= Points())
            add(_scoringPath + ".per_violation",
                "Điểm trừ mỗi vi phạm phải lớn hơn 0 (đang là " + pts(*per) + ")");
    }

    void checkSurvey() {
        if (_sub.assessedBy != AssessedBy::Survey)
            add(_path + ".assessed_by", "Tiêu chí thành phần " + _sub.code +
                                            " chấm theo điều tra xã hội học phải có assessed_by "
                                            "là \"survey\"");
        if (_sub.selfScored)
            add(_path + ".self_scored", "Tiêu chí thành phần " + _sub.code +
                                            " chấm theo điều tra xã hội học không được tự chấm");
    }

    void checkAdjustment() {
        if (!_sub.isAdjustment())
            return;
        std::string what =
            std::string(_sub.adjustment == Adjustment::Bonus ? "Điểm thưởng" : "Điểm trừ") + " " +
            _sub.code;
        if (_sub.assessedBy != AssessedBy::Appraisal)
            add(_path + ".assessed_by", what +
                                            " phải do thẩm định đánh giá (assessed_by là "
                                            "\"appraisal\")");
        ScoringType t = _sub.scoring.type;
        if (t == ScoringType::Deduction || t == ScoringType::Survey)
            add(_scoringPath + ".type", what + " không dùng được cách chấm \"" +
                                            std::string(scoringTypeName(t)) +
                                            "\"; chỉ nhận levels, bands hoặc proportional");
    }

    void checkEvidence() {
        if (_sub.minFiles < 0)
            add(_path + ".min_files", "Số tệp minh chứng tối thiểu không được âm (" +
                                          std::to_string(_sub.minFiles) + ")");
        else if (_sub.evidenceRequired && _sub.minFiles == 0)
            add(_path + ".min_files",
                "Tiêu chí thành phần " + _sub.code +
                    " yêu cầu minh chứng nên số tệp tối thiểu phải từ 1 trở lên");
    }

    const CriteriaNode& _sub;
    const std::string& _path;
    std::string _scoringPath;
    ProblemList& _out;
};

}  // namespace

bool PctRange::isEmpty() const {
    return min && maxExclusive && *min >= *maxExclusive;
}

bool PctRange::overlaps(const PctRange& other) const {
    if (isEmpty() || other.isEmpty())
        return false;
    constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
    constexpr auto highest = std::numeric_limits<std::int64_t>::max();
    auto lo = [&](const PctRange& r) { return r.min ? r.min->hundredths() : lowest; };
    auto hi = [&](const PctRange& r) {
        return r.maxExclusive ? r.maxExclusive->hundredths() : highest;
    };
    return lo(*this) < hi(other) && lo(other) < hi(*this);
}

std::string PctRange::describe() const {
    if (min && maxExclusive)
        return "từ " + pct(*min) + " đến dưới " + pct(*maxExclusive);
    if (min)
        return "từ " + pct(*min);
    if (maxExclusive)
        return "dưới " + pct(*maxExclusive);
    return "mọi tỷ lệ";
}

void validateSubCriterionScoring(const CriteriaNode& sub, const std::string& path,
                                 ProblemList& out) {
    ScoringChecker(sub, path, out).run();
}

}  // namespace kc
