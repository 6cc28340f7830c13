#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace fetchmedia::sandbox {

// How a 429 says when to come back (--retry-after-format).
enum class RetryAfterFormat {
    Seconds,  // Retry-After: N and body error.retry_after: N
    HttpDate, // Retry-After: IMF-fixdate plus a Date header; no body field
    Garbage,  // Retry-After: soon; no body field
    None,     // neither
};

// Everything that can be tuned on the emulator; the program fills it from the command line,
// tests fill it directly.
struct SandboxOptions {
    quint16 port = 0;                 // 0 = any free port
    QStringList keys;                 // accepted keys; empty => {defaultKey()}
    int jobSeconds = 2;               // time for pending->running->success (running after ~half)
    qint64 fileBytes = -1;            // -1: serve the sample MP4; N: first N bytes of the fixed pseudo-random sequence
    int rateLimitCount = 0;           // 0 = no limit; else N requests per rateLimitSeconds per key (token bucket)
    int rateLimitSeconds = 60;
    int signedUrlSeconds = 900;       // signed URL lifetime
    bool logRequests = true;          // request log lines (stderr via qInfo in category "fetchmedia.sandbox")

    // Fault knobs (issue 4): each one provokes a client behaviour on purpose.
    RetryAfterFormat retryAfterFormat = RetryAfterFormat::Seconds;
    double flakyShare = 0;            // 0..1: share of /v1 requests answered 500/502/503 (rotating)
    quint32 seed = 1;                 // seeds the flaky draw, so a run can be reproduced
    int latencyMs = 0;                // every API answer (not /_sandbox/) is delayed this long
    qint64 dropAfterBytes = -1;       // storage closes the connection after N body bytes of each response
    qint64 stallAfterBytes = -1;      // storage goes quiet after N body bytes, socket left open
    bool ignoreRange = false;         // storage answers 200 + full body to Range requests
    qint64 bandwidthBytesPerSecond = 0; // storage sends each response at most this fast; 0: as fast as it can
};

QString retryAfterFormatName(RetryAfterFormat format);

// The documented public sandbox key, accepted when no key is configured.
QString defaultKey();

// The outcome of reading the program's command line. Kept apart from main() so it can be tested.
struct CommandLine {
    enum class Action { Run, Help, Version, Error };
    Action action = Action::Run;
    SandboxOptions options;
    QString text;                     // help text, version line or error message
};

CommandLine parseCommandLine(const QStringList& arguments);

} // namespace fetchmedia::sandbox
