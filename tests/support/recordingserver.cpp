#include "tests/support/recordingserver.h"

#include <QTcpSocket>

namespace fetchmedia::test {

QByteArray RecordingServer::Request::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

RecordingServer::RecordingServer(Handler handler, QObject *parent)
    : QTcpServer(parent), m_handler(std::move(handler))
{
    connect(this, &QTcpServer::newConnection, this, &RecordingServer::onConnection);
}

bool RecordingServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

QUrl RecordingServer::origin() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort()));
}

QByteArray RecordingServer::answer(int status, const QByteArray &reason, const QByteArray &body,
                                   const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const auto &[key, value] : headers)
        out += key + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    return out + body;
}

void RecordingServer::onConnection()
{
    while (QTcpSocket *socket = nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            // Requests here are GETs or small POSTs: the head and body come in one read.
            const QByteArray data = socket->property("buffer").toByteArray() + socket->readAll();
            const qsizetype headEnd = data.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                socket->setProperty("buffer", data);
                return;
            }
            const QList<QByteArray> lines = data.left(headEnd).split('\n');
            Request request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.target = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
            }
            m_requests.append(request);
            socket->write(m_handler(request));
            socket->disconnectFromHost();
        });
    }
}

} // namespace fetchmedia::test
