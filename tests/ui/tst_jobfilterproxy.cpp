// The job list's search and status filters (JobFilterProxy over JobListModel), and the
// model's coalescing of row updates, on a real (paused) queue.

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "ui/jobfilterbar.h"
#include "ui/jobfilterproxy.h"
#include "ui/joblistmodel.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace fetchmedia;
using StatusFilter = JobFilterProxy::StatusFilter;

namespace {

Job storedJob(JobId id, const QString &url, JobState state, const QString &title = {},
              const QString &file = {})
{
    Job job;
    job.id = id;
    job.sourceUrl = QUrl(url);
    job.state = state;
    job.title = title;
    job.filePath = file;
    job.idempotencyKey = QByteArray::number(id);
    if (state == JobState::Pending)
        job.fetchId = QStringLiteral("f%1").arg(id);
    return job;
}

} // namespace

class TstJobFilterProxy final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<JobQueue> m_queue;
    std::unique_ptr<JobListModel> m_model;
    std::unique_ptr<JobFilterProxy> m_proxy;

    QStringList visibleIds() const
    {
        QStringList ids;
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            ids << QString::number(m_proxy->index(row, 0).data(JobListModel::JobIdRole).value<JobId>());
        return ids;
    }

private Q_SLOTS:
    void init()
    {
        m_api = std::make_unique<ApiClient>(&m_network);
        m_queue = std::make_unique<JobQueue>(m_api.get(), &m_network);
        m_queue->setPaused(true); // nothing leaves: the states stay as stored
        m_model = std::make_unique<JobListModel>(m_queue.get());
        m_proxy = std::make_unique<JobFilterProxy>();
        m_proxy->setSourceModel(m_model.get());
        new QAbstractItemModelTester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_model.get());
        new QAbstractItemModelTester(m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_proxy.get());
        std::vector<Job> jobs;
        jobs.push_back(storedJob(1, QStringLiteral("https://www.tiktok.com/@a/video/1"), JobState::Done,
                                 QStringLiteral("Cat Jumps"), QStringLiteral("/d/cat-jumps.mp4")));
        jobs.push_back(storedJob(2, QStringLiteral("https://youtu.be/AbCdEfGhIj0"), JobState::Failed));
        jobs.push_back(storedJob(3, QStringLiteral("https://www.instagram.com/reel/Xy1/"), JobState::Queued));
        jobs.push_back(storedJob(4, QStringLiteral("https://x.com/u/status/4"), JobState::Pending,
                                 QStringLiteral("Dog video")));
        jobs.push_back(storedJob(5, QStringLiteral("https://www.tiktok.com/@b/video/5"), JobState::Cancelled));
        jobs.push_back(storedJob(6, QStringLiteral("https://vimeo.com/6"), JobState::Done,
                                 QString(), QStringLiteral("/d/Holiday CAT.mp4")));
        m_queue->restoreJobs(std::move(jobs));
        QCOMPARE(m_proxy->rowCount(), 6);
    }

    void cleanup()
    {
        m_proxy.reset();
        m_model.reset();
        m_queue.reset();
        m_api.reset();
    }

    void statusFilters_data()
    {
        QTest::addColumn<int>("filter");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("all") << int(StatusFilter::All) << QStringList{"1", "2", "3", "4", "5", "6"};
        QTest::newRow("active") << int(StatusFilter::Active) << QStringList{"4"};
        QTest::newRow("queued") << int(StatusFilter::Queued) << QStringList{"3"};
        QTest::newRow("done") << int(StatusFilter::Done) << QStringList{"1", "6"};
        QTest::newRow("failed and cancelled") << int(StatusFilter::Failed) << QStringList{"2", "5"};
    }

    void statusFilters()
    {
        QFETCH(int, filter);
        QFETCH(QStringList, ids);
        m_proxy->setStatusFilter(StatusFilter(filter));
        QCOMPARE(visibleIds(), ids);
    }

    void searchMatchesTitleLinkAndFileIgnoringCase_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("title") << QStringLiteral("dog") << QStringList{"4"};
        QTest::newRow("title and file name") << QStringLiteral("CAT") << QStringList{"1", "6"};
        QTest::newRow("link") << QStringLiteral("youtu.be/abcd") << QStringList{"2"};
        QTest::newRow("host of two links") << QStringLiteral("tiktok.com") << QStringList{"1", "5"};
        QTest::newRow("surrounding spaces ignored") << QStringLiteral("  reel ") << QStringList{"3"};
        QTest::newRow("nothing") << QStringLiteral("no such thing") << QStringList{};
        QTest::newRow("empty shows all") << QString() << QStringList{"1", "2", "3", "4", "5", "6"};
    }

    void searchMatchesTitleLinkAndFileIgnoringCase()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, ids);
        m_proxy->setSearchText(text);
        QCOMPARE(visibleIds(), ids);
    }

    void searchAndStatusCombine()
    {
        m_proxy->setSearchText(QStringLiteral("tiktok"));
        m_proxy->setStatusFilter(StatusFilter::Done);
        QCOMPARE(visibleIds(), QStringList{"1"});
        m_proxy->setStatusFilter(StatusFilter::Failed);
        QCOMPARE(visibleIds(), QStringList{"5"});
    }

    void aJobThatChangesStateMovesBetweenFilters()
    {
        m_proxy->setStatusFilter(StatusFilter::Queued);
        QCOMPARE(visibleIds(), QStringList{"3"});
        m_queue->cancel(3);
        QCOMPARE(visibleIds(), QStringList{});
        m_proxy->setStatusFilter(StatusFilter::Failed);
        QCOMPARE(visibleIds(), (QStringList{"2", "3", "5"}));
    }

    void sortsOnTheRawValue()
    {
        m_proxy->sort(JobListModel::StatusColumn, Qt::AscendingOrder);
        QCOMPARE(m_proxy->index(0, 0).data(JobListModel::StateRole).toInt(), int(JobState::Queued));
        QCOMPARE(m_proxy->index(5, 0).data(JobListModel::StateRole).toInt(), int(JobState::Cancelled));
    }

    void sortsTitlesAsShownIgnoringCase()
    {
        std::vector<Job> more;
        more.push_back(storedJob(7, QStringLiteral("https://vimeo.com/7"), JobState::Done, QStringLiteral("bird song")));
        m_queue->restoreJobs(std::move(more));
        m_proxy->sort(JobListModel::TitleColumn, Qt::AscendingOrder);
        // Untitled jobs sort by the link they show; "bird" goes before "Cat" whatever the case.
        QCOMPARE(visibleIds(), (QStringList{"7", "1", "4", "6", "3", "5", "2"}));
        m_proxy->sort(JobListModel::TitleColumn, Qt::DescendingOrder);
        QCOMPARE(visibleIds(), (QStringList{"2", "5", "3", "6", "4", "1", "7"}));
        // Numbers in titles sort as numbers.
        std::vector<Job> numbered;
        numbered.push_back(storedJob(9, QStringLiteral("https://vimeo.com/9"), JobState::Done, QStringLiteral("Cat 10")));
        numbered.push_back(storedJob(10, QStringLiteral("https://vimeo.com/10"), JobState::Done, QStringLiteral("Cat 9")));
        m_queue->restoreJobs(std::move(numbered));
        m_proxy->sort(JobListModel::TitleColumn, Qt::AscendingOrder);
        QCOMPARE(visibleIds().mid(0, 4), (QStringList{"7", "10", "9", "1"})); // bird, Cat 9, Cat 10, Cat Jumps
        m_proxy->sort(JobListModel::TitleColumn, Qt::DescendingOrder);
        // A row that arrives after the sort takes its place from the model's current values.
        std::vector<Job> late;
        late.push_back(storedJob(8, QStringLiteral("https://vimeo.com/8"), JobState::Done, QStringLiteral("Zebra")));
        m_queue->restoreJobs(std::move(late));
        QCOMPARE(visibleIds().first(), QStringLiteral("8"));
    }

    // Scattered finished rows (more runs than signals are worth) go in one reset.
    void clearFinishedOverALongMixedHistory()
    {
        std::vector<Job> history;
        for (JobId id = 100; id < 300; ++id)
            history.push_back(storedJob(id, QStringLiteral("https://vimeo.com/%1").arg(id),
                                        id % 2 ? JobState::Queued : JobState::Done));
        m_queue->restoreJobs(std::move(history));
        QCOMPARE(m_proxy->rowCount(), 206);
        m_queue->clearFinished();
        // Left: the queued job 3 and pending job 4 of init(), then the 100 odd ids.
        QCOMPARE(m_queue->count(), 102);
        QCOMPARE(m_model->rowCount(), 102);
        QCOMPARE(m_proxy->rowCount(), 102);
        for (int row = 0; row < m_queue->count(); ++row) {
            const Job &job = m_queue->at(row);
            QVERIFY(!isFinished(job.state));
            QCOMPARE(m_queue->rowOf(job.id), row);
            QCOMPARE(m_model->index(row, 0).data(JobListModel::JobIdRole).value<JobId>(), job.id);
        }
        QCOMPARE(m_queue->at(2).id, JobId(101));
        QCOMPARE(m_queue->countInState(JobState::Done), 0);
        QCOMPARE(m_queue->countInState(JobState::Queued), 101);
    }

    void filterBarDrivesTheProxyAndCounts()
    {
        JobFilterBar bar(m_proxy.get(), m_queue.get());
        auto *done = bar.findChild<QAbstractButton *>(QStringLiteral("statusFilter%1").arg(int(StatusFilter::Done)));
        QVERIFY(done);
        QVERIFY(done->text().contains(QLatin1String("2")));
        done->click();
        QCOMPARE(m_proxy->statusFilter(), StatusFilter::Done);
        bar.searchBox()->setText(QStringLiteral("holiday"));
        QTRY_COMPARE(visibleIds(), QStringList{"6"});
    }

    void progressOfOneRowIsCoalesced()
    {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const int row = m_queue->rowOf(4);
        Q_EMIT m_queue->jobChanged(row); // first change of the row: at once
        QCOMPARE(changed.size(), 1);
        for (int i = 0; i < 50; ++i)
            Q_EMIT m_queue->jobChanged(row); // a burst of progress: held back
        QCOMPARE(changed.size(), 1);
        QTRY_COMPARE(changed.size(), 2); // one trailing update carries the latest values
        QCOMPARE(changed.last().at(0).toModelIndex().row(), row);
        QTest::qWait(JobListModel::kRowUpdateMs * 2);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(m_model->coalescedChanges(), 50);
    }

    void aNewStateIsShownAtOnce()
    {
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const int row = m_queue->rowOf(3);
        Q_EMIT m_queue->jobChanged(row);
        QCOMPARE(changed.size(), 1);
        m_queue->cancel(3); // Queued -> Cancelled within the same slot
        QVERIFY(changed.size() >= 2);
        QCOMPARE(changed.last().at(0).toModelIndex().row(), row);
    }
};

QTEST_MAIN(TstJobFilterProxy)
#include "tst_jobfilterproxy.moc"
