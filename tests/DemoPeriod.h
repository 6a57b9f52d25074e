#pragma once

#include "core/Clock.h"
#include "domain/Entities.h"

namespace kc::test {

// The demo's 2022 period (as DemoData creates it): self-assessment 28/11 - 31/12/2022, step 1
// until 04/01/2023, supplement until 10/01/2023, step 2 until 20/01/2023 (Vietnam time).
inline Period demoPeriod2022() {
    Period p;
    p.year = 2022;
    p.name = "Năm 2022";
    p.dates.selfAssessmentOpens = parseIso("2022-11-28");
    p.dates.selfAssessmentCloses = parseIso("2022-12-31T16:59:59Z");
    p.dates.step1Closes = parseIso("2023-01-04T16:59:59Z");
    p.dates.supplementCloses = parseIso("2023-01-10T16:59:59Z");
    p.dates.step2Closes = parseIso("2023-01-20T16:59:59Z");
    return p;
}

}  // namespace kc::test
