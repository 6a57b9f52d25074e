#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace kc::web {

// One file of the browser interface, embedded into the binary at build time from src/web
// (EmbedAssets.cmake). All views point into static storage and live as long as the process.
struct WebAsset {
    std::string_view path;         // relative to src/web, '/'-separated: "js/main.js"
    std::string_view contentType;  // "text/javascript; charset=utf-8"
    std::string_view sha256;       // lowercase hex of content, computed at build time
    std::string_view content;
};

// Every embedded asset, sorted by path. Thread-safe (immutable).
std::span<const WebAsset> webAssets();

// The asset at path (exact, case-sensitive match; no normalisation, so "../x" or "js//a.js"
// find nothing), or nullptr. Thread-safe.
const WebAsset* findWebAsset(std::string_view path);

}  // namespace kc::web
