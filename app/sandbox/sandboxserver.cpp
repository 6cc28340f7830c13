#include "app/sandbox/sandboxserver.h"

#include "app/sandbox/apiservice.h"
#include "app/sandbox/httplistener.h"
#include "app/sandbox/payloaddevice.h"
#include "app/sandbox/sandboxlog.h"
#include "app/sandbox/sandboxstate.h"
#include "app/sandbox/storageservice.h"

#include <QtCore/QFile>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtCore/QUuid>
#include <QtHttpServer/QHttpServerRequest>
#include <QtHttpServer/QHttpServerResponder>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <memory>

namespace fetchmedia::sandbox {

namespace {

// Binds a listener to 127.0.0.1:port (never another interface: the sandbox is local only).
quint16 bindLocal(HttpListener* listener, quint16 port, QString* errorMessage)
{
    auto server = std::make_unique<QTcpServer>();
    if (!server->listen(QHostAddress(QHostAddress::LocalHost), port)) {
        if (errorMessage) {
            *errorMessage = QStringLiteral("cannot listen on 127.0.0.1:%1: %2")
                                .arg(port)
                                .arg(server->errorString());
        }
        return 0;
    }
    const quint16 bound = server->serverPort();
    listener->bind(server.release()); // the listener takes ownership
    return bound;
}

} // namespace

SandboxServer::SandboxServer(SandboxOptions options, QObject* parent)
    : QObject(parent)
    , m_state(std::make_unique<SandboxState>(std::move(options)))
    , m_api(std::make_unique<ApiService>(*m_state))
    , m_storage(std::make_unique<StorageService>(*m_state))
{
}

SandboxServer::~SandboxServer() = default;

bool SandboxServer::start(QString* errorMessage)
{
    if (m_apiListener)
        return true;
    auto api = std::make_unique<HttpListener>(
        [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            handleApi(request, std::move(responder));
        });
    auto storage = std::make_unique<HttpListener>(
        [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            m_storage->handle(request, std::move(responder));
        });
    const quint16 apiPort = bindLocal(api.get(), m_state->options.port, errorMessage);
    if (apiPort == 0)
        return false;
    const quint16 storagePort = bindLocal(storage.get(), 0, errorMessage);
    if (storagePort == 0)
        return false;

    m_state->apiBase = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(apiPort));
    m_state->storageBase = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(storagePort));
    m_apiListener = std::move(api);
    m_storageListener = std::move(storage);
    return true;
}

QUrl SandboxServer::apiBaseUrl() const
{
    return m_state->apiBase;
}

QUrl SandboxServer::storageBaseUrl() const
{
    return m_state->storageBase;
}

QJsonObject SandboxServer::stats() const
{
    return m_state->stats.toJson();
}

const SandboxOptions& SandboxServer::options() const
{
    return m_state->options;
}

QByteArray SandboxServer::sampleMedia()
{
    // Read once; QByteArray is implicitly shared, so every download uses the same bytes.
    static const QByteArray bytes = [] {
        QFile file(QStringLiteral(":/fetchmedia/sandbox/sample.mp4"));
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcSandbox, "sample media resource missing");
            return QByteArray();
        }
        return file.readAll();
    }();
    return bytes;
}

QByteArray SandboxServer::payloadBytes(qint64 offset, qint64 length)
{
    QByteArray bytes;
    if (offset < 0 || length <= 0)
        return bytes;
    bytes.resize(length);
    fillPayload(bytes.data(), offset, length);
    return bytes;
}

void SandboxServer::handleApi(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    ApiService::Outcome outcome = m_api->handle(request);
    outcome.reply.setHeader("X-Request-Id",
                            QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
    const int latencyMs = outcome.control ? 0 : m_state->options.latencyMs;
    if (latencyMs <= 0) {
        outcome.reply.send(responder);
    } else {
        // One timer per answer, so slow answers overlap as they would on a slow network. The
        // responder only writes to its socket, which may be gone by then: QPointer tells.
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        QPointer<QTcpSocket> socket = held->socket();
        QTimer::singleShot(latencyMs, Qt::PreciseTimer, this,
                           [held, socket, reply = outcome.reply] {
                               if (socket && socket->isOpen())
                                   reply.send(*held);
                           });
    }
    if (outcome.countInStats)
        m_state->stats.recordApiRequest(outcome.endpoint, outcome.reply.status);
    if (m_state->options.logRequests) {
        // Path only: the query may hold ?key=; the auth column says how a key came, never which.
        // A key in a /_sandbox/keys/ path is masked (logPath).
        qCInfo(lcSandbox).noquote() << QStringLiteral("api %1 %2 -> %3 auth=%4")
                                           .arg(outcome.method, outcome.logPath)
                                           .arg(outcome.reply.status)
                                           .arg(authMethodName(outcome.auth));
    }
}

} // namespace fetchmedia::sandbox
