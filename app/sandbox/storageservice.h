#pragma once

#include <QtCore/QString>

class QHttpServerRequest;
class QHttpServerResponder;

namespace fetchmedia::sandbox {

struct SandboxState;

// The storage origin behind the signed URLs: GET/HEAD /f/{id}/{filename}?expires=…&sig=…,
// with Range support. It never asks for a key, and counts every request that brings one.
class StorageService final {
public:
    explicit StorageService(SandboxState& state);

    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder);

    // Parses a single "bytes=A-B" / "bytes=A-" / "bytes=-N" range against total. Returns false
    // for a header to ignore (absent, malformed, several ranges); *satisfiable tells 206 from 416.
    static bool parseRange(const QByteArray& header, qint64 total, qint64* first, qint64* last,
                           bool* satisfiable);

private:
    SandboxState& m_state;
};

} // namespace fetchmedia::sandbox
