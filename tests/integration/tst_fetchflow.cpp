// The client core (ApiClient + JobQueue + Download) against the in-process sandbox over
// loopback, through the real HTTP stack, from a link to a file on disk.

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/sandbox/sandboxserver.h"
#include "tests/support/recordingserver.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fetchmedia;
using fetchmedia::sandbox::SandboxOptions;
using fetchmedia::sandbox::SandboxServer;
using fetchmedia::test::RecordingServer;

namespace {

const QUrl kTikTok(QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001"));

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int statCount(const QJsonObject &stats, const QString &endpoint, const QString &status)
{
    return stats.value(QStringLiteral("requests")).toObject().value(endpoint).toObject()
        .value(status).toInt();
}

} // namespace

class TstFetchFlow final : public QObject
{
    Q_OBJECT

private:
    // One sandbox, client and queue per test, with short timings.
    void setUpClient(SandboxOptions options, const QString &key = sandbox::defaultKey())
    {
        options.logRequests = false;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QString problem;
        QVERIFY2(m_sandbox->start(&problem), qPrintable(problem));
        m_network = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_network.get());
        m_api->setBaseUrl(m_sandbox->apiBaseUrl());
        m_api->setApiKey(key);
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_network.get());
        m_queue->setDownloadFolder(m_folder->path());
        m_queue->setPollingPolicy(PollingPolicy{100, 300, 1.5, 20000});
        m_queue->setRetryPolicy(RetryPolicy{3, 50, 200});
    }

    const Job &onlyJob() const { return m_queue->at(0); }

    QStringList folderEntries() const
    {
        return QDir(m_folder->path()).entryList(QDir::Files | QDir::Hidden);
    }

    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<JobQueue> m_queue;

private Q_SLOTS:
    void init()
    {
        m_folder = std::make_unique<QTemporaryDir>();
        QVERIFY(m_folder->isValid());
    }

    void cleanup()
    {
        m_queue.reset();
        m_api.reset();
        m_network.reset();
        m_sandbox.reset();
        m_folder.reset();
    }

    void linkBecomesFileWithTheServedBytes()
    {
        SandboxOptions options;
        options.jobSeconds = 1;
        setUpClient(options);
        QList<JobState> seen;
        connect(m_queue.get(), &JobQueue::jobChanged, this, [this, &seen](int row) {
            const JobState state = m_queue->at(row).state;
            if (seen.isEmpty() || seen.back() != state)
                seen.append(state);
        });
        m_queue->addLinks({kTikTok});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Done, 10000);

        const QList<JobState> expected{JobState::Submitting, JobState::Pending, JobState::Running,
                                       JobState::Downloading, JobState::Done};
        QCOMPARE(seen, expected);
        QCOMPARE(readFile(onlyJob().filePath), SandboxServer::sampleMedia());
        QCOMPARE(folderEntries(), QStringList{QFileInfo(onlyJob().filePath).fileName()});
        QVERIFY(!onlyJob().fetchId.isEmpty());

        const QJsonObject stats = m_sandbox->stats();
        QCOMPARE(stats.value(QStringLiteral("leaked_credentials")).toInt(), 0);
        QCOMPARE(stats.value(QStringLiteral("downloads_served")).toInt(), 1);
        QCOMPARE(statCount(stats, QStringLiteral("POST /v1/fetch"), QStringLiteral("200")), 1);
    }

    // A fetch id stored before a restart that the service no longer knows (it expired, or the
    // built-in sandbox started afresh): the link is submitted again and the job completes.
    void aForgottenFetchIsSubmittedAgain()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        setUpClient(options);
        Job stored;
        stored.id = 1;
        stored.sourceUrl = kTikTok;
        stored.idempotencyKey = "key-of-a-fetch-from-another-life";
        stored.fetchId = QStringLiteral("f0rg0tten-0000-0000-0000-000000000000");
        stored.state = JobState::Pending;
        m_queue->restoreJobs({stored});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Done, 10000);
        QVERIFY(onlyJob().fetchId != stored.fetchId);
        QVERIFY(onlyJob().idempotencyKey != stored.idempotencyKey);
        QCOMPARE(readFile(onlyJob().filePath), SandboxServer::sampleMedia());
        QCOMPARE(statCount(m_sandbox->stats(), QStringLiteral("POST /v1/fetch"), QStringLiteral("200")), 1);
    }

    void metadataNamesTheJobWhenItStarts()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        setUpClient(options);
        m_queue->setFetchMetadata(true);
        m_queue->addLinks({kTikTok});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Done, 10000);
        QVERIFY2(onlyJob().title.contains(QStringLiteral("7000000000000000001")), qPrintable(onlyJob().title));
        QCOMPARE(onlyJob().displayTitle(), onlyJob().title);
        QCOMPARE(statCount(m_sandbox->stats(), QStringLiteral("POST /v1/fetch/metadata"), QStringLiteral("200")), 1);
    }

    void largePayloadIsStreamedByteExact()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        options.fileBytes = 8 * 1024 * 1024 + 7;
        setUpClient(options);
        m_queue->addLinks({kTikTok});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Done, 15000);
        const QByteArray bytes = readFile(onlyJob().filePath);
        QCOMPARE(bytes.size(), options.fileBytes);
        QVERIFY(bytes == SandboxServer::payloadBytes(0, options.fileBytes));
        QCOMPARE(onlyJob().bytesReceived, options.fileBytes);
        QCOMPARE(m_sandbox->stats().value(QStringLiteral("leaked_credentials")).toInt(), 0);
    }

    void sameNameIsNumberedNeverOverwritten()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        setUpClient(options);
        // The same video through two spellings: both arrive under one name.
        m_queue->addLinks({kTikTok, QUrl(kTikTok.toString() + QStringLiteral("?_r=1"))});
        QTRY_VERIFY_WITH_TIMEOUT(m_queue->at(0).state == JobState::Done
                                     && m_queue->at(1).state == JobState::Done, 10000);
        QVERIFY(m_queue->at(0).filePath != m_queue->at(1).filePath);
        QStringList names = folderEntries();
        names.sort();
        QCOMPARE(names.size(), 2);
        QVERIFY2(names.join(QLatin1Char(',')).contains(QStringLiteral(" (1).mp4")),
                 qPrintable(names.join(QLatin1Char(','))));
    }

    void wrongKeyPausesTheQueueWithoutFailingJobs()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        setUpClient(options, QStringLiteral("fm_00000000000000000000000000000bad"));
        QSignalSpy authSpy(m_queue.get(), &JobQueue::authenticationRequired);
        m_queue->addLinks({kTikTok});
        QTRY_COMPARE(authSpy.size(), 1);
        QCOMPARE(authSpy.first().first().value<ApiError>().code, QStringLiteral("invalid_token"));
        QVERIFY(m_queue->isPaused());
        QVERIFY(!isFinished(onlyJob().state));
        QCOMPARE(statCount(m_sandbox->stats(), QStringLiteral("POST /v1/fetch"), QStringLiteral("401")), 1);

        // A good key resumes the job where it waited.
        m_api->setApiKey(sandbox::defaultKey());
        m_queue->setPaused(false);
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Done, 10000);
    }

    void invalidLinkFailsAtOnceWithTheServiceMessage()
    {
        SandboxOptions options;
        setUpClient(options);
        m_queue->addLinks({QUrl(QStringLiteral("ftp://example.com/clip.mp4"))});
        QTRY_COMPARE(onlyJob().state, JobState::Failed);
        QCOMPARE(onlyJob().error.kind, ErrorKind::InvalidInput);
        QCOMPARE(onlyJob().error.httpStatus, 422);
        QVERIFY(!onlyJob().error.message.isEmpty());
        QCOMPARE(statCount(m_sandbox->stats(), QStringLiteral("POST /v1/fetch"), QStringLiteral("422")), 1);
    }

    void fetchFailedOnServiceShowsItsReason_data()
    {
        QTest::addColumn<QUrl>("link");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unsupported") << QUrl(QStringLiteral("https://example.com/watch/1"))
                                     << QStringLiteral("Unsupported URL");
        QTest::newRow("private") << QUrl(kTikTok.toString() + QStringLiteral("?fm_sandbox=fail"))
                                 << QStringLiteral("Video unavailable");
        QTest::newRow("expired short link") << QUrl(QStringLiteral("https://vm.tiktok.com/ZSexpired/"))
                                            << QStringLiteral("Video not found");
    }

    void fetchFailedOnServiceShowsItsReason()
    {
        QFETCH(QUrl, link);
        QFETCH(QString, reason);
        SandboxOptions options;
        options.jobSeconds = 0;
        setUpClient(options);
        m_queue->addLinks({link});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Failed, 10000);
        QCOMPARE(onlyJob().error.kind, ErrorKind::JobFailed);
        QVERIFY2(onlyJob().error.message.contains(reason), qPrintable(onlyJob().error.message));
        QVERIFY(folderEntries().isEmpty());
    }

    void serverErrorsAreRetriedThenFail()
    {
        SandboxOptions options;
        setUpClient(options);
        m_queue->addLinks({QUrl(kTikTok.toString() + QStringLiteral("?fm_sandbox=http500"))});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Failed, 10000);
        QCOMPARE(onlyJob().error.kind, ErrorKind::Transient);
        QCOMPARE(onlyJob().error.httpStatus, 500);
        // RetryPolicy{3, …}: three tries in all, then the job fails with Retry offered.
        QCOMPARE(statCount(m_sandbox->stats(), QStringLiteral("POST /v1/fetch"), QStringLiteral("500")), 3);
    }

    void malformedStatusAnswerFailsWithAClearMessage()
    {
        SandboxOptions options;
        setUpClient(options);
        m_queue->addLinks({QUrl(kTikTok.toString() + QStringLiteral("?fm_sandbox=malformed"))});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Failed, 10000);
        QCOMPARE(onlyJob().error.kind, ErrorKind::Protocol);
        QVERIFY(onlyJob().error.message.contains(QStringLiteral("JSON")));
    }

    void pollingGivesUpAtTheCapAndRetryResumesWithoutANewFetch()
    {
        SandboxOptions options;
        setUpClient(options);
        m_queue->setPollingPolicy(PollingPolicy{50, 100, 1.5, 400});
        m_queue->addLinks({QUrl(kTikTok.toString() + QStringLiteral("?fm_sandbox=stuck"))});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Failed, 5000);
        QCOMPARE(onlyJob().error.code, QStringLiteral("polling_cap"));
        const QString fetchId = onlyJob().fetchId;
        m_queue->retry(onlyJob().id);
        QVERIFY(isActive(onlyJob().state));
        QCOMPARE(onlyJob().fetchId, fetchId);
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Failed, 5000);
        QCOMPARE(statCount(m_sandbox->stats(), QStringLiteral("POST /v1/fetch"), QStringLiteral("200")), 1);
    }

    void cancelStopsTheJobAndLeavesNoFile()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        options.fileBytes = 8LL * 1024 * 1024;
        options.stallAfterBytes = 1024 * 1024; // the transfer cannot finish before the cancel
        setUpClient(options);
        m_queue->addLinks({kTikTok});
        QTRY_VERIFY_WITH_TIMEOUT(onlyJob().bytesReceived > 0, 10000);
        m_queue->cancel(onlyJob().id);
        QCOMPARE(onlyJob().state, JobState::Cancelled);
        QTRY_VERIFY(folderEntries().isEmpty());
    }

    // Any API whose download endpoint redirects to another origin: that origin gets no key
    // in any form, and a download_url that is already off the API's origin gets none either.
    void otherOriginsNeverSeeTheKey_data()
    {
        QTest::addColumn<bool>("downloadUrlOnStorage");
        QTest::newRow("302 from the API to storage") << false;
        QTest::newRow("download_url already on storage") << true;
    }

    void otherOriginsNeverSeeTheKey()
    {
        QFETCH(bool, downloadUrlOnStorage);
        const QByteArray media = "not really a video, but bytes all the same";
        RecordingServer storage([&](const RecordingServer::Request &) {
            return RecordingServer::answer(200, "OK", media, {{"Content-Type", "video/mp4"}});
        });
        QVERIFY(storage.start());
        const QByteArray signedPath = "/bucket/clip.mp4?X-Amz-Expires=900&X-Amz-Signature=abc123";
        RecordingServer api([&](const RecordingServer::Request &request) -> QByteArray {
            const QByteArray json = "application/json";
            if (request.method == "POST")
                return RecordingServer::answer(200, "OK", "{\"fetch_id\":\"f1\"}", {{"Content-Type", json}});
            if (request.target == "/v1/fetch/f1") {
                const QByteArray apiOrigin = "http://" + request.header("Host");
                const QByteArray downloadUrl = downloadUrlOnStorage
                    ? QByteArray(storage.origin().toEncoded() + signedPath)
                    : QByteArray(apiOrigin + "/v1/fetch/f1/clip.mp4");
                return RecordingServer::answer(
                    200, "OK", "{\"id\":\"f1\",\"status\":\"success\",\"error\":null,\"download_url\":\"" + downloadUrl + "\"}",
                    {{"Content-Type", json}});
            }
            return RecordingServer::answer(302, "Found", {}, {{"Location", storage.origin().toEncoded() + signedPath},
                                                               {"Set-Cookie", "session=secret"}});
        });
        QVERIFY(api.start());

        m_network = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_network.get());
        m_api->setBaseUrl(QUrl(api.origin().toString() + QStringLiteral("/v1")));
        m_api->setApiKey(QStringLiteral("fm_0123456789abcdef"));
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_network.get());
        m_queue->setDownloadFolder(m_folder->path());
        m_queue->setPollingPolicy(PollingPolicy{10, 10, 1.0, 5000});
        m_queue->addLinks({kTikTok});
        QTRY_COMPARE_WITH_TIMEOUT(onlyJob().state, JobState::Done, 10000);
        QCOMPARE(readFile(onlyJob().filePath), media);

        QVERIFY(!api.requests().isEmpty());
        for (const auto &request : api.requests())
            QCOMPARE(request.header("X-API-KEY"), QByteArray("fm_0123456789abcdef"));
        QCOMPARE(storage.requests().size(), 1);
        const RecordingServer::Request &download = storage.requests().first();
        QVERIFY(download.header("X-API-KEY").isEmpty());
        QVERIFY(download.header("Authorization").isEmpty());
        QVERIFY(download.header("Cookie").isEmpty());
        QVERIFY(!download.target.contains("key="));
        QVERIFY(!download.target.contains("fm_0123456789abcdef"));
        QCOMPARE(download.target, signedPath);
    }
};

QTEST_GUILESS_MAIN(TstFetchFlow)
#include "tst_fetchflow.moc"
