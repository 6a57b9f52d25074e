#pragma once

#include <stdexcept>
#include <string>

namespace kc::pdf {

// Thrown when PoDoFo or OpenSSL fail in a way no input explains (a broken installation, out of
// memory). Expected failures are kc::Result errors instead. PoDoFo's and OpenSSL's own error
// types never leave the pdf module; this carries their message.
class PdfFailure : public std::runtime_error {
public:
    explicit PdfFailure(const std::string& message) : std::runtime_error("pdf: " + message) {}
};

}  // namespace kc::pdf
