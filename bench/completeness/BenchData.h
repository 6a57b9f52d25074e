#pragma once

#include "app/Kernel.h"

namespace kc::bench {

struct BenchShape {
    int units = 200;
    int evidencePerUnit = 250;  // 200 units -> 50,000 items
};

// Fills an empty Kernel's database with one period (the demo 2022 dates), unit type "xa" with
// the sample criteria set (79 sub-criteria, 58 scored by appraisal), `units` units "U0001"...,
// a clerk "vanthu" and reviewer "thamdinh" (areas 1-8) with the demo passwords, self-scores on
// ~90% of the items, step-1 scores on ~80% of those, supplement requests and replies on some,
// step-2 scores on ~half, and evidence rows spread over the items. Everything goes straight
// through the repositories in a few transactions.
void generate(Kernel& k, const BenchShape& shape);

}  // namespace kc::bench
