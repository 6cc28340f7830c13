#include "app/core/jobs/download.h"

#include "app/core/api/apiclient.h"
#include "app/core/jobs/filenames.h"
#include "app/core/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace fetchmedia {

namespace {

constexpr qint64 kChunkBytes = 256 * 1024;
constexpr int kMaxNumbering = 999;

// Range requests come with the resume work; until then only a whole answer is accepted.
bool isSuccessStatus(int status)
{
    return status == 200;
}

bool syncToDisk(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_UNIX
    return ::fsync(file.handle()) == 0;
#else
    return true;
#endif
}

} // namespace

Download::Download(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
}

Download::~Download()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (!m_done)
        discardPartFile();
}

void Download::start(const QUrl &signedUrl, const QString &folder, const QString &fallbackName)
{
    m_folder = folder;
    m_fallbackName = fallbackName;
    if (!QDir().mkpath(folder)) {
        fail(ErrorKind::Local, tr("Cannot create the download folder %1.")
                                   .arg(QDir::toNativeSeparators(folder)));
        return;
    }
    m_sinceProgress.start();
    request(signedUrl);
}

void Download::request(const QUrl &url)
{
    // A fresh request: only what a plain browser download would send.
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", ApiClient::userAgent());
    request.setRawHeader("Accept-Encoding", "identity");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(m_transferTimeoutMs);

    m_reply = m_network->get(request);
    m_reply->setReadBufferSize(kReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &Download::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &Download::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &Download::onFinished);
}

void Download::cancel()
{
    if (m_reply) {
        m_reply->setProperty(kCancelledByUserProperty, true);
        m_reply->abort();
    }
}

void Download::onMetaDataChanged()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!isSuccessStatus(status) || m_part.isOpen())
        return;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    m_total = length.isValid() ? length.toLongLong() : -1;
    QString suggested = contentDispositionFileName(m_reply->rawHeader("Content-Disposition"));
    if (sanitizeFileName(suggested) == QLatin1String("video") || suggested.isEmpty())
        suggested = m_fallbackName;
    m_fileName = sanitizeFileName(suggested);
    if (!openPartFile())
        return;
    Q_EMIT progress(0, m_total);
}

bool Download::openPartFile()
{
    // Reserve a name no other file or running download holds: the ".part" is created
    // exclusively, so two jobs that both arrive as output.mp4 never share a file.
    const QDir folder(m_folder);
    for (int number = 0; number <= kMaxNumbering; ++number) {
        const QString candidate = numberedFileName(m_fileName, number);
        if (folder.exists(candidate))
            continue;
        const QString partPath = folder.filePath(candidate + QStringLiteral(".part"));
        if (!isInsideFolder(m_folder, partPath))
            break;
        m_part.setFileName(partPath);
        if (m_part.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            m_fileName = candidate;
            return true;
        }
        if (!m_part.exists()) {
            fail(ErrorKind::Local, tr("Cannot write to %1: %2")
                                       .arg(QDir::toNativeSeparators(m_folder), m_part.errorString()));
            return false;
        }
    }
    fail(ErrorKind::Local, tr("No free file name for %1 in %2.")
                               .arg(m_fileName, QDir::toNativeSeparators(m_folder)));
    return false;
}

bool Download::writeAvailable()
{
    if (!m_part.isOpen())
        return true;
    while (m_reply->bytesAvailable() > 0) {
        const QByteArray chunk = m_reply->read(kChunkBytes);
        if (m_part.write(chunk) != chunk.size()) {
            const QString reason = m_part.error() == QFileDevice::ResourceError
                ? tr("The disk is full.")
                : m_part.errorString();
            fail(ErrorKind::Local, tr("Cannot write %1: %2").arg(m_fileName, reason));
            return false;
        }
        m_received += chunk.size();
    }
    if (m_sinceProgress.elapsed() >= 200) {
        m_sinceProgress.restart();
        Q_EMIT progress(m_received, m_total);
    }
    return true;
}

void Download::onReadyRead()
{
    if (!m_reply || m_done)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!isSuccessStatus(status))
        return; // an error or redirect body: read whole in onFinished, it is small
    if (!m_part.isOpen())
        onMetaDataChanged();
    writeAvailable();
}

void Download::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_done)
        return;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    if (status >= 300 && status < 400) {
        const QUrl target = reply->url().resolved(reply->header(QNetworkRequest::LocationHeader).toUrl());
        m_reply = nullptr;
        if (++m_redirects > kMaxRedirects) {
            fail(ErrorKind::Protocol, tr("Too many redirects."), status);
        } else if (reply->url().scheme() == QLatin1String("https")
                   && target.scheme() != QLatin1String("https")) {
            fail(ErrorKind::Protocol, tr("The storage host redirected to an insecure address."), status);
        } else {
            request(target);
        }
        return;
    }

    if (isSuccessStatus(status) && reply->error() == QNetworkReply::NoError) {
        // The last bytes may arrive without a further readyRead.
        if (!m_part.isOpen())
            onMetaDataChanged();
        if (m_done || !writeAvailable())
            return;
        m_reply = nullptr;
        if (m_total >= 0 && m_received != m_total) {
            fail(ErrorKind::Transient, tr("The download ended early: %1 of %2 bytes.")
                                           .arg(m_received).arg(m_total));
            return;
        }
        const QString path = finalise();
        if (path.isEmpty())
            return;
        m_done = true;
        Q_EMIT progress(m_received, m_received);
        Q_EMIT finished(path);
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
    }
    if (!error.isError())
    {
        error.kind = ErrorKind::Protocol;
        error.code = QStringLiteral("unexpected_status");
        error.message = tr("Unexpected answer from the storage host (HTTP %1).").arg(status);
    }
    fail(error.kind, error.message, status);
}

QString Download::finalise()
{
    if (!syncToDisk(m_part)) {
        fail(ErrorKind::Local, tr("Cannot save %1: %2").arg(m_fileName, m_part.errorString()));
        return QString();
    }
    m_part.close();
    const QDir folder(m_folder);
    for (int number = 0; number <= kMaxNumbering; ++number) {
        const QString candidate = numberedFileName(m_fileName, number);
        const QString finalPath = folder.filePath(candidate);
        // Another file may have taken the name while we downloaded: never overwrite it.
        if (folder.exists(candidate))
            continue;
        if (m_part.rename(finalPath)) {
            qCInfo(lcDownload) << "saved" << QDir::toNativeSeparators(finalPath) << m_received << "bytes";
            return finalPath;
        }
    }
    fail(ErrorKind::Local, tr("Cannot rename the finished download: %1").arg(m_part.errorString()));
    return QString();
}

void Download::fail(ErrorKind kind, const QString &message, int httpStatus)
{
    if (m_done)
        return;
    m_done = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    discardPartFile();
    ApiError error;
    error.kind = kind;
    error.httpStatus = httpStatus;
    error.message = message;
    error.code = errorKindName(kind);
    qCInfo(lcDownload) << "download failed:" << message;
    Q_EMIT failed(error);
}

void Download::discardPartFile()
{
    // Resuming from a kept .part belongs to the persistence work; until then a failed
    // download leaves nothing behind.
    if (m_part.fileName().endsWith(QStringLiteral(".part"))) {
        m_part.close();
        m_part.remove();
    }
}

} // namespace fetchmedia
