// The client through the sandbox's fault knobs: rate limits, flaky answers, dropped and
// stalled downloads, short-lived signed links. Every file must come out byte-exact and the
// sandbox must never see a request that came early.

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/sandbox/sandboxserver.h"

#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fetchmedia;
using fetchmedia::sandbox::RetryAfterFormat;
using fetchmedia::sandbox::SandboxOptions;
using fetchmedia::sandbox::SandboxServer;

namespace {

QList<QUrl> distinctLinks(int count)
{
    QList<QUrl> links;
    for (int i = 0; i < count; ++i)
        links << QUrl(QStringLiteral("https://www.tiktok.com/@user/video/70000000000000%1").arg(10000 + i));
    return links;
}

int countStatus(const QJsonObject &stats, const QString &status)
{
    int total = 0;
    const QJsonObject requests = stats.value(QStringLiteral("requests")).toObject();
    for (auto endpoint = requests.begin(); endpoint != requests.end(); ++endpoint)
        total += endpoint.value().toObject().value(status).toInt();
    return total;
}

} // namespace

class TstResilience final : public QObject
{
    Q_OBJECT

private:
    void run(SandboxOptions options, int links, int timeoutMs)
    {
        options.logRequests = false;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QVERIFY(m_sandbox->start());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_network.get());
        m_api->setBaseUrl(m_sandbox->apiBaseUrl());
        m_api->setApiKey(sandbox::defaultKey());
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_network.get());
        m_queue->setDownloadFolder(m_folder.path());
        m_queue->setPollingPolicy(PollingPolicy{100, 400, 1.5, 60000});
        // Enough tries that a 30 % share of errors cannot plausibly exhaust them (0.3^12 per
        // step), with short pauses so the test stays quick.
        m_queue->setRetryPolicy(RetryPolicy{12, 20, 200});
        m_queue->setStallTimeout(400);
        m_queue->addLinks(distinctLinks(links));
        QTRY_VERIFY_WITH_TIMEOUT(!m_queue->hasUnfinishedJobs(), timeoutMs);
    }

    void verifyAllFilesExact(qint64 size)
    {
        const QByteArray expected = size < 0 ? SandboxServer::sampleMedia() : SandboxServer::payloadBytes(0, size);
        for (int row = 0; row < m_queue->count(); ++row) {
            const Job &job = m_queue->at(row);
            QVERIFY2(job.state == JobState::Done, qPrintable(job.error.summary()));
            QFile file(job.filePath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(file.readAll() == expected, qPrintable(job.filePath));
            QVERIFY(!QFile::exists(job.filePath + QStringLiteral(".part")));
        }
        const QJsonObject stats = m_sandbox->stats();
        QCOMPARE(stats.value(QStringLiteral("leaked_credentials")).toInt(), 0);
        QCOMPARE(stats.value(QStringLiteral("early_requests")).toInt(), 0);
    }

    QTemporaryDir m_folder;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<JobQueue> m_queue;

private Q_SLOTS:
    void cleanup()
    {
        m_queue.reset();
        m_api.reset();
        m_network.reset();
        m_sandbox.reset();
        QDir(m_folder.path()).removeRecursively();
        QDir().mkpath(m_folder.path());
    }

    void rateLimitIsWaitedOutNeverHammered_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("Retry-After seconds") << int(RetryAfterFormat::Seconds);
        QTest::newRow("Retry-After HTTP-date") << int(RetryAfterFormat::HttpDate);
    }

    void rateLimitIsWaitedOutNeverHammered()
    {
        QFETCH(int, format);
        SandboxOptions options;
        options.jobSeconds = 0;
        options.rateLimitCount = 6;
        options.rateLimitSeconds = 2;
        options.retryAfterFormat = RetryAfterFormat(format);
        run(options, 6, 30000);
        verifyAllFilesExact(-1);
        // Pacing on X-RateLimit-Remaining keeps 429s rare: a few in-flight requests at most.
        const int refused = countStatus(m_sandbox->stats(), QStringLiteral("429"));
        QVERIFY2(refused <= 4, qPrintable(QString::number(refused)));
    }

    void flakyServiceStillDeliversEverything()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        options.flakyShare = 0.3;
        run(options, 10, 30000);
        verifyAllFilesExact(-1);
        QVERIFY(countStatus(m_sandbox->stats(), QStringLiteral("500")) + countStatus(m_sandbox->stats(), QStringLiteral("502"))
                + countStatus(m_sandbox->stats(), QStringLiteral("503")) > 0);
    }

    void droppedConnectionsResumeWithRange()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        options.fileBytes = 1'000'000;
        options.dropAfterBytes = 200'000;
        run(options, 2, 30000);
        verifyAllFilesExact(options.fileBytes);
        const QJsonObject byStatus = m_sandbox->stats().value(QStringLiteral("storage_requests")).toObject()
                                         .value(QStringLiteral("by_status")).toObject();
        QVERIFY2(byStatus.value(QStringLiteral("206")).toInt() >= 8, "resumed with Range, not restarted");
    }

    void stalledTransfersResume()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        options.fileBytes = 600'000;
        options.stallAfterBytes = 200'000;
        run(options, 1, 30000);
        verifyAllFilesExact(options.fileBytes);
    }

    void shortLivedSignedLinksAreRenewed()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        options.fileBytes = 500'000;
        options.signedUrlSeconds = 1;
        options.latencyMs = 300;
        options.dropAfterBytes = 150'000;
        run(options, 2, 30000);
        verifyAllFilesExact(options.fileBytes);
    }

    void serverThatIgnoresRangeRestartsCleanly()
    {
        SandboxOptions options;
        options.jobSeconds = 0;
        options.fileBytes = 300'000;
        options.ignoreRange = true;
        options.stallAfterBytes = -1;
        run(options, 1, 20000);
        verifyAllFilesExact(options.fileBytes);
    }
};

QTEST_GUILESS_MAIN(TstResilience)
#include "tst_resilience.moc"
