#include "http/HeadDeadlines.h"

#include <sys/socket.h>

#include <algorithm>

namespace kc::http {

HeadDeadlines::HeadDeadlines() : _thread([this] { run(); }) {}

HeadDeadlines::~HeadDeadlines() {
    {
        std::lock_guard lock(_mutex);
        _stopping = true;
    }
    _changed.notify_one();
    _thread.join();
}

void HeadDeadlines::arm(int socket, Clock::time_point deadline) {
    bool sooner;
    {
        std::lock_guard lock(_mutex);
        _deadlines[socket] = deadline;
        sooner = deadline < _wakeAt;
    }
    if (sooner)  // mostly not: deadlines are armed in the order they fall due
        _changed.notify_one();
}

void HeadDeadlines::disarm(int socket) {
    std::lock_guard lock(_mutex);
    _deadlines.erase(socket);
}

void HeadDeadlines::run() {
    std::unique_lock lock(_mutex);
    while (!_stopping) {
        const auto now = Clock::now();
        for (auto it = _deadlines.begin(); it != _deadlines.end();) {
            if (it->second <= now) {
                // Under the lock: the owner cannot close the descriptor meanwhile (it disarms
                // first). The owner's blocked receive returns at once with end of stream.
                ::shutdown(it->first, SHUT_RD);
                it = _deadlines.erase(it);
            } else {
                ++it;
            }
        }
        if (_deadlines.empty()) {
            _wakeAt = Clock::time_point::max();
            _changed.wait(lock);
        } else {
            // A copy: the entry may go while the lock is released.
            const Clock::time_point next =
                std::min_element(_deadlines.begin(), _deadlines.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; })
                    ->second;
            _wakeAt = next;
            _changed.wait_until(lock, next);
        }
    }
}

}  // namespace kc::http
