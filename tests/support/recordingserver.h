#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <QUrl>

#include <functional>

namespace fetchmedia::test {

// A bare HTTP/1.1 server on 127.0.0.1 that records every request head it receives and answers
// with whatever the test's handler returns. For "any server" checks the sandbox cannot make,
// such as a download that redirects to an origin of the test's choosing.
class RecordingServer final : public QTcpServer
{
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray target; // path and query as sent
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray header(const QByteArray &name) const;
    };
    using Handler = std::function<QByteArray(const Request &)>; // returns the whole answer

    explicit RecordingServer(Handler handler, QObject *parent = nullptr);
    bool start();
    QUrl origin() const; // http://127.0.0.1:PORT

    const QList<Request> &requests() const { return m_requests; }

    static QByteArray answer(int status, const QByteArray &reason, const QByteArray &body,
                             const QList<QPair<QByteArray, QByteArray>> &headers = {});

private:
    void onConnection();

    Handler m_handler;
    QList<Request> m_requests;
};

} // namespace fetchmedia::test
