#pragma once

#include <QtCore/QHash>
#include <QtCore/QString>

namespace fetchmedia::sandbox {

// Token bucket per key: capacity `count`, refilled continuously at count/seconds tokens per
// second. Time comes in as a monotonic millisecond value so tests can drive it.
class RateLimiter final {
public:
    struct Decision {
        bool allowed = true;
        int limit = 0;            // X-RateLimit-Limit: bucket capacity
        int remaining = 0;        // X-RateLimit-Remaining: whole tokens left after this request
        int resetSeconds = 0;     // X-RateLimit-Reset: seconds until the bucket is full again
        int retryAfterSeconds = 0; // on refusal: seconds until the next whole token (>= 1)
    };

    RateLimiter(int count, int seconds);

    bool enabled() const { return m_capacity > 0; }
    Decision take(const QString& key, qint64 nowMs);

private:
    struct Bucket {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    int m_capacity = 0;
    double m_tokensPerMs = 0;
    QHash<QString, Bucket> m_buckets;
};

} // namespace fetchmedia::sandbox
