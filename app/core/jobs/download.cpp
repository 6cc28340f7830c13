#include "app/core/jobs/download.h"

#include "app/core/api/apiclient.h"
#include "app/core/jobs/contentrange.h"
#include "app/core/jobs/durablesync.h"
#include "app/core/jobs/filenames.h"
#include "app/core/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace fetchmedia {

namespace {

constexpr qint64 kChunkBytes = 1024 * 1024;
constexpr int kMaxNumbering = 999;
constexpr int kMaxRestarts = 2;
const QString kPartSuffix = QStringLiteral(".part");

int statusOf(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

Download::Download(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
    m_progressTimer.setSingleShot(true);
    connect(&m_progressTimer, &QTimer::timeout, this, &Download::reportProgress);
}

void Download::reportProgress()
{
    m_progressTimer.stop();
    m_sinceProgress.restart();
    if (!m_done)
        Q_EMIT progress(m_received, m_total);
}

Download::~Download()
{
    dropReply();
    if (m_part.isOpen())
        m_part.close();
}

void Download::start(const QUrl &signedUrl, const QString &folder, const QString &fallbackName,
                     const QString &existingPartPath)
{
    m_folder = folder;
    m_fallbackName = fallbackName;
    m_sinceProgress.start();
    if (!QDir().mkpath(folder)) {
        fail(ErrorKind::Local, tr("Cannot create the download folder %1.")
                                   .arg(QDir::toNativeSeparators(folder)));
        return;
    }
    if (!existingPartPath.isEmpty() && QFileInfo::exists(existingPartPath)
        && isInsideFolder(folder, existingPartPath)) {
        m_part.setFileName(existingPartPath);
        if (!m_part.open(QIODevice::ReadWrite)) {
            fail(ErrorKind::Local, tr("Cannot reopen %1: %2")
                                       .arg(QDir::toNativeSeparators(existingPartPath), m_part.errorString()));
            return;
        }
        m_received = m_part.size();
        m_part.seek(m_received);
        m_fileName = QFileInfo(existingPartPath).fileName().chopped(kPartSuffix.size());
        qCInfo(lcDownload) << "resuming" << m_fileName << "from byte" << m_received;
    }
    request(signedUrl);
}

void Download::request(const QUrl &url)
{
    m_url = url;
    m_accepted = false;
    // A fresh request: only what a plain browser download would send.
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", ApiClient::userAgent());
    // Compression would defeat Range (servers answer 200 with the whole file).
    request.setRawHeader("Accept-Encoding", "identity");
    if (m_received > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_received) + '-');
        if (!m_etag.isEmpty())
            request.setRawHeader("If-Range", m_etag);
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    // Qt's transfer timeout counts time without bytes: it is our stall detector.
    request.setTransferTimeout(m_transferTimeoutMs);

    m_reply = m_network->get(request);
    m_reply->setReadBufferSize(kReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &Download::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &Download::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &Download::onFinished);
}

void Download::cancel()
{
    if (m_done)
        return;
    if (m_reply) {
        m_reply->setProperty(kCancelledByUserProperty, true);
        m_reply->abort(); // onFinished reports the cancel
        return;
    }
    removePartFile();
    fail(ErrorKind::Cancelled, tr("Cancelled."));
}

void Download::discard()
{
    m_done = true;
    dropReply();
    removePartFile();
}

void Download::dropReply()
{
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

void Download::onMetaDataChanged()
{
    const int status = statusOf(m_reply);
    if (!m_accepted && !m_done && (status == 200 || status == 206))
        acceptAnswer(status);
}

// Checks the headers of a 200/206 against what the .part holds. False when it restarted or failed.
bool Download::acceptAnswer(int status)
{
    m_accepted = true;
    const QByteArray etag = m_reply->rawHeader("ETag");
    if (!etag.isEmpty())
        m_etag = etag;

    if (status == 206) {
        const auto range = parseContentRange(m_reply->rawHeader("Content-Range"));
        if (!range || range->first < 0) {
            restartFromZero(QStringLiteral("unreadable Content-Range"));
            return false;
        }
        if (m_total >= 0 && range->total >= 0 && range->total != m_total) {
            restartFromZero(QStringLiteral("the file changed size on the server"));
            return false;
        }
        if (range->first > m_received || !m_part.isOpen()) {
            restartFromZero(QStringLiteral("the answer starts after the bytes we hold"));
            return false;
        }
        if (range->first < m_received) {
            // Overlap: overwrite from where the server starts instead of duplicating bytes.
            m_part.resize(range->first);
            m_part.seek(range->first);
            m_received = range->first;
        }
        m_total = range->total;
    } else {
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        m_total = length.isValid() ? length.toLongLong() : -1;
        if (m_part.isOpen() && m_received > 0) {
            qCInfo(lcDownload) << "server ignored Range: starting" << m_fileName << "from zero";
            m_part.resize(0);
            m_part.seek(0);
            m_received = 0;
        }
        if (!m_part.isOpen() && !openPartFile())
            return false;
    }
    Q_EMIT progress(m_received, m_total);
    return true;
}

bool Download::openPartFile()
{
    QString suggested = contentDispositionFileName(m_reply->rawHeader("Content-Disposition"));
    if (suggested.isEmpty() || sanitizeFileName(suggested) == QLatin1String("video"))
        suggested = m_fallbackName;
    m_fileName = sanitizeFileName(suggested);

    // Reserve a name no other file or running download holds: the ".part" is created
    // exclusively, so two jobs that both arrive as output.mp4 never share a file.
    const QDir folder(m_folder);
    for (int number = 0; number <= kMaxNumbering; ++number) {
        const QString candidate = numberedFileName(m_fileName, number);
        if (folder.exists(candidate))
            continue;
        const QString partPath = folder.filePath(candidate + kPartSuffix);
        if (!isInsideFolder(m_folder, partPath))
            break;
        m_part.setFileName(partPath);
        if (m_part.open(QIODevice::ReadWrite | QIODevice::NewOnly)) {
            m_fileName = candidate;
            Q_EMIT partFileChosen(partPath);
            return true;
        }
        if (!m_part.exists()) {
            m_part.setFileName(QString());
            fail(ErrorKind::Local, tr("Cannot write to %1: %2")
                                       .arg(QDir::toNativeSeparators(m_folder), m_part.errorString()));
            return false;
        }
    }
    m_part.setFileName(QString());
    fail(ErrorKind::Local, tr("No free file name for %1 in %2.")
                               .arg(m_fileName, QDir::toNativeSeparators(m_folder)));
    return false;
}

bool Download::writeAvailable()
{
    if (!m_part.isOpen())
        return true;
    while (m_reply && m_reply->bytesAvailable() > 0) {
        // One buffer for the whole transfer: no allocation per read on the hot path.
        m_chunk.resize(kChunkBytes);
        const qint64 read = m_reply->read(m_chunk.data(), kChunkBytes);
        if (read <= 0)
            break;
        if (m_part.write(m_chunk.constData(), read) != read) {
            const bool diskFull = m_part.error() == QFileDevice::ResourceError;
            fail(ErrorKind::Local,
                 diskFull ? tr("The disk is full: %1 is kept and can be resumed.").arg(m_fileName + kPartSuffix)
                          : tr("Cannot write %1: %2").arg(m_fileName + kPartSuffix, m_part.errorString()),
                 0, diskFull ? QStringLiteral("disk_full") : QStringLiteral("write_failed"));
            return false;
        }
        m_received += read;
    }
    // At most ~5 reports a second, and never a report left behind when the bytes pause.
    const qint64 sinceLast = m_sinceProgress.elapsed();
    if (sinceLast >= kProgressIntervalMs)
        reportProgress();
    else if (!m_progressTimer.isActive())
        m_progressTimer.start(int(kProgressIntervalMs - sinceLast));
    return true;
}

void Download::onReadyRead()
{
    if (!m_reply || m_done)
        return;
    const int status = statusOf(m_reply);
    if (status != 200 && status != 206)
        return; // an error or redirect body: read whole in onFinished, it is small
    if (!m_accepted && !acceptAnswer(status))
        return;
    writeAvailable();
}

void Download::restartFromZero(const QString &reason)
{
    qCInfo(lcDownload) << "restarting" << m_fileName << "from zero:" << reason;
    if (++m_restarts > kMaxRestarts) {
        fail(ErrorKind::Transient, tr("The storage host keeps answering with the wrong range (%1).").arg(reason));
        return;
    }
    dropReply();
    if (m_part.isOpen()) {
        m_part.resize(0);
        m_part.seek(0);
    }
    m_received = 0;
    m_total = -1;
    m_etag.clear();
    request(m_url);
}

void Download::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    reply->deleteLater();
    const int status = statusOf(reply);

    if (status >= 300 && status < 400) {
        const QUrl target = reply->url().resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
        m_reply = nullptr;
        if (++m_redirects > kMaxRedirects)
            fail(ErrorKind::Protocol, tr("Too many redirects."), status);
        else if (reply->url().scheme() == QLatin1String("https") && target.scheme() != QLatin1String("https"))
            fail(ErrorKind::Protocol, tr("The storage host redirected to an insecure address."), status);
        else
            request(target);
        return;
    }

    if (status == 416) {
        const auto range = parseContentRange(reply->rawHeader("Content-Range"));
        m_reply = nullptr;
        if (range && range->total >= 0 && range->total == m_received && m_received > 0)
            completeFromPart();
        else
            restartFromZero(QStringLiteral("the server refused the range"));
        return;
    }

    if (status == 200 || status == 206) {
        if (!m_accepted && !acceptAnswer(status))
            return;
        // The last bytes may arrive without a further readyRead.
        if (m_done || !writeAvailable())
            return;
        if (reply->error() != QNetworkReply::NoError) {
            // Dropped or stalled mid-body: keep what we have, the caller resumes.
            const ApiResponse response = readResponse(reply);
            m_reply = nullptr;
            if (response.error.kind == ErrorKind::Cancelled)
                removePartFile();
            fail(response.error.kind, tr("The download was interrupted at %1 bytes (%2).")
                                          .arg(m_received).arg(response.error.message),
                 0, response.error.code);
            return;
        }
        m_reply = nullptr;
        if (m_total >= 0 && m_received != m_total) {
            fail(ErrorKind::Transient, tr("The download ended early: %1 of %2 bytes.")
                                           .arg(m_received).arg(m_total));
            return;
        }
        completeFromPart();
        return;
    }

    const ApiResponse response = readResponse(reply);
    m_reply = nullptr;
    ApiError error = response.error;
    if (status == 403 || status == 401) {
        // From the storage host this means the signed link expired or was refused.
        error.kind = ErrorKind::Transient;
        error.code = QStringLiteral("signed_url_refused");
        error.message = tr("The download link expired or was refused by the storage host.");
    } else if (!error.isError()) {
        error.kind = ErrorKind::Protocol;
        error.code = QStringLiteral("unexpected_status");
        error.message = tr("Unexpected answer from the storage host (HTTP %1).").arg(status);
    }
    if (error.kind == ErrorKind::Cancelled)
        removePartFile();
    fail(error.kind, error.message, status, error.code);
}

void Download::completeFromPart()
{
    const QString path = finalise();
    if (path.isEmpty())
        return;
    m_done = true;
    Q_EMIT progress(m_received, m_received);
    Q_EMIT finished(path);
}

QString Download::finalise()
{
    if (m_total >= 0 && m_received != m_total) {
        fail(ErrorKind::Transient, tr("The download has %1 of %2 bytes.").arg(m_received).arg(m_total));
        return QString();
    }
    // A write error the kernel held back shows at flush or close, never later.
    const bool written = m_part.flush();
    m_part.close();
    if (!written || m_part.error() != QFileDevice::NoError) {
        fail(ErrorKind::Local, tr("Cannot save %1: %2").arg(m_fileName, m_part.errorString()));
        return QString();
    }
    const QDir folder(m_folder);
    for (int number = 0; number <= kMaxNumbering; ++number) {
        const QString candidate = numberedFileName(m_fileName, number);
        // Another file may have taken the name while we downloaded: never overwrite it.
        if (folder.exists(candidate))
            continue;
        const QString finalPath = folder.filePath(candidate);
        if (m_part.rename(finalPath)) {
            qCInfo(lcDownload) << "saved" << QDir::toNativeSeparators(finalPath) << m_received << "bytes";
            syncToDiskInBackground(finalPath);
            return finalPath;
        }
    }
    fail(ErrorKind::Local, tr("Cannot rename the finished download: %1").arg(m_part.errorString()));
    return QString();
}

void Download::fail(ErrorKind kind, const QString &message, int httpStatus, const QString &code)
{
    if (m_done)
        return;
    m_done = true;
    dropReply();
    if (m_part.isOpen()) {
        m_part.flush();
        m_part.close();
    }
    ApiError error;
    error.kind = kind;
    error.httpStatus = httpStatus;
    error.message = message;
    error.code = code.isEmpty() ? errorKindName(kind) : code;
    qCInfo(lcDownload) << "download stopped:" << message;
    Q_EMIT failed(error);
}

void Download::removePartFile()
{
    if (m_part.fileName().endsWith(kPartSuffix)) {
        m_part.close();
        m_part.remove();
    }
}

} // namespace fetchmedia
