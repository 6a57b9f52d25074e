#include "core/ProblemList.h"

#include <string>

namespace kc {

namespace {

ErrorDetail notListed(std::size_t count) {
    return {"…", "Còn " + std::to_string(count) + " vấn đề khác không được liệt kê (chỉ liệt kê " +
                     std::to_string(ProblemList::kMaxListed) + " vấn đề đầu tiên)"};
}

}  // namespace

void ProblemList::push_back(ErrorDetail detail) {
    ++_found;
    if (_listed.size() < kMaxListed)
        _listed.push_back(std::move(detail));
}

void ProblemList::add(std::vector<ErrorDetail> details) {
    for (ErrorDetail& d : details) push_back(std::move(d));
}

std::vector<ErrorDetail> ProblemList::take() {
    std::vector<ErrorDetail> out = std::move(_listed);
    if (_found > out.size())
        out.push_back(notListed(_found - out.size()));
    _listed.clear();
    _found = 0;
    return out;
}

std::vector<ErrorDetail> capDetails(std::vector<ErrorDetail> details) {
    if (details.size() <= ProblemList::kMaxListed + 1)
        return details;
    const std::size_t rest = details.size() - ProblemList::kMaxListed;
    details.resize(ProblemList::kMaxListed);
    details.push_back(notListed(rest));
    return details;
}

}  // namespace kc
