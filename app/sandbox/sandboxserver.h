#pragma once

#include "app/sandbox/sandboxoptions.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QUrl>

#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;

namespace fetchmedia::sandbox {

class ApiService;
class HttpListener;
class StorageService;
struct SandboxState;

// The local FetchMedia emulator: an API listener (the /v1 Fetch endpoints, /_sandbox/ control)
// and a storage listener on another port (another origin) serving the signed download URLs.
// Both bind 127.0.0.1 only. See sandboxoptions.cpp (--help) for the behaviours and triggers.
class SandboxServer final : public QObject {
    Q_OBJECT
public:
    explicit SandboxServer(SandboxOptions options, QObject* parent = nullptr);
    ~SandboxServer() override;

    bool start(QString* errorMessage = nullptr);   // binds API + storage listeners on 127.0.0.1
    QUrl apiBaseUrl() const;       // "http://127.0.0.1:PORT/v1"
    QUrl storageBaseUrl() const;   // "http://127.0.0.1:OTHERPORT"
    QJsonObject stats() const;     // same JSON as GET /_sandbox/stats
    const SandboxOptions& options() const;

    static QByteArray sampleMedia();                          // the MP4 bytes served by default
    static QByteArray payloadBytes(qint64 offset, qint64 length); // slice of the fixed pseudo-random sequence

private:
    void handleApi(const QHttpServerRequest& request, QHttpServerResponder&& responder);

    // Declaration order is destruction order in reverse: listeners (and their sockets and
    // streamers) go first, the state they point into last.
    std::unique_ptr<SandboxState> m_state;
    std::unique_ptr<ApiService> m_api;
    std::unique_ptr<StorageService> m_storage;
    std::unique_ptr<HttpListener> m_apiListener;
    std::unique_ptr<HttpListener> m_storageListener;
};

} // namespace fetchmedia::sandbox
