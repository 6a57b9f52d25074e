#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/Error.h"

namespace kc {

// Collects the problems found in one input (a CSV or JSON file, a request body) for an
// Error's details, keeping only the first kMaxListed: a 2 MB file with a problem on each of
// its 300,000 lines would otherwise cost hundreds of MB and a 60 MB reply. The rest are
// counted, and take() ends the list with one detail saying how many were left out. Reading
// stays all or nothing: the caller still refuses the whole input when any problem was found.
// Not thread-safe.
class ProblemList {
public:
    static constexpr std::size_t kMaxListed = 100;

    void push_back(ErrorDetail detail);
    void add(std::vector<ErrorDetail> details);
    bool empty() const { return _found == 0; }
    // Every problem found, listed or not.
    std::size_t size() const { return _found; }
    // The first kMaxListed problems, then {"…", "Còn N vấn đề khác không được liệt kê"} when
    // there were more. Leaves the list empty.
    std::vector<ErrorDetail> take();
    // Error::invalid(message, take()). The message may use size(): it is built first.
    Error invalid(std::string message) { return Error::invalid(std::move(message), take()); }

private:
    std::vector<ErrorDetail> _listed;
    std::size_t _found = 0;
};

// The same cap for details collected some other way: the first kMaxListed and one detail for
// the rest, when there are more than kMaxListed + 1 (a ProblemList's output passes unchanged).
std::vector<ErrorDetail> capDetails(std::vector<ErrorDetail> details);

}  // namespace kc
