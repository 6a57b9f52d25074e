#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "domain/Criteria.h"
#include "domain/Store.h"

namespace kc {

// The sub-criteria of one stored criteria set in tree order, with their area and criterion
// codes, for the assessment workflow.
struct CriteriaIndex {
    Id setId = 0;
    CriteriaSet set;                       // the whole set, tree included

    std::vector<CriteriaNode> subs;        // level-3 nodes, children cleared
    std::vector<std::string> areaOf;       // per sub: its area code ("1")
    std::vector<std::string> criterionOf;  // per sub: its criterion code ("1.1")
    std::map<std::string, std::size_t> byCode;

    const CriteriaNode* find(const std::string& code) const {
        auto it = byCode.find(code);
        return it == byCode.end() ? nullptr : &subs[it->second];
    }
};

// Parsed criteria sets by id. Stored sets never change, so each is parsed once per process.
// Thread-safe.
class CriteriaCache {
public:
    // The index of set id read through tx; nullptr when there is no such set (or it no longer
    // parses, which import prevents).
    std::shared_ptr<const CriteriaIndex> get(Transaction& tx, Id id);

private:
    std::mutex _mutex;
    std::map<Id, std::shared_ptr<const CriteriaIndex>> _sets;
};

}  // namespace kc
