#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/Error.h"

namespace kc {

// Either a value or an expected Error (a small stand-in for C++23 std::expected).
// Accessing value() on an error, or error() on a value, is a programming error (asserted).
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : _v(std::move(value)) {}
    Result(Error error) : _v(std::move(error)) {}

    bool ok() const { return _v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(_v); }
    const T& value() const& { assert(ok()); return std::get<0>(_v); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }

    const Error& error() const { assert(!ok()); return std::get<1>(_v); }
    Error&& takeError() { assert(!ok()); return std::get<1>(std::move(_v)); }

private:
    std::variant<T, Error> _v;
};

// Success carries nothing.
struct Ok {};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Ok) {}
    Result(Error error) : _error(std::move(error)), _failed(true) {}

    bool ok() const { return !_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { assert(_failed); return _error; }
    Error&& takeError() { assert(_failed); return std::move(_error); }

private:
    Error _error{ErrorCode::InvalidInput, {}, {}};
    bool _failed = false;
};

using Status = Result<void>;

}  // namespace kc

// Propagates the error of a Result-returning expression; otherwise continues.
#define KC_TRY(expr)                                   \
    do {                                               \
        auto&& kc_try_result_ = (expr);                \
        if (!kc_try_result_.ok())                      \
            return kc_try_result_.takeError();         \
    } while (0)
