#include "app/sandbox/storageservice.h"

#include "app/sandbox/auth.h"
#include "app/sandbox/bodystreamer.h"
#include "app/sandbox/httplistener.h"
#include "app/sandbox/httpreply.h"
#include "app/sandbox/sandboxlog.h"
#include "app/sandbox/sandboxstate.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtCore/QUuid>
#include <QtHttpServer/QHttpServerRequest>
#include <QtHttpServer/QHttpServerResponder>
#include <QtNetwork/QTcpSocket>

namespace fetchmedia::sandbox {

QByteArray StorageService::entityTag(const QString& id, qint64 size)
{
    // Strong and stable: the bytes of a file depend only on which file and how long it is.
    const QByteArray seed = id.toLatin1() + ':' + QByteArray::number(size);
    return '"' + QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(20) + '"';
}

StorageService::StorageService(SandboxState& state)
    : m_state(state)
{
}

bool StorageService::parseRange(const QByteArray& header, qint64 total, qint64* first,
                                qint64* last, bool* satisfiable)
{
    static const QRegularExpression pattern(QStringLiteral("^bytes=(\\d*)-(\\d*)$"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(header.trimmed()));
    if (!match.hasMatch())
        return false;
    const QString a = match.captured(1);
    const QString b = match.captured(2);
    bool okA = false;
    bool okB = false;
    const qint64 start = a.toLongLong(&okA);
    const qint64 end = b.toLongLong(&okB);
    if (a.isEmpty() && b.isEmpty())
        return false;
    if (a.isEmpty()) { // suffix range: the last N bytes
        if (!okB)
            return false;
        *satisfiable = end > 0 && total > 0;
        *first = std::max<qint64>(total - end, 0);
        *last = total - 1;
        return true;
    }
    if (!okA || (!b.isEmpty() && (!okB || end < start)))
        return false; // syntactically invalid: ignored, as RFC 9110 says
    *satisfiable = start < total;
    *first = start;
    *last = b.isEmpty() ? total - 1 : std::min(end, total - 1);
    return true;
}

void StorageService::handle(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    // A correct client sends nothing secret here; anything key-like is a leak, counted.
    const bool leaked = hasHeader(request, "X-API-KEY") || hasHeader(request, "Authorization")
        || request.query().hasQueryItem(QStringLiteral("key"));
    const bool head = request.method() == QHttpServerRequest::Method::Head;
    const QString path = request.url().path();
    const QByteArray requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();

    const auto finish = [&](int status) {
        m_state.stats.recordStorageRequest(status, leaked);
        if (m_state.options.logRequests) {
            qCInfo(lcSandbox).noquote()
                << QStringLiteral("storage %1 %2 -> %3 credentials=%4")
                       .arg(methodName(request.method()), path)
                       .arg(status)
                       .arg(leaked ? QStringLiteral("LEAKED") : QStringLiteral("none"));
        }
    };
    const auto fail = [&](int status, const QString& code, const QString& message) {
        HttpReply reply = HttpReply::nestedError(status, code, message);
        reply.setHeader("X-Request-Id", requestId);
        reply.send(responder);
        finish(status);
    };

    // Thumbnails: one small image for every video, public like a CDN's.
    static const QRegularExpression thumbnailRoute(QStringLiteral("^/t/[A-Za-z0-9_-]+\\.png$"));
    if (thumbnailRoute.match(path).hasMatch() && request.method() == QHttpServerRequest::Method::Get) {
        static const QByteArray image = [] {
            QFile file(QStringLiteral(":/fetchmedia/sandbox/thumbnail.png"));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        responder.write(image, "image/png");
        return finish(200);
    }

    static const QRegularExpression route(QStringLiteral("^/f/([^/]+)/([^/]+)$"));
    const QRegularExpressionMatch match = route.match(path);
    if (!match.hasMatch())
        return fail(404, QStringLiteral("not_found"), QStringLiteral("No such object"));
    if (!head && request.method() != QHttpServerRequest::Method::Get)
        return fail(405, QStringLiteral("method_not_allowed"), QStringLiteral("Only GET and HEAD"));

    switch (m_state.signer.verify(path, request.query(), QDateTime::currentSecsSinceEpoch())) {
    case SignedUrls::Verdict::BadSignature:
        return fail(403, QStringLiteral("signature_invalid"),
                    QStringLiteral("The signature does not match this URL"));
    case SignedUrls::Verdict::Expired:
        return fail(403, QStringLiteral("signature_expired"),
                    QStringLiteral("The signed URL has expired; ask the API for a fresh one"));
    case SignedUrls::Verdict::Valid:
        break;
    }
    const FetchJobs::Job* job = m_state.jobs.find(match.captured(1));
    if (!job || job->source.fileName != match.captured(2))
        return fail(404, QStringLiteral("not_found"), QStringLiteral("No such object"));

    const qint64 total = m_state.mediaSize();
    const QByteArray etag = entityTag(job->id, total);
    qint64 first = 0;
    qint64 last = total - 1;
    bool satisfiable = true;
    bool ranged = !m_state.options.ignoreRange
        && parseRange(headerValue(request, "Range"), total, &first, &last, &satisfiable);
    if (ranged && hasHeader(request, "If-Range") && headerValue(request, "If-Range") != etag) {
        // Another version than the client has (or a date: there is no Last-Modified to match):
        // the whole file, as RFC 9110 says.
        ranged = false;
        first = 0;
        last = total - 1;
    }
    if (ranged && !satisfiable) {
        HttpReply reply = HttpReply::nestedError(416, QStringLiteral("range_not_satisfiable"),
                                                 QStringLiteral("Requested range not satisfiable"));
        reply.setHeader("Content-Range", "bytes */" + QByteArray::number(total));
        reply.setHeader("X-Request-Id", requestId);
        reply.send(responder);
        return finish(416);
    }

    const int status = ranged ? 206 : 200;
    const qint64 length = total > 0 ? last - first + 1 : 0;
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    responder.writeHeader("Content-Type", "video/mp4");
    responder.writeHeader("Content-Length", QByteArray::number(length));
    responder.writeHeader("Accept-Ranges", m_state.options.ignoreRange ? "none" : "bytes");
    responder.writeHeader("ETag", etag);
    responder.writeHeader("Content-Disposition",
                          "attachment; filename=\"" + job->source.fileName.toLatin1() + '"');
    if (ranged) {
        responder.writeHeader("Content-Range", "bytes " + QByteArray::number(first) + '-'
                                  + QByteArray::number(last) + '/' + QByteArray::number(total));
    }
    responder.writeHeader("Cache-Control", "private, no-store");
    responder.writeHeader("X-Request-Id", requestId);
    responder.writeBody(QByteArray()); // ends the header block
    finish(status);
    if (head || length == 0)
        return;

    m_state.stats.recordDownloadStarted();
    // Each limit counts from the start of this response's body, so a resuming client gains
    // ground every time. The first limit reached wins; a stall at the same byte beats a drop.
    qint64 stallAt = job->source.trigger == Trigger::Stall ? length / 2 : -1;
    const qint64 stallAfter = m_state.options.stallAfterBytes;
    if (stallAfter >= 0)
        stallAt = stallAt < 0 ? stallAfter : std::min(stallAt, stallAfter);
    const qint64 dropAt = m_state.options.dropAfterBytes;
    const bool drop = dropAt >= 0 && (stallAt < 0 || dropAt < stallAt);
    SandboxStats* stats = &m_state.stats;
    auto* streamer = new BodyStreamer(responder.socket(), m_state.openMedia(), first, length,
                                      drop ? dropAt : stallAt,
                                      drop ? BodyStreamer::AtStop::Close : BodyStreamer::AtStop::Stall,
                                      [stats](qint64 bytes) { stats->addBytesServed(bytes); },
                                      m_state.options.bandwidthBytesPerSecond);
    streamer->start();
}

} // namespace fetchmedia::sandbox
