// Thumbnails: named by /fetch/metadata, fetched from another origin without the key, kept on
// disk under a cap, and drawn beside the title once they are there.

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/jobs/thumbnailcache.h"
#include "app/sandbox/sandboxserver.h"
#include "tests/support/recordingserver.h"
#include "ui/joblistmodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPixmap>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fetchmedia;
using fetchmedia::test::RecordingServer;

namespace {

QByteArray fakePng(int size)
{
    QByteArray bytes("\x89PNG\r\n\x1a\n", 8);
    bytes.append(QByteArray(size - bytes.size(), 'x'));
    return bytes;
}

} // namespace

class TstThumbnails final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metadataThumbnailIsFetchedWithoutTheKeyAndShown()
    {
        sandbox::SandboxOptions options;
        options.jobSeconds = 0;
        options.logRequests = false;
        sandbox::SandboxServer server(options);
        QVERIFY(server.start());
        QTemporaryDir cacheFolder;
        QNetworkAccessManager network;
        ApiClient api(&network);
        api.setBaseUrl(server.apiBaseUrl());
        api.setApiKey(sandbox::defaultKey());
        JobQueue queue(&api, &network);
        QTemporaryDir downloads;
        queue.setDownloadFolder(downloads.path());
        queue.setFetchMetadata(true);
        queue.setPollingPolicy(PollingPolicy{50, 100, 1.5, 10000});
        ThumbnailCache cache(&network, cacheFolder.path());
        JobListModel model(&queue);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThumbnailCache(&cache);

        queue.addLinks({QUrl(QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001"))});
        QTRY_VERIFY_WITH_TIMEOUT(!queue.at(0).thumbnailUrl.isEmpty(), 10000);
        const QUrl thumbnail = queue.at(0).thumbnailUrl;
        QCOMPARE(thumbnail.port(), server.storageBaseUrl().port()); // another origin than the API

        QSignalSpy ready(&cache, &ThumbnailCache::ready);
        const QModelIndex title = model.index(0, JobListModel::TitleColumn);
        QVERIFY(title.data(Qt::DecorationRole).isNull()); // asked for now, not there yet
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        const QPixmap pixmap = title.data(Qt::DecorationRole).value<QPixmap>();
        QVERIFY(!pixmap.isNull());
        QCOMPARE(pixmap.height(), JobListModel::kThumbnailHeight);
        QFile file(cache.pathFor(thumbnail));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(looksLikeImage(file.readAll()));
        QCOMPARE(server.stats().value(QStringLiteral("leaked_credentials")).toInt(), 0);
    }

    void onlyImagesAreKeptAndAFailureIsNotAskedAgain()
    {
        RecordingServer web([](const RecordingServer::Request &request) {
            if (request.target.startsWith("/page"))
                return RecordingServer::answer(200, "OK", "<html>not an image</html>", {{"Content-Type", "text/html"}});
            return RecordingServer::answer(404, "Not Found", {});
        });
        QVERIFY(web.start());
        QTemporaryDir folder;
        QNetworkAccessManager network;
        ThumbnailCache cache(&network, folder.path());
        const QUrl page(web.origin().toString() + QStringLiteral("/page.png"));
        cache.request(page);
        QTRY_COMPARE(web.requests().size(), 1);
        QTest::qWait(100);
        cache.request(page);
        cache.request(QUrl(QStringLiteral("ftp://127.0.0.1/x.png"))); // not a web address: ignored
        QTest::qWait(100);
        QCOMPARE(web.requests().size(), 1);
        QVERIFY(cache.pathFor(page).isEmpty());
        QVERIFY(web.requests().first().header("X-API-KEY").isEmpty());
        QVERIFY(web.requests().first().header("Cookie").isEmpty());
    }

    void theCapRemovesTheOldestFirst()
    {
        RecordingServer web([](const RecordingServer::Request &) {
            return RecordingServer::answer(200, "OK", fakePng(5000), {{"Content-Type", "image/png"}});
        });
        QVERIFY(web.start());
        QTemporaryDir folder;
        QNetworkAccessManager network;
        ThumbnailCache cache(&network, folder.path());
        cache.setLimitBytes(12000);
        QSignalSpy ready(&cache, &ThumbnailCache::ready);
        QList<QUrl> urls;
        for (int i = 0; i < 3; ++i) {
            urls << QUrl(web.origin().toString() + QStringLiteral("/t/%1.png").arg(i));
            cache.request(urls.last());
            QTRY_COMPARE(ready.size(), i + 1);
            QTest::qWait(20); // distinct modification times
        }
        QVERIFY(cache.pathFor(urls[0]).isEmpty());
        QVERIFY(!cache.pathFor(urls[1]).isEmpty());
        QVERIFY(!cache.pathFor(urls[2]).isEmpty());
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files).size(), 2);
    }
};

QTEST_MAIN(TstThumbnails)
#include "tst_thumbnails.moc"
