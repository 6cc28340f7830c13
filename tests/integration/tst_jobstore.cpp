// The SQLite job store on its own (schema, damage, batching, a long history) and under a
// JobQueue against the in-process sandbox: a queue torn down with jobs in every state comes
// back over the same database, and nothing is created twice (C27).

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/jobschema.h"
#include "app/core/storage/jobstore.h"
#include "app/sandbox/sandboxserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace fetchmedia;
using fetchmedia::sandbox::SandboxOptions;
using fetchmedia::sandbox::SandboxServer;

namespace {

constexpr qint64 kFileBytes = 1500000;

QUrl videoUrl(int n)
{
    return QUrl(QStringLiteral("https://www.tiktok.com/@user/video/70000000000000000%1")
                    .arg(n, 2, 10, QLatin1Char('0')));
}

Job makeJob(JobId id, const QUrl &url, JobState state)
{
    Job job;
    job.id = id;
    job.sourceUrl = url;
    job.platform = detectPlatform(url);
    job.idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    job.state = state;
    job.addedAt = QDateTime::currentDateTimeUtc();
    return job;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

int createdCount(const QJsonObject &stats, const QUrl &url)
{
    return stats.value(QStringLiteral("fetches_created")).toObject().value(url.toString()).toInt();
}

// A raw SQL session on a store file, for setting up and inspecting what the store wrote.
struct RawDb {
    explicit RawDb(const QString &path)
    {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        db.open();
    }
    ~RawDb()
    {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(db);
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }
    QSqlDatabase db;
};

} // namespace

class TstJobStore final : public QObject
{
    Q_OBJECT

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("jobs.sqlite")); }
    QString downloads() const { return m_dir->filePath(QStringLiteral("downloads")); }

    void startSandbox(int jobSeconds)
    {
        SandboxOptions options;
        options.logRequests = false;
        options.jobSeconds = jobSeconds;
        options.fileBytes = kFileBytes;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QString problem;
        QVERIFY2(m_sandbox->start(&problem), qPrintable(problem));
        m_network = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_network.get());
        m_api->setBaseUrl(m_sandbox->apiBaseUrl());
        m_api->setApiKey(sandbox::defaultKey());
    }

    // A queue over the store at dbPath(), as Application builds it.
    void buildQueue()
    {
        m_store = std::make_unique<JobStore>();
        QVERIFY(m_store->open(dbPath()));
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_network.get());
        m_queue->setDownloadFolder(downloads());
        m_queue->setPollingPolicy(PollingPolicy{100, 300, 1.5, 30000});
        m_queue->setRetryPolicy(RetryPolicy{4, 50, 200});
        m_queue->setStore(m_store.get());
    }

    void tearDownQueue()
    {
        m_queue.reset(); // as a crash would: in-flight work is simply gone
        m_store.reset();
    }

    bool allFinished() const
    {
        for (int row = 0; row < m_queue->count(); ++row) {
            if (!isFinished(m_queue->at(row).state))
                return false;
        }
        return true;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<JobStore> m_store;
    std::unique_ptr<JobQueue> m_queue;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        m_queue.reset();
        m_store.reset();
        m_api.reset();
        m_network.reset();
        m_sandbox.reset();
        m_dir.reset();
    }

    void freshDatabaseIsWalAtCurrentSchema()
    {
        {
            JobStore store;
            QVERIFY(store.open(dbPath()));
            QVERIFY(store.isPersistent());
            QVERIFY(store.movedAsidePath().isEmpty());
            QCOMPARE(store.jobCount(), 0);
        }
        RawDb raw(dbPath());
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), jobschema::kCurrentVersion);
        QVERIFY(!QFile::exists(dbPath() + QStringLiteral(".new")));
    }

    void everyFieldSurvives()
    {
        Job job = makeJob(42, videoUrl(1), JobState::Downloading);
        job.title = QStringLiteral("猫 clip");
        job.fetchId = QStringLiteral("fx_1");
        job.downloadUrl = QStringLiteral("http://127.0.0.1:1/v1/fetch/fx_1/output.mp4");
        job.bytesReceived = 1234;
        job.bytesTotal = 5678;
        job.partPath = m_dir->filePath(QStringLiteral("output.mp4.part"));
        job.etag = "\"abc\"";
        job.error.kind = ErrorKind::Transient;
        job.error.code = QStringLiteral("timeout");
        job.error.message = QStringLiteral("Timed out");
        job.error.httpStatus = 504;
        job.dedupeKey = QStringLiteral("tiktok:7000000000000000001");
        job.allowDuplicate = true;
        {
            JobStore store;
            QVERIFY(store.open(dbPath()));
            QVERIFY(store.insertJobs({&job}));
        }
        JobStore store;
        QVERIFY(store.open(dbPath()));
        QCOMPARE(store.maxJobId(), JobId(42));
        const std::vector<Job> loaded = store.loadBatch(0, 10);
        QCOMPARE(loaded.size(), size_t(1));
        const Job &back = loaded.front();
        QCOMPARE(back.sourceUrl, job.sourceUrl);
        QCOMPARE(back.platform, Platform::TikTok);
        QCOMPARE(back.title, job.title);
        QCOMPARE(back.idempotencyKey, job.idempotencyKey);
        QCOMPARE(back.fetchId, job.fetchId);
        QCOMPARE(back.downloadUrl, job.downloadUrl);
        QCOMPARE(back.state, job.state);
        QCOMPARE(back.bytesReceived, job.bytesReceived);
        QCOMPARE(back.bytesTotal, job.bytesTotal);
        QCOMPARE(back.partPath, job.partPath);
        QCOMPARE(back.etag, job.etag);
        QCOMPARE(back.error.kind, job.error.kind);
        QCOMPARE(back.error.message, job.error.message);
        QCOMPARE(back.error.httpStatus, 504);
        QCOMPARE(back.dedupeKey, job.dedupeKey);
        QVERIFY(back.allowDuplicate);
        QCOMPARE(back.addedAt.toMSecsSinceEpoch(), job.addedAt.toMSecsSinceEpoch());
    }

    void migratesFromTheFirstRelease()
    {
        {
            // A database as the first release wrote it (schema 1, no dedupe columns).
            RawDb raw(dbPath());
            QSqlQuery q(raw.db);
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE jobs (id INTEGER PRIMARY KEY, source_url TEXT NOT NULL,"
                " title TEXT NOT NULL DEFAULT '', idempotency_key TEXT NOT NULL,"
                " fetch_id TEXT NOT NULL DEFAULT '', download_url TEXT NOT NULL DEFAULT '',"
                " state TEXT NOT NULL, bytes_received INTEGER NOT NULL DEFAULT 0,"
                " bytes_total INTEGER NOT NULL DEFAULT -1, part_path TEXT NOT NULL DEFAULT '',"
                " etag BLOB, file_path TEXT NOT NULL DEFAULT '',"
                " error_kind TEXT NOT NULL DEFAULT 'none', error_code TEXT NOT NULL DEFAULT '',"
                " error_message TEXT NOT NULL DEFAULT '', error_http INTEGER NOT NULL DEFAULT 0,"
                " added_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO jobs (id, source_url, idempotency_key, fetch_id, state, added_at,"
                " updated_at) VALUES (7, 'https://youtu.be/AbCdEfGhIj0', 'k-7', 'fx_7',"
                " 'running', 0, 0)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        }
        JobStore store;
        QVERIFY(store.open(dbPath()));
        QVERIFY(store.movedAsidePath().isEmpty());
        const std::vector<Job> loaded = store.loadBatch(0, 10);
        QCOMPARE(loaded.size(), size_t(1));
        QCOMPARE(loaded.front().fetchId, QStringLiteral("fx_7"));
        QCOMPARE(loaded.front().state, JobState::Running);
        QCOMPARE(loaded.front().idempotencyKey, QByteArray("k-7"));
        QVERIFY(loaded.front().dedupeKey.isEmpty());
        RawDb raw(dbPath());
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), jobschema::kCurrentVersion);
    }

    void damagedFileIsMovedAside_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("userVersion"); // > 0: a valid database at that schema
        QTest::newRow("truncated to zero bytes") << QByteArray() << 0;
        QTest::newRow("not a database") << QByteArray(8192, 'x') << 0;
        QTest::newRow("sqlite header, garbage pages")
            << QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\xff') << 0;
        QTest::newRow("a database with no job list") << QByteArray() << -1;
        QTest::newRow("from a newer release") << QByteArray() << 99;
    }

    void damagedFileIsMovedAside()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, userVersion);
        if (userVersion != 0) {
            RawDb raw(dbPath());
            QSqlQuery q(raw.db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE other (x)")));
            if (userVersion > 0)
                QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(userVersion)));
        } else {
            QVERIFY(writeFile(dbPath(), content));
        }
        const QByteArray before = readAll(dbPath());

        JobStore store;
        QVERIFY(store.open(dbPath()));
        QVERIFY(store.isPersistent());
        const QString aside = store.movedAsidePath();
        QVERIFY2(!aside.isEmpty(), "the damaged file must be moved aside");
        QVERIFY(!store.problem().isEmpty());
        QVERIFY(aside.startsWith(dbPath() + QStringLiteral(".damaged-")));
        QCOMPARE(readAll(aside), before); // kept, byte for byte
        QCOMPARE(store.jobCount(), 0);
        Job job = makeJob(1, videoUrl(1), JobState::Queued);
        QVERIFY(store.insertJobs({&job}));
        QCOMPARE(store.jobCount(), 1);
    }

    // Damage inside the file (not in its header) is found only by reading every page; with
    // Check::Later that waits for verify(), which then moves the file aside all the same.
    void interiorDamageIsFoundByTheDeferredCheck_data()
    {
        QTest::addColumn<bool>("deferred");
        QTest::newRow("checked at open") << false;
        QTest::newRow("checked later") << true;
    }

    void interiorDamageIsFoundByTheDeferredCheck()
    {
        QFETCH(bool, deferred);
        {
            JobStore store;
            QVERIFY(store.open(dbPath()));
            std::vector<Job> jobs;
            for (int i = 1; i <= 2000; ++i)
                jobs.push_back(makeJob(JobId(i), videoUrl(i), JobState::Done));
            std::vector<const Job *> pointers;
            for (const Job &job : jobs)
                pointers.push_back(&job);
            QVERIFY(store.insertJobs(pointers));
        }
        {
            RawDb raw(dbPath());
            QVERIFY(raw.scalar(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).isValid());
        }
        QByteArray bytes = readAll(dbPath());
        const qsizetype pageSize = 4096;
        QVERIFY(bytes.size() > 40 * pageSize);
        for (qsizetype i = 30 * pageSize; i < 31 * pageSize; ++i)
            bytes[i] = char(0x5a); // one b-tree page of the table, overwritten
        QVERIFY(writeFile(dbPath(), bytes));

        JobStore store;
        QVERIFY(store.open(dbPath(), deferred ? JobStore::Check::Later : JobStore::Check::Now));
        QCOMPARE(store.movedAsidePath().isEmpty(), deferred);
        if (deferred) {
            QVERIFY(!store.verify());
            QVERIFY(store.verify()); // once only
        }
        QVERIFY(store.isPersistent());
        QVERIFY(store.movedAsidePath().startsWith(dbPath() + QStringLiteral(".damaged-")));
        QVERIFY2(store.problem().contains(QStringLiteral("integrity")), qPrintable(store.problem()));
        QCOMPARE(readAll(store.movedAsidePath()), bytes); // kept, byte for byte
        QCOMPARE(store.jobCount(), 0);
        Job job = makeJob(1, videoUrl(1), JobState::Queued);
        QVERIFY(store.insertJobs({&job}));
        QCOMPARE(store.jobCount(), 1);
    }

    void aSoundFileWaitsForNothing()
    {
        {
            JobStore store;
            QVERIFY(store.open(dbPath()));
            Job job = makeJob(1, videoUrl(1), JobState::Done);
            QVERIFY(store.insertJobs({&job}));
        }
        JobStore store;
        QVERIFY(store.open(dbPath(), JobStore::Check::Later));
        QVERIFY(store.verify());
        QVERIFY(store.movedAsidePath().isEmpty());
        QCOMPARE(store.jobCount(), 1);
    }

    void progressIsBatched()
    {
        JobStore store;
        QVERIFY(store.open(dbPath()));
        store.setProgressInterval(200);
        Job job = makeJob(1, videoUrl(1), JobState::Downloading);
        QVERIFY(store.insertJobs({&job}));
        const int afterInsert = store.rowWrites();
        for (int i = 1; i <= 500; ++i) {
            job.bytesReceived = i * 1000;
            store.jobChanged(job); // like a progress signal per packet
        }
        QCOMPARE(store.rowWrites(), afterInsert);
        QTRY_COMPARE_WITH_TIMEOUT(store.progressFlushes(), 1, 2000);
        QCOMPARE(store.rowWrites(), afterInsert + 1);
        QCOMPARE(store.loadBatch(0, 1).front().bytesReceived, 500000);

        job.state = JobState::Done; // a state change is written at once
        store.jobChanged(job);
        QCOMPARE(store.rowWrites(), afterInsert + 2);
        QCOMPARE(store.loadBatch(0, 1).front().state, JobState::Done);
    }

    void tenThousandJobsComeBackInBatches()
    {
        constexpr int kJobs = 10000;
        {
            JobStore store;
            QVERIFY(store.open(dbPath()));
            std::vector<Job> jobs;
            jobs.reserve(kJobs);
            for (int i = 1; i <= kJobs; ++i) {
                jobs.push_back(makeJob(JobId(i), videoUrl(i % 90 + 10), JobState::Done));
                jobs.back().filePath = QStringLiteral("/nowhere/clip %1.mp4").arg(i);
            }
            std::vector<const Job *> pointers;
            for (const Job &job : jobs)
                pointers.push_back(&job);
            QElapsedTimer insertTimer;
            insertTimer.start();
            QVERIFY(store.insertJobs(pointers));
            qInfo("insert of %d jobs in one transaction: %lld ms", kJobs, insertTimer.elapsed());
        }
        QNetworkAccessManager network;
        ApiClient api(&network);
        JobStore store;
        QVERIFY(store.open(dbPath()));
        JobQueue queue(&api, &network);
        queue.setStore(&store);
        QSignalSpy inserted(&queue, &JobQueue::jobsInserted);
        int restored = -1;
        QElapsedTimer timer;
        timer.start();
        store.restoreInto(&queue, [&restored](int total) { restored = total; });
        const qint64 firstBatchMs = timer.elapsed();
        QVERIFY(queue.count() < kJobs); // the rest arrives from the event loop
        QTRY_COMPARE(restored, kJobs);
        qInfo("first batch in %lld ms, %d jobs in %lld ms, %lld batches", firstBatchMs, kJobs,
              timer.elapsed(), qint64(inserted.count()));
        QCOMPARE(queue.count(), kJobs);
        QVERIFY(inserted.count() > 1);
        QCOMPARE(queue.countInState(JobState::Done), kJobs);

        // New ids continue after the stored ones; clearing removes every finished row.
        const QList<JobId> ids = queue.addLinks({videoUrl(5)});
        QCOMPARE(ids.front(), JobId(kJobs + 1));
        timer.restart();
        queue.clearFinished();
        qInfo("clear finished of %d jobs: %lld ms", kJobs, timer.elapsed());
        QCOMPARE(queue.count(), 1);
        QCOMPARE(store.jobCount(), 1);
    }

    // C27: jobs in every state in the database, then a queue built over it.
    void jobsInEveryStateResume()
    {
        startSandbox(1);
        if (QTest::currentTestFailed())
            return;
        QDir().mkpath(downloads());
        std::vector<Job> jobs;
        jobs.reserve(12); // references into it stay valid
        JobId nextId = 1;
        auto add = [&](int n, JobState state) -> Job & {
            jobs.push_back(makeJob(nextId++, videoUrl(n), state));
            return jobs.back();
        };
        auto create = [&](Job &job) {
            QString fetchId;
            m_api->createFetch(job.sourceUrl, job.idempotencyKey, this,
                               [&fetchId](const ApiResult<QString> &r) { fetchId = r.value.value_or(QStringLiteral("?")); });
            QTRY_VERIFY(!fetchId.isEmpty());
            QVERIFY(fetchId != QStringLiteral("?"));
            job.fetchId = fetchId;
        };

        for (int n = 1; n <= 3; ++n)
            add(n, JobState::Queued);                     // never sent
        Job &crashWindow = add(4, JobState::Submitting);  // POST sent, answer never stored
        create(crashWindow);
        const QString crashFetchId = std::exchange(crashWindow.fetchId, QString());
        create(add(5, JobState::Pending));
        create(add(6, JobState::Running));
        create(add(7, JobState::Running));
        for (int n = 8; n <= 9; ++n) {                  // killed mid-download
            Job &job = add(n, JobState::Downloading);
            create(job);
            std::optional<FetchInfo> info;
            QTRY_VERIFY_WITH_TIMEOUT(([&] {
                m_api->getFetch(job.fetchId, this, [&info](const ApiResult<FetchInfo> &r) { info = r.value; });
                QTest::qWait(100);
                return info && info->status == RemoteStatus::Success;
            }()), 5000);
            job.downloadUrl = info->downloadUrl.toString(QUrl::FullyEncoded);
            job.partPath = QDir(downloads()).filePath(QStringLiteral("clip%1.mp4.part").arg(n));
            job.bytesReceived = 600000;
            job.bytesTotal = kFileBytes;
            QVERIFY(writeFile(job.partPath, SandboxServer::payloadBytes(0, job.bytesReceived)));
        }
        Job &done = add(10, JobState::Done);
        done.filePath = QDir(downloads()).filePath(QStringLiteral("earlier.mp4"));
        QVERIFY(writeFile(done.filePath, "kept"));
        add(11, JobState::Failed).error.message = QStringLiteral("Video unavailable");
        add(12, JobState::Cancelled);
        QCOMPARE(jobs.size(), size_t(12));
        const QJsonObject before = m_sandbox->stats();
        {
            JobStore store;
            QVERIFY(store.open(dbPath()));
            std::vector<const Job *> pointers;
            for (const Job &job : jobs)
                pointers.push_back(&job);
            QVERIFY(store.insertJobs(pointers));
        }

        buildQueue();
        if (QTest::currentTestFailed())
            return;
        int restored = -1;
        m_store->restoreInto(m_queue.get(), [&restored](int total) { restored = total; });
        QTRY_COMPARE(restored, 12);
        QCOMPARE(m_queue->count(), 12);
        QTRY_VERIFY_WITH_TIMEOUT(allFinished(), 20000);

        const QJsonObject stats = m_sandbox->stats();
        const QByteArray payload = SandboxServer::payloadBytes(0, kFileBytes);
        for (int row = 0; row < 9; ++row) {
            const Job &job = m_queue->at(row);
            QVERIFY2(job.state == JobState::Done, qPrintable(job.error.message));
            QCOMPARE(createdCount(stats, job.sourceUrl), 1); // once, whatever the state
            QVERIFY(readAll(job.filePath) == payload);
            QVERIFY(job.partPath.isEmpty());
        }
        QCOMPARE(m_queue->at(3).fetchId, crashFetchId); // same Idempotency-Key, same fetch
        for (int row = 9; row < 12; ++row) {
            QCOMPARE(m_queue->at(row).state, jobs[size_t(row)].state);
            QCOMPARE(createdCount(stats, m_queue->at(row).sourceUrl), 0);
        }
        QCOMPARE(readAll(done.filePath), QByteArray("kept"));
        // The two downloads resumed with Range: only the missing bytes came again.
        const qint64 served = stats.value(QStringLiteral("bytes_served")).toInteger()
            - before.value(QStringLiteral("bytes_served")).toInteger();
        QCOMPARE(served, 7 * kFileBytes + 2 * (kFileBytes - 600000));
        const QStringList left = QDir(downloads()).entryList({QStringLiteral("*.part")}, QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        RawDb raw(dbPath());
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state = 'done'")).toInt(), 10);
    }

    // The same, live: a running queue is dropped mid-way, a new one picks up from the store.
    void queueTornDownMidRunResumes()
    {
        startSandbox(2);
        if (QTest::currentTestFailed())
            return;
        buildQueue();
        if (QTest::currentTestFailed())
            return;
        m_queue->setPaused(false);
        QList<QUrl> links;
        for (int n = 1; n <= 12; ++n)
            links << videoUrl(n);
        QSignalSpy inserted(m_queue.get(), &JobQueue::jobsInserted);
        connect(m_queue.get(), &JobQueue::jobsInserted, this, [this] {
            // Committed before the queue says so.
            QCOMPARE(m_store->jobCount(), m_queue->count());
        });
        m_queue->addLinks(links);
        QCOMPARE(inserted.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_queue->countInState(JobState::Running) > 0, 5000);
        QVERIFY(m_queue->countInState(JobState::Queued) > 0);
        tearDownQueue();

        buildQueue();
        if (QTest::currentTestFailed())
            return;
        int restored = -1;
        m_store->restoreInto(m_queue.get(), [&restored](int total) { restored = total; });
        QTRY_COMPARE(restored, 12);
        QTRY_VERIFY_WITH_TIMEOUT(allFinished(), 30000);
        const QJsonObject stats = m_sandbox->stats();
        const QByteArray payload = SandboxServer::payloadBytes(0, kFileBytes);
        QSet<QString> files;
        for (int row = 0; row < m_queue->count(); ++row) {
            const Job &job = m_queue->at(row);
            QVERIFY2(job.state == JobState::Done, qPrintable(job.error.message));
            QCOMPARE(createdCount(stats, job.sourceUrl), 1);
            QVERIFY(readAll(job.filePath) == payload);
            files.insert(job.filePath);
        }
        QCOMPARE(files.size(), 12);
        QVERIFY(QDir(downloads()).entryList({QStringLiteral("*.part")}, QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstJobStore)
#include "tst_jobstore.moc"
