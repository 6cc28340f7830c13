#pragma once

#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace fetchmedia {

// Thumbnails named by the service's metadata, fetched on first sight and kept on disk under a
// size cap (oldest first out). They live on other origins (a CDN, the storage host), so each
// request is built fresh: no key, no Authorization, no cookies. Only image bytes are kept.
class ThumbnailCache final : public QObject
{
    Q_OBJECT
public:
    ThumbnailCache(QNetworkAccessManager *network, QString folder, QObject *parent = nullptr);

    static QString defaultFolder(); // <cache location>/thumbnails
    static constexpr qint64 kMaxImageBytes = 2 * 1024 * 1024;
    void setLimitBytes(qint64 bytes) { m_limitBytes = bytes; }

    // The cached file for url, or empty when it is not (yet) on disk.
    QString pathFor(const QUrl &url) const;
    // Fetches url unless it is cached, already on its way, or failed before.
    void request(const QUrl &url);

Q_SIGNALS:
    void ready(const QUrl &url);

private:
    QString fileFor(const QUrl &url) const;
    void store(const QUrl &url, const QByteArray &bytes);
    void prune();

    QNetworkAccessManager *m_network;
    QString m_folder;
    qint64 m_limitBytes = 64LL * 1024 * 1024;
    QSet<QUrl> m_inFlight;
    QSet<QUrl> m_failed;
};

// True for the image formats a thumbnail comes in (PNG, JPEG, GIF, WebP), by their magic bytes.
bool looksLikeImage(const QByteArray &bytes);

} // namespace fetchmedia
