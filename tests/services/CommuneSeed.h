#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "DemoPeriod.h"
#include "services/CriteriaService.h"
#include "services/DirectoryService.h"

namespace kc::test {

// Seeds store with the demo's 2022 period, unit type "xa", the communes XA16 (Phúc Khánh) and
// XA02 (Bảo Hà), and the sample criteria set imported for "xa". Failures are test failures.
inline void seedCommunes(Store& store, const Clock& clock, const Actor& system) {
    DirectoryService directory(store, clock);
    EXPECT_TRUE(directory.createPeriod(system, demoPeriod2022()).ok());
    EXPECT_TRUE(directory.createUnitType(system, UnitType{0, "xa", "UBND cấp xã"}).ok());
    for (auto [code, name] :
         {std::pair{"XA16", "UBND xã Phúc Khánh"}, std::pair{"XA02", "UBND xã Bảo Hà"}}) {
        Unit u;
        u.code = code;
        u.name = name;
        u.unitTypeCode = "xa";
        u.activeFromYear = 2020;
        EXPECT_TRUE(directory.createUnit(system, u).ok());
    }
    std::ifstream in(std::string(KC_SOURCE_DIR) + "/config/demo/criteria-2022-huyen.json");
    std::stringstream doc;
    doc << in.rdbuf();
    CriteriaService criteria(store, clock);
    auto imported = criteria.importSet(system, CriteriaImport{2022, "xa", doc.str(), false});
    EXPECT_TRUE(imported.ok()) << (imported.ok() ? "" : imported.error().message);
}

}  // namespace kc::test
