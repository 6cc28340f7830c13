#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <functional>
#include <memory>

class QIODevice;
class QTcpSocket;

namespace fetchmedia::sandbox {

// Copies [offset, offset + length) of a device to a socket, 64 KiB at a time, writing more only
// when the socket's send buffer has drained: memory stays flat for any size. (Qt 6.4's
// QHttpServerResponder::write(QIODevice*) streams too, but in 512-byte steps and without a way
// to stop halfway, which the stall trigger needs.)
// Lives as a child of the socket, so a closed connection ends it.
class BodyStreamer final : public QObject {
    Q_OBJECT
public:
    using Progress = std::function<void(qint64 bytes)>;

    // What happens when stopAfter bytes are out and the body is not complete.
    enum class AtStop { Stall, Close };

    // stopAfter >= 0: send only that many bytes, then go quiet with the connection left open
    // (Stall) or close it once they are flushed (Close).
    BodyStreamer(QTcpSocket* socket, std::unique_ptr<QIODevice> source, qint64 offset,
                 qint64 length, qint64 stopAfter, AtStop atStop, Progress progress);
    ~BodyStreamer() override;

    void start();

private:
    void pump();

    QPointer<QTcpSocket> m_socket;
    std::unique_ptr<QIODevice> m_source;
    qint64 m_budget = 0; // bytes this streamer may still send (remaining, or up to the stop)
    bool m_closeAtEnd = false; // a Close stop that cuts the body short
    Progress m_progress;
    QByteArray m_chunk;
};

} // namespace fetchmedia::sandbox
