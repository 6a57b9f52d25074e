#pragma once

#include <ostream>
#include <string>

#include "app/Kernel.h"

namespace kc {

// Loads the demo year: the 2022 period with Bảo Yên's structure (1 district People's Committee,
// 12 agencies, 17 communes), the sample criteria set for the district type and one account per
// role. Prints the accounts to out. Does nothing (and says so) when a 2022 period exists.
// criteriaPath: the criteria JSON to import. Returns false (after printing why) on failure.
bool loadDemoData(Kernel& kernel, const std::string& criteriaPath, std::ostream& out);

// The demo's unit types, in the order their units are listed.
struct DemoUnitType {
    const char* code;
    const char* name;
};
inline constexpr DemoUnitType kDemoUnitTypes[] = {{"huyen", "UBND cấp huyện"},
                                                  {"phong", "Cơ quan chuyên môn thuộc UBND huyện"},
                                                  {"xa", "UBND cấp xã"}};

// The criteria document the demo imports for one year and unit type: the file's set (the sample
// is a district set; the demo uses it for agencies and communes too, so that every demo account
// has something to work on) with that year and a title naming the type, as the web pages list
// sets by title. A document that is not a JSON object is returned as it is, for the import to
// refuse with its own message.
std::string demoCriteriaFor(const std::string& doc, int year, const std::string& typeName);

}  // namespace kc
