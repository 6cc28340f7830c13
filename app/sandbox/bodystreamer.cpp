#include "app/sandbox/bodystreamer.h"

#include <QtCore/QIODevice>
#include <QtNetwork/QTcpSocket>

#include <algorithm>

namespace fetchmedia::sandbox {

namespace {
constexpr qint64 kChunkBytes = 64 * 1024;
constexpr qint64 kHighWaterBytes = 4 * kChunkBytes; // queued in Qt's socket buffer at most
} // namespace

BodyStreamer::BodyStreamer(QTcpSocket* socket, std::unique_ptr<QIODevice> source, qint64 offset,
                           qint64 length, qint64 stopAfter, AtStop atStop, Progress progress,
                           qint64 bytesPerSecond)
    : QObject(socket)
    , m_socket(socket)
    , m_source(std::move(source))
    , m_budget(stopAfter >= 0 ? std::min(stopAfter, length) : length)
    , m_closeAtEnd(atStop == AtStop::Close && stopAfter >= 0 && stopAfter < length)
    , m_progress(std::move(progress))
    , m_bytesPerSecond(std::max<qint64>(bytesPerSecond, 0))
{
    m_source->seek(offset);
    m_chunk.resize(kChunkBytes);
    m_paceTimer.setSingleShot(true);
    m_paceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_paceTimer, &QTimer::timeout, this, &BodyStreamer::pump);
}

qint64 BodyStreamer::allowedNow() const
{
    return qint64(double(m_bytesPerSecond) * double(m_clock.nsecsElapsed()) / 1e9); // no overflow at TBs
}

BodyStreamer::~BodyStreamer() = default;

void BodyStreamer::start()
{
    connect(m_socket, &QTcpSocket::bytesWritten, this, &BodyStreamer::pump);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    m_clock.start();
    pump();
}

void BodyStreamer::pump()
{
    if (!m_socket)
        return;
    while (m_budget > 0 && m_socket->bytesToWrite() < kHighWaterBytes) {
        qint64 wanted = std::min(kChunkBytes, m_budget);
        if (m_bytesPerSecond > 0) {
            wanted = std::min(wanted, allowedNow() - m_sent);
            if (wanted <= 0) {
                // Ahead of the line's speed: wait until one more chunk is due.
                const double dueMs = double(m_sent + kChunkBytes) * 1e3 / double(m_bytesPerSecond);
                const double nowMs = double(m_clock.nsecsElapsed()) / 1e6;
                m_paceTimer.start(int(std::clamp(dueMs - nowMs, 1.0, 1000.0)));
                return;
            }
        }
        const qint64 read = m_source->read(m_chunk.data(), wanted);
        if (read <= 0) {
            // The device ended early: the response cannot be completed, so end the connection
            // (the client sees a short body instead of waiting forever).
            m_socket->disconnectFromHost();
            deleteLater();
            return;
        }
        m_socket->write(m_chunk.constData(), read);
        m_budget -= read;
        m_sent += read;
        if (m_progress)
            m_progress(read);
    }
    if (m_budget == 0) {
        // Done, or stalled on purpose: either way nothing more is sent. The socket stays open;
        // the HTTP server keeps it for the next request (or the stalled client gives up).
        // A drop closes it instead, after the queued bytes are flushed.
        disconnect(m_socket, nullptr, this, nullptr);
        if (m_closeAtEnd)
            m_socket->disconnectFromHost();
        deleteLater();
    }
}

} // namespace fetchmedia::sandbox
