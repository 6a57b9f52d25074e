#include "services/YearGuard.h"

#include <algorithm>
#include <vector>

namespace kc {

Result<Period> requireOpenPeriod(Transaction& tx, int year) {
    auto period = tx.directory().findPeriod(year);
    if (!period)
        return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
    if (period->finalised)
        return Error::conflict("Kỳ đánh giá năm " + std::to_string(year) +
                               " đã chốt; không thể sửa");
    return *period;
}

Result<Unit> requireAssessedUnit(Transaction& tx, int year, const std::string& unitCode) {
    if (!tx.directory().findPeriod(year))
        return Error::notFound("Không có kỳ đánh giá năm " + std::to_string(year));
    auto unit = tx.directory().findUnit(unitCode);
    if (!unit)
        return Error::notFound("Không có đơn vị mã " + unitCode);
    KC_TRY(requireActiveIn(*unit, year));
    return *unit;
}

Status requireFinalisedYearsUnchanged(Transaction& tx, const std::optional<Unit>& before,
                                      const Unit& after) {
    std::vector<Period> periods = tx.directory().listPeriods();
    std::sort(periods.begin(), periods.end(),
              [](const Period& a, const Period& b) { return a.year < b.year; });
    std::optional<int> previous;
    for (const Period& p : periods) {
        if (p.finalised && changesResultsOf(before, after, p.year, previous))
            return Error::conflict("Kỳ đánh giá năm " + std::to_string(p.year) +
                                   " đã chốt: thay đổi này làm thay đổi các đơn vị được đánh giá "
                                   "năm " +
                                   std::to_string(p.year) +
                                   " hoặc kết quả của năm đó; bỏ chốt kỳ đánh giá trước nếu "
                                   "thật sự cần sửa");
        previous = p.year;
    }
    return Ok{};
}

}  // namespace kc
