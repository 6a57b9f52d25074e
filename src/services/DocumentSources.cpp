#include "services/DocumentSources.h"

#include "domain/UnitYears.h"

namespace kc {

Result<report::AppraisalSheet> loadAppraisalSheet(Transaction& tx, int year,
                                                  const std::string& unitCode,
                                                  const std::string& evidenceUrl,
                                                  CriteriaCache* cache) {
    auto unit = tx.directory().findUnit(unitCode);
    if (!unit)
        return Error::notFound("Không tìm thấy đơn vị " + unitCode);
    KC_TRY(requireActiveIn(*unit, year));
    auto type = tx.directory().findUnitType(unit->unitTypeCode);
    auto setId = tx.assessment().currentSetId(year, unit->unitTypeCode);
    CriteriaCache local;
    auto index = setId ? (cache ? cache : &local)->get(tx, *setId) : nullptr;
    const CriteriaSet* set = index ? &index->set : nullptr;
    if (!set)
        return Error::notFound("Chưa có bộ tiêu chí năm " + std::to_string(year) +
                               " cho loại đơn vị " + unit->unitTypeCode);
    return report::buildAppraisalSheet(year, *unit, type ? type->name : unit->unitTypeCode, *set,
                                       tx.assessment().list(year, unitCode),
                                       tx.evidence().list(year, unitCode, std::nullopt),
                                       evidenceUrl);
}

}  // namespace kc
