#include "services/CriteriaIndex.h"

#include "services/CriteriaJson.h"

namespace kc {

std::shared_ptr<const CriteriaIndex> CriteriaCache::get(Transaction& tx, Id id) {
    {
        std::lock_guard lock(_mutex);
        if (auto it = _sets.find(id); it != _sets.end())
            return it->second;
    }
    auto stored = tx.criteria().find(id);
    if (!stored)
        return nullptr;
    auto parsed = parseCriteriaJson(stored->treeJson);
    if (!parsed.ok())
        return nullptr;
    auto index = std::make_shared<CriteriaIndex>();
    index->setId = id;
    index->set = parsed.value();
    index->set.id = id;
    for (CriteriaNode& area : parsed->areas)
        for (CriteriaNode& criterion : area.children)
            for (CriteriaNode& sub : criterion.children) {
                sub.children.clear();
                index->byCode[sub.code] = index->subs.size();
                index->subs.push_back(sub);
                index->areaOf.push_back(area.code);
                index->criterionOf.push_back(criterion.code);
            }
    std::lock_guard lock(_mutex);
    _sets.emplace(id, index);
    return index;
}

}  // namespace kc
