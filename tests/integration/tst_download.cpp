// Download against a scripted storage host: every answer of C25 to a resumed transfer, and
// what is left on disk after each.

#include "app/core/jobs/download.h"
#include "tests/support/recordingserver.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fetchmedia;
using fetchmedia::test::RecordingServer;

namespace {

QByteArray bytesOf(qint64 size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &c : data)
        c = char(generator.bounded(256));
    return data;
}

QByteArray contentRange(qint64 first, qint64 last, qint64 total)
{
    return "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
        + QByteArray::number(total);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TstDownload final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resumeChecksTheAnswer_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<int>("requests");
        QTest::newRow("a: 200 to a Range request restarts from zero") << "full200" << true << 1;
        QTest::newRow("b: 206 starting early overwrites the overlap") << "early206" << true << 1;
        QTest::newRow("c: 206 of a file that changed size restarts") << "resized206" << true << 2;
        QTest::newRow("d: 416 for a complete part finalises it") << "complete416" << true << 1;
        QTest::newRow("e: 403 keeps the part and asks for a new link") << "expired403" << false << 1;
        QTest::newRow("exact 206 appends") << "exact206" << true << 1;
    }

    void resumeChecksTheAnswer()
    {
        QFETCH(QString, answer);
        QFETCH(bool, succeeds);
        QFETCH(int, requests);

        const qint64 size = 3 * 1024 * 1024 + 17;
        const qint64 held = 1024 * 1024;
        const QByteArray file = bytesOf(size, 7);
        const QByteArray resized = bytesOf(size + 4096, 8);
        int served = 0;

        RecordingServer storage([&](const RecordingServer::Request &request) -> QByteArray {
            ++served;
            const QByteArray range = request.header("Range");
            if (answer == QLatin1String("full200") || range.isEmpty()) {
                const QByteArray &body = answer == QLatin1String("resized206") ? resized : file;
                return RecordingServer::answer(200, "OK", body, {{"ETag", "\"v1\""}});
            }
            if (answer == QLatin1String("exact206"))
                return RecordingServer::answer(206, "Partial Content", file.mid(held),
                                               {{"Content-Range", contentRange(held, size - 1, size)}});
            if (answer == QLatin1String("early206")) {
                const qint64 from = held - 8192;
                return RecordingServer::answer(206, "Partial Content", file.mid(from),
                                               {{"Content-Range", contentRange(from, size - 1, size)}});
            }
            if (answer == QLatin1String("resized206"))
                return RecordingServer::answer(206, "Partial Content", resized.mid(held),
                                               {{"Content-Range", contentRange(held, resized.size() - 1, resized.size())}});
            if (answer == QLatin1String("complete416"))
                return RecordingServer::answer(416, "Range Not Satisfiable", {},
                                               {{"Content-Range", "bytes */" + QByteArray::number(held)}});
            return RecordingServer::answer(403, "Forbidden", "<Error>Request has expired</Error>");
        });
        QVERIFY(storage.start());

        QTemporaryDir folder;
        const QString partPath = QDir(folder.path()).filePath(QStringLiteral("clip.mp4.part"));
        {
            QFile part(partPath);
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write(answer == QLatin1String("complete416") ? file.left(held) : file.left(held));
        }

        QNetworkAccessManager network;
        Download download(&network);
        if (answer == QLatin1String("resized206"))
            download.setExpectedSize(size);
        QSignalSpy finished(&download, &Download::finished);
        QSignalSpy failed(&download, &Download::failed);
        download.start(QUrl(storage.origin().toString() + QStringLiteral("/f/clip.mp4?sig=1")),
                       folder.path(), QStringLiteral("clip.mp4"), partPath);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() == 1, 10000);
        QCOMPARE(served, requests);
        QCOMPARE(storage.requests().first().header("Range"), "bytes=" + QByteArray::number(held) + '-');
        QCOMPARE(storage.requests().first().header("Accept-Encoding"), QByteArray("identity"));

        if (!succeeds) {
            const auto error = failed.first().first().value<ApiError>();
            QCOMPARE(error.code, QStringLiteral("signed_url_refused"));
            QCOMPARE(error.kind, ErrorKind::Transient);
            QCOMPARE(readFile(partPath), file.left(held)); // kept for the next link
            return;
        }
        const QString path = finished.first().first().toString();
        QCOMPARE(QFileInfo(path).fileName(), QStringLiteral("clip.mp4"));
        QVERIFY(!QFileInfo::exists(partPath));
        const QByteArray expected = answer == QLatin1String("resized206") ? resized
            : answer == QLatin1String("complete416")                      ? file.left(held)
                                                                          : file;
        QCOMPARE(readFile(path).size(), expected.size());
        QVERIFY(readFile(path) == expected);
    }

    void cancelRemovesThePartAndFailureKeepsIt()
    {
        const QByteArray file = bytesOf(64 * 1024, 3);
        RecordingServer storage([&](const RecordingServer::Request &) {
            // Promise more than is sent, then close: a dropped transfer.
            QByteArray answer = RecordingServer::answer(200, "OK", file);
            answer.replace("Content-Length: 65536", "Content-Length: 131072");
            return answer;
        });
        QVERIFY(storage.start());
        QTemporaryDir folder;
        QNetworkAccessManager network;
        Download download(&network);
        QSignalSpy failed(&download, &Download::failed);
        download.start(QUrl(storage.origin().toString() + QStringLiteral("/f/drop.mp4")),
                       folder.path(), QStringLiteral("drop.mp4"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(failed.first().first().value<ApiError>().kind, ErrorKind::Transient);
        QCOMPARE(download.received(), file.size());
        QCOMPARE(readFile(download.partPath()), file);
        QVERIFY(download.partPath().endsWith(QStringLiteral("drop.mp4.part")));

        download.discard();
        QVERIFY(QDir(folder.path()).entryList(QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstDownload)
#include "tst_download.moc"
