#include "domain/Ranking.h"

#include <algorithm>
#include <numeric>

namespace kc {

std::vector<int> rankDescending(const std::vector<std::int64_t>& values, TieRule rule) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
    std::vector<int> ranks(values.size());
    int dense = 0;
    for (std::size_t pos = 0; pos < order.size(); ++pos) {
        bool tiedWithPrevious = pos > 0 && values[order[pos]] == values[order[pos - 1]];
        if (!tiedWithPrevious)
            ++dense;
        int competition = tiedWithPrevious ? ranks[order[pos - 1]] : static_cast<int>(pos) + 1;
        ranks[order[pos]] = rule == TieRule::Competition ? competition : dense;
    }
    return ranks;
}

Points indexPercent(Points total, Points max) {
    // total/max x 100 in hundredths of a percent: total_h x 10000 / max_h.
    return Points::fromHundredths(
        roundHalfAwayFromZero(total.hundredths() * 10000, max.hundredths()));
}

std::string gradeOf(const std::vector<GradeRule>& rules, Points indexPct) {
    for (const GradeRule& r : rules) {
        if (r.minPct && indexPct < *r.minPct)
            continue;
        if (r.maxPctExclusive && indexPct >= *r.maxPctExclusive)
            continue;
        return r.grade;
    }
    return {};
}

std::optional<GradeGap> firstGradeGap(const std::vector<GradeRule>& rules) {
    auto held = [&](std::int64_t h) {
        const Points v = Points::fromHundredths(h);
        return std::any_of(rules.begin(), rules.end(), [&](const GradeRule& r) {
            return (!r.minPct || v >= *r.minPct) && (!r.maxPctExclusive || v < *r.maxPctExclusive);
        });
    };
    constexpr std::int64_t kTop = 10000;  // 100.00 %
    if (rules.empty())
        return std::nullopt;
    for (std::int64_t h = 0; h <= kTop; ++h) {
        if (held(h))
            continue;
        std::int64_t end = h;
        while (end < kTop && !held(end + 1)) ++end;
        return GradeGap{Points::fromHundredths(h), Points::fromHundredths(end)};
    }
    return std::nullopt;
}

std::string describeGradeGap(const GradeGap& gap) {
    return "Chỉ số từ " + gap.from.toString(true) + "% đến " + gap.to.toString(true) +
           "% không thuộc xếp loại nào; các khoảng xếp loại phải phủ kín từ 0% đến 100%";
}

std::vector<int> largestRemainderTenths(const std::vector<int>& counts) {
    std::int64_t total = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
    std::vector<int> shares(counts.size(), 0);
    if (total == 0)
        return shares;
    std::vector<std::int64_t> remainders(counts.size());
    int assigned = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        std::int64_t scaled = static_cast<std::int64_t>(counts[i]) * 1000;  // tenths of a percent
        shares[i] = static_cast<int>(scaled / total);
        remainders[i] = scaled % total;
        assigned += shares[i];
    }
    std::vector<std::size_t> order(counts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
    for (std::size_t k = 0; assigned < 1000 && k < order.size(); ++k, ++assigned)
        ++shares[order[k]];
    return shares;
}

}  // namespace kc
