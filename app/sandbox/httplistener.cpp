#include "app/sandbox/httplistener.h"

#include <QtHttpServer/QHttpServerResponder>

namespace fetchmedia::sandbox {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Head: return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QStringLiteral("PATCH");
    default: return QStringLiteral("OTHER");
    }
}

HttpListener::HttpListener(Handler handler, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{
}

bool HttpListener::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    m_handler(request, makeResponder(request, socket));
    return true;
}

void HttpListener::missingHandler(const QHttpServerRequest& /*request*/, QTcpSocket* /*socket*/)
{
    // Unreachable: handleRequest answers everything.
}

} // namespace fetchmedia::sandbox
