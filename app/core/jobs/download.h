#pragma once

#include "app/core/api/apierror.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace fetchmedia {

// Streams one signed URL to "<name>.part" in a folder and renames it to its final name when
// complete and verified. The request is built from scratch: no key, no Authorization, no
// cookies, so nothing of the API's credentials reaches the storage host.
//
// A transfer that drops, stalls or fails keeps its .part; start() with that path resumes it
// with Range and checks the answer: 206 with the right Content-Range appends, 200 starts again
// from zero, 416 with the size we hold completes. Only discard() removes the .part.
class Download final : public QObject
{
    Q_OBJECT
public:
    explicit Download(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~Download() override; // aborts; keeps the .part for a later resume

    // fallbackName: used when the storage answer suggests no name (the API's {filename}).
    void start(const QUrl &signedUrl, const QString &folder, const QString &fallbackName,
               const QString &existingPartPath = {});
    void cancel();  // the person cancelled: failed(Cancelled) follows, the .part is removed
    void discard(); // abort quietly and remove the .part

    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    void setExpectedEtag(const QByteArray &etag) { m_etag = etag; }
    void setExpectedSize(qint64 total) { m_total = total; } // a change of size restarts
    QByteArray etag() const { return m_etag; }
    QString partPath() const { return m_part.fileName(); }
    qint64 received() const { return m_received; }

    static constexpr qint64 kReadBufferBytes = 4 * 1024 * 1024;
    static constexpr int kMaxRedirects = 5;

Q_SIGNALS:
    void progress(qint64 received, qint64 total); // total -1 when unknown; at most ~5 per second
    void partFileChosen(const QString &partPath);
    void finished(const QString &filePath);
    // error.code "signed_url_refused" asks for a fresh signed URL; partPath() tells what to resume.
    void failed(const fetchmedia::ApiError &error);

private:
    void request(const QUrl &url);
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void reportProgress();
    bool acceptAnswer(int status);
    bool openPartFile();
    bool writeAvailable();
    void restartFromZero(const QString &reason);
    void completeFromPart();
    void fail(ErrorKind kind, const QString &message, int httpStatus = 0, const QString &code = {});
    void removePartFile();
    void dropReply();
    QString finalise();

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    QString m_folder;
    QString m_fallbackName;
    QString m_fileName;     // sanitised final name, chosen when the first answer arrives
    QFile m_part;
    QByteArray m_etag;
    QByteArray m_chunk;      // read buffer, reused
    qint64 m_received = 0;  // bytes in the .part
    qint64 m_total = -1;    // size of the whole file when known
    int m_redirects = 0;
    int m_restarts = 0;
    int m_transferTimeoutMs = 30000;
    bool m_accepted = false; // the current answer's headers were checked
    bool m_done = false;
    QElapsedTimer m_sinceProgress;
    QTimer m_progressTimer; // runs only while a report is held back
    static constexpr qint64 kProgressIntervalMs = 200;
};

} // namespace fetchmedia
