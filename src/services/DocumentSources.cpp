#include "services/DocumentSources.h"

#include "services/CriteriaJson.h"

namespace kc {

const CriteriaSet* CriteriaTrees::get(Transaction& tx, Id id) {
    if (auto it = _sets.find(id); it != _sets.end())
        return &it->second;
    auto stored = tx.criteria().find(id);
    if (!stored)
        return nullptr;
    auto parsed = parseCriteriaJson(stored->treeJson);
    if (!parsed.ok())
        return nullptr;
    parsed->id = id;
    parsed->title = stored->info.title;
    return &_sets.emplace(id, std::move(parsed).value()).first->second;
}

Result<report::AppraisalSheet> loadAppraisalSheet(Transaction& tx, int year,
                                                  const std::string& unitCode,
                                                  const std::string& evidenceUrl,
                                                  CriteriaTrees* trees) {
    auto unit = tx.directory().findUnit(unitCode);
    if (!unit)
        return Error::notFound("Không tìm thấy đơn vị " + unitCode);
    auto type = tx.directory().findUnitType(unit->unitTypeCode);
    auto setId = tx.assessment().currentSetId(year, unit->unitTypeCode);
    CriteriaTrees local;
    const CriteriaSet* set = setId ? (trees ? trees : &local)->get(tx, *setId) : nullptr;
    if (!set)
        return Error::notFound("Chưa có bộ tiêu chí năm " + std::to_string(year) +
                               " cho loại đơn vị " + unit->unitTypeCode);
    return report::buildAppraisalSheet(year, *unit, type ? type->name : unit->unitTypeCode, *set,
                                       tx.assessment().list(year, unitCode),
                                       tx.evidence().list(year, unitCode, std::nullopt),
                                       evidenceUrl);
}

}  // namespace kc
