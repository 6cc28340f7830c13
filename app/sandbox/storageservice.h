#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

class QHttpServerRequest;
class QHttpServerResponder;

namespace fetchmedia::sandbox {

struct SandboxState;

// The storage origin behind the signed URLs: GET/HEAD /f/{id}/{filename}?expires=…&sig=…,
// with Range (and If-Range against its ETag) support. It never asks for a key, and counts
// every request that brings one. Fault knobs: --drop-after, --stall-after, --ignore-range.
class StorageService final {
public:
    explicit StorageService(SandboxState& state);

    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder);

    // Parses a single "bytes=A-B" / "bytes=A-" / "bytes=-N" range against total. Returns false
    // for a header to ignore (absent, malformed, several ranges); *satisfiable tells 206 from 416.
    static bool parseRange(const QByteArray& header, qint64 total, qint64* first, qint64* last,
                           bool* satisfiable);
    // The ETag of file `id` of `size` bytes, quotes included.
    static QByteArray entityTag(const QString& id, qint64 size);

private:
    SandboxState& m_state;
};

} // namespace fetchmedia::sandbox
