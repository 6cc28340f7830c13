#pragma once

#include "app/core/api/apierror.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace fetchmedia {

// Streams one signed URL to "<name>.part" in a folder and renames it to its final name when
// complete and verified. The request is built from scratch: no key, no Authorization, no
// cookies, so nothing of the API's credentials reaches the storage host.
class Download final : public QObject
{
    Q_OBJECT
public:
    explicit Download(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~Download() override;

    // fallbackName: used when the storage answer suggests no name (the API's {filename}).
    void start(const QUrl &signedUrl, const QString &folder, const QString &fallbackName);
    void cancel();

    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    static constexpr qint64 kReadBufferBytes = 4 * 1024 * 1024;
    static constexpr int kMaxRedirects = 5;

Q_SIGNALS:
    void progress(qint64 received, qint64 total); // total -1 when unknown; at most ~5 per second
    void finished(const QString &filePath);
    void failed(const fetchmedia::ApiError &error);

private:
    void request(const QUrl &url);
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    bool openPartFile();
    bool writeAvailable();
    void fail(ErrorKind kind, const QString &message, int httpStatus = 0);
    void discardPartFile();
    QString finalise();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QString m_folder;
    QString m_fallbackName;
    QString m_fileName;     // sanitised, chosen when the answer's headers arrive
    QFile m_part;
    qint64 m_received = 0;
    qint64 m_total = -1;
    int m_redirects = 0;
    int m_transferTimeoutMs = 30000;
    bool m_done = false;
    QElapsedTimer m_sinceProgress;
};

} // namespace fetchmedia
