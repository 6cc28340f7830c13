#include "app/sandbox/httplistener.h"

#include <QtHttpServer/QHttpServerResponder>

namespace fetchmedia::sandbox {

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
