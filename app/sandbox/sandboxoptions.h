#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace fetchmedia::sandbox {

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
};

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
