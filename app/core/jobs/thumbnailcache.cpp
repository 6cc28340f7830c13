#include "app/core/jobs/thumbnailcache.h"

#include "app/core/api/apiclient.h"
#include "app/core/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace fetchmedia {

bool looksLikeImage(const QByteArray &bytes)
{
    return bytes.startsWith("\x89PNG\r\n\x1a\n") || bytes.startsWith("\xff\xd8\xff")
        || bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a")
        || (bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP");
}

ThumbnailCache::ThumbnailCache(QNetworkAccessManager *network, QString folder, QObject *parent)
    : QObject(parent), m_network(network), m_folder(std::move(folder))
{
}

QString ThumbnailCache::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(QStringLiteral("thumbnails"));
}

QString ThumbnailCache::fileFor(const QUrl &url) const
{
    const QByteArray hash = QCryptographicHash::hash(url.toEncoded(), QCryptographicHash::Sha1).toHex();
    return QDir(m_folder).filePath(QString::fromLatin1(hash) + QStringLiteral(".img"));
}

QString ThumbnailCache::pathFor(const QUrl &url) const
{
    const QString path = fileFor(url);
    return QFileInfo::exists(path) ? path : QString();
}

void ThumbnailCache::request(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        || m_inFlight.contains(url) || m_failed.contains(url) || !pathFor(url).isEmpty())
        return;
    m_inFlight.insert(url);

    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", ApiClient::userAgent());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(15000);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxImageBytes)
            reply->abort(); // a thumbnail this large is not one
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        reply->deleteLater();
        m_inFlight.remove(url);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        if (reply->error() != QNetworkReply::NoError || status != 200 || !looksLikeImage(bytes)) {
            // Asked once per run: a broken image link is not worth a request per repaint.
            m_failed.insert(url);
            qCDebug(lcDownload) << "no thumbnail from" << url.host() << status;
            return;
        }
        store(url, bytes);
    });
}

void ThumbnailCache::store(const QUrl &url, const QByteArray &bytes)
{
    if (!QDir().mkpath(m_folder))
        return;
    QSaveFile file(fileFor(url));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return;
    prune();
    Q_EMIT ready(url);
}

void ThumbnailCache::prune()
{
    QFileInfoList files = QDir(m_folder).entryInfoList({QStringLiteral("*.img")}, QDir::Files);
    qint64 total = 0;
    for (const QFileInfo &file : files)
        total += file.size();
    if (total <= m_limitBytes)
        return;
    std::sort(files.begin(), files.end(), [](const QFileInfo &a, const QFileInfo &b) {
        return a.lastModified() < b.lastModified();
    });
    for (const QFileInfo &file : files) {
        if (total <= m_limitBytes)
            break;
        total -= file.size();
        QFile::remove(file.absoluteFilePath());
    }
}

} // namespace fetchmedia
