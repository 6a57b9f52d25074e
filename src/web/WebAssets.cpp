#include "web/WebAssets.h"

#include <algorithm>

namespace kc::web {

namespace detail {
extern const WebAsset kAssets[];
extern const std::size_t kAssetCount;
}  // namespace detail

std::span<const WebAsset> webAssets() {
    return {detail::kAssets, detail::kAssetCount};
}

const WebAsset* findWebAsset(std::string_view path) {
    auto assets = webAssets();
    auto it = std::lower_bound(assets.begin(), assets.end(), path,
                               [](const WebAsset& a, std::string_view p) { return a.path < p; });
    return it != assets.end() && it->path == path ? &*it : nullptr;
}

}  // namespace kc::web
