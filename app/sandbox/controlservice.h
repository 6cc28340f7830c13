#pragma once

#include "app/sandbox/httpreply.h"

#include <QtCore/QStringList>

class QHttpServerRequest;

namespace fetchmedia::sandbox {

struct SandboxState;

// The /_sandbox/ endpoints that tests and demos drive the emulator with. No key: the sandbox
// listens on loopback only. Never counted in the API stats, never delayed, never flaky.
//   GET /_sandbox/stats          the counters (SandboxStats)
//   GET /_sandbox/keys           {"keys":[masked…]}
//   POST /_sandbox/keys          {"key":"fm_…"} -> 201 {"key": masked}: accepted from now on
//   DELETE /_sandbox/keys/{key}  -> 204: revoked, later requests with it get 401 invalid_token
class ControlService final {
public:
    explicit ControlService(SandboxState& state);

    // segments: the path split at '/', starting with "_sandbox". *logPath: the path as the
    // request log may show it (a key in the path is masked).
    HttpReply handle(const QHttpServerRequest& request, const QStringList& segments,
                     QString* logPath);

private:
    HttpReply addKey(const QByteArray& body);

    SandboxState& m_state;
};

} // namespace fetchmedia::sandbox
