#include "pdf/OpenSslSupport.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/provider.h>

namespace kc::pdf::ossl {

std::string drainErrors() {
    std::string text;
    for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.empty())
            text += "; ";
        text += buffer;
    }
    return text;
}

namespace {

// The providers loaded for legacy keys, unloaded at exit (before OpenSSL's own clean-up, which
// was registered earlier), so that nothing they hold outlives the library.
class LoadedProviders {
public:
    LoadedProviders() {
        drainErrors();
        // Loading a provider by name stops the default one from being loaded by itself: both.
        _defaults = OSSL_PROVIDER_load(nullptr, "default");
        if (_defaults == nullptr) {
            _problem = "the default provider: " + drainErrors();
            return;
        }
        _legacy = OSSL_PROVIDER_load(nullptr, "legacy");
        if (_legacy == nullptr)
            _problem = std::string("the legacy provider (legacy.so, in OPENSSL_MODULES or ") +
                       OpenSSL_version(OPENSSL_MODULES_DIR) + "): " + drainErrors();
    }
    ~LoadedProviders() {
        if (_legacy)
            OSSL_PROVIDER_unload(_legacy);
        if (_defaults)
            OSSL_PROVIDER_unload(_defaults);
    }
    LoadedProviders(const LoadedProviders&) = delete;
    LoadedProviders& operator=(const LoadedProviders&) = delete;
    const std::string& problem() const { return _problem; }

private:
    OSSL_PROVIDER* _defaults = nullptr;
    OSSL_PROVIDER* _legacy = nullptr;
    std::string _problem;
};

}  // namespace

std::string loadLegacyProvider() {
    static const LoadedProviders loaded;
    return loaded.problem();
}

Bio memoryBio(std::string_view bytes) {
    // BIO_new_mem_buf refuses a null pointer even for zero bytes.
    return Bio(BIO_new_mem_buf(bytes.empty() ? "" : bytes.data(), static_cast<int>(bytes.size())));
}

std::string nameEntry(const X509_NAME* name, int nid) {
    if (!name)
        return {};
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    std::string value(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    return value;
}

std::string derOf(X509* cert) {
    unsigned char* der = nullptr;
    const int length = i2d_X509(cert, &der);
    if (length <= 0)
        return {};
    std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return bytes;
}

}  // namespace kc::pdf::ossl
