#include "app/sandbox/ratelimiter.h"

#include <QtCore/QtMath>

#include <algorithm>
#include <cmath>

namespace fetchmedia::sandbox {

RateLimiter::RateLimiter(int count, int seconds)
    : m_capacity(std::max(count, 0))
    , m_tokensPerMs(seconds > 0 ? double(m_capacity) / (double(seconds) * 1000.0) : 0.0)
{
}

RateLimiter::Decision RateLimiter::take(const QString& key, qint64 nowMs)
{
    Decision decision;
    if (!enabled())
        return decision;

    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{double(m_capacity), nowMs});
    Bucket& bucket = it.value();
    const qint64 elapsed = std::max<qint64>(nowMs - bucket.updatedMs, 0);
    bucket.tokens = std::min(double(m_capacity), bucket.tokens + double(elapsed) * m_tokensPerMs);
    bucket.updatedMs = nowMs;

    // A tiny epsilon keeps floating-point refill from refusing a token that is due.
    decision.allowed = bucket.tokens >= 1.0 - 1e-9;
    if (decision.allowed)
        bucket.tokens = std::max(bucket.tokens - 1.0, 0.0);

    const auto secondsFor = [this](double tokens) {
        if (tokens <= 0 || m_tokensPerMs <= 0)
            return 0;
        return int(qCeil(tokens / m_tokensPerMs / 1000.0 - 1e-9));
    };
    decision.limit = m_capacity;
    decision.remaining = int(std::floor(bucket.tokens + 1e-9));
    decision.resetSeconds = secondsFor(double(m_capacity) - bucket.tokens);
    if (!decision.allowed)
        decision.retryAfterSeconds = std::max(secondsFor(1.0 - bucket.tokens), 1);
    return decision;
}

} // namespace fetchmedia::sandbox
