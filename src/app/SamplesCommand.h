#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "app/Kernel.h"

namespace kc {

// `kiemchung samples --out DIR [--criteria FILE]`: loads the demo year into a throw-away storage
// directory (the configured one is never touched), fills scores for every unit but XA02 and
// evidence for the communes with a clock moved through the 2022 phases, creates demo keys, and
// writes a sample of each document to DIR (docs/documents.md, "Samples"). Exit 0 on success.
// config gives everything but the storage, the keys and their passwords.
int runSamples(const Config& config, const std::vector<std::string>& args, std::ostream& out);

}  // namespace kc
