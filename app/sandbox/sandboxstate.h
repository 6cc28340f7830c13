#pragma once

#include "app/sandbox/fetchjobs.h"
#include "app/sandbox/flakyanswers.h"
#include "app/sandbox/keyregistry.h"
#include "app/sandbox/ratelimiter.h"
#include "app/sandbox/sandboxoptions.h"
#include "app/sandbox/sandboxstats.h"
#include "app/sandbox/signedurls.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QUrl>

#include <memory>

class QIODevice;

namespace fetchmedia::sandbox {

// Everything the API and storage listeners share. Owned by SandboxServer; the services hold a
// reference. Single-threaded: all access happens on the server's thread.
struct SandboxState {
    explicit SandboxState(SandboxOptions sandboxOptions);

    SandboxOptions options;
    FetchJobs jobs;
    RateLimiter limiter;
    SignedUrls signer;
    SandboxStats stats;
    KeyRegistry keys;    // accepted at run time (options.keys is only the start)
    FlakyAnswers flaky;
    QHash<QString, qint64> retryNotBeforeMs; // per key: when its last 429 said to come back
    QElapsedTimer clock; // monotonic; job ages and token buckets
    QUrl apiBase;        // http://127.0.0.1:PORT/v1
    QUrl storageBase;    // http://127.0.0.1:OTHERPORT

    qint64 nowMs() const { return clock.elapsed(); }
    // Size of the file every successful fetch serves, and a fresh device reading it.
    qint64 mediaSize() const;
    std::unique_ptr<QIODevice> openMedia() const;
};

} // namespace fetchmedia::sandbox
