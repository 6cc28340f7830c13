#pragma once

#include <QtHttpServer/QAbstractHttpServer>
#include <QtHttpServer/QHttpServerRequest>

#include <functional>

class QHttpServerResponder;

namespace fetchmedia::sandbox {

// "GET", "POST", … for logs and stats labels.
QString methodName(QHttpServerRequest::Method method);

// A bare HTTP listener that hands every request to one function. The sandbox routes by itself
// (auth before routing, one log line per request, a 404 for everything unknown), so
// QHttpServer's router would only be in the way.
class HttpListener final : public QAbstractHttpServer {
    Q_OBJECT
public:
    using Handler = std::function<void(const QHttpServerRequest&, QHttpServerResponder&&)>;

    explicit HttpListener(Handler handler, QObject* parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    Handler m_handler;
};

} // namespace fetchmedia::sandbox
