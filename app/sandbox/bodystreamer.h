#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

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
    // bytesPerSecond > 0: never faster than that, measured from start().
    BodyStreamer(QTcpSocket* socket, std::unique_ptr<QIODevice> source, qint64 offset,
                 qint64 length, qint64 stopAfter, AtStop atStop, Progress progress,
                 qint64 bytesPerSecond = 0);
    ~BodyStreamer() override;

    void start();

private:
    void pump();
    qint64 allowedNow() const; // bytes the bandwidth cap lets out by now, in all
    QPointer<QTcpSocket> m_socket;
    std::unique_ptr<QIODevice> m_source;
    qint64 m_budget = 0; // bytes this streamer may still send (remaining, or up to the stop)
    bool m_closeAtEnd = false; // a Close stop that cuts the body short
    Progress m_progress;
    QByteArray m_chunk;
    qint64 m_bytesPerSecond = 0;
    qint64 m_sent = 0;
    QElapsedTimer m_clock;
    QTimer m_paceTimer; // wakes the pump when the cap allows the next chunk
};

} // namespace fetchmedia::sandbox
