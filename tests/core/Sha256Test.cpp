#include "core/Sha256.h"

#include <gtest/gtest.h>

namespace kc {
namespace {

TEST(Sha256Test, MatchesKnownVectors) {
    EXPECT_EQ(Sha256::hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256::hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, IncrementalEqualsOneShot) {
    Sha256 h;
    h.update("a");
    h.update("bc");
    EXPECT_EQ(h.hexDigest(), Sha256::hex("abc"));
}

TEST(Sha256Test, DigestIsTheBytesTheHexSpells) {
    Sha256 h;
    h.update("abc");
    const std::string md = h.digest();
    ASSERT_EQ(md.size(), 32u);
    std::string hex;
    for (unsigned char b : md) hex += "0123456789abcdef"[b >> 4], hex += "0123456789abcdef"[b & 15];
    EXPECT_EQ(hex, Sha256::hex("abc"));
}

}  // namespace
}  // namespace kc
