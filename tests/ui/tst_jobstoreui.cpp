// The job store through the real Application: a damaged database shows the "database"
// banner and is kept beside the new one; stored jobs come back into the window.

#include "app/application.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/jobstore.h"
#include "ui/bannerarea.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace fetchmedia;

namespace {

// Calls back at the first paint of any widget.
class PaintSpy final : public QObject
{
public:
    explicit PaintSpy(std::function<void()> atFirstPaint) : m_atFirstPaint(std::move(atFirstPaint)) {}
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_atFirstPaint)
            std::exchange(m_atFirstPaint, {})();
        return QObject::eventFilter(watched, event);
    }

private:
    std::function<void()> m_atFirstPaint;
};

// The sandbox, a download folder in dir and the job database at path.
StartOptions sandboxWith(const QTemporaryDir &dir, const QString &path)
{
    StartOptions options;
    options.sandbox = true;
    options.downloadFolder = dir.filePath(QStringLiteral("downloads"));
    options.databasePath = path;
    return options;
}

} // namespace

class TstJobStoreUi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void truncatedDatabaseIsKeptAndTheBannerSaysWhere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jobs.sqlite"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly)); // zero bytes, as after a bad crash
        }
        Application application(sandboxWith(dir, path));
        QVERIFY(application.start(nullptr));
        BannerArea *banners = application.window()->banners();
        QVERIFY(banners->isShown(QStringLiteral("database")));
        const QString aside = application.store()->movedAsidePath();
        QVERIFY(QFile::exists(aside));
        QCOMPARE(QFileInfo(aside).size(), 0);
        QVERIFY(banners->text(QStringLiteral("database")).contains(QDir::toNativeSeparators(aside)));
        QVERIFY(QFileInfo(path).size() > 0); // the fresh one beside it
        const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("jobs.sqlite*")}, QDir::Files);
        QVERIFY2(kept.size() >= 2, qPrintable(kept.join(QLatin1Char(' '))));
    }

    // Damage deep inside the file is found after the first frame; the banner follows.
    void interiorDamageShowsTheBannerAfterTheWindow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jobs.sqlite"));
        {
            JobStore store;
            QVERIFY(store.open(path));
            std::vector<Job> jobs(2000);
            std::vector<const Job *> pointers;
            for (int i = 0; i < 2000; ++i) {
                jobs[size_t(i)].id = JobId(i + 1);
                jobs[size_t(i)].sourceUrl = QUrl(QStringLiteral("https://www.tiktok.com/@u/video/7%1").arg(i, 18, 10, QLatin1Char('0')));
                jobs[size_t(i)].idempotencyKey = QByteArray::number(i);
                jobs[size_t(i)].state = JobState::Done;
                jobs[size_t(i)].addedAt = QDateTime::currentDateTimeUtc();
                pointers.push_back(&jobs[size_t(i)]);
            }
            QVERIFY(store.insertJobs(pointers));
        } // the last connection checkpoints the WAL into the file
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 40 * 4096);
        QVERIFY(file.seek(30 * 4096));
        QVERIFY(file.write(QByteArray(4096, char(0x5a))) == 4096);
        file.close();

        Application application(sandboxWith(dir, path));
        QVERIFY(application.start(nullptr));
        BannerArea *banners = application.window()->banners();
        QVERIFY(!banners->isShown(QStringLiteral("database"))); // not before the window is up
        QTRY_VERIFY(banners->isShown(QStringLiteral("database")));
        QVERIFY(QFile::exists(application.store()->movedAsidePath()));
        QCOMPARE(application.queue()->count(), 0);
        application.queue()->addLinks({QUrl(QStringLiteral("https://youtu.be/AbCdEfGhIj0"))});
        QCOMPARE(application.store()->jobCount(), 1); // the fresh file takes new jobs
    }

    // A download folder that cannot be used pauses downloads; the banner gives the reason as
    // one sentence and the two ways out.
    void unusableFolderBannerSaysWhy()
    {
        QTemporaryDir dir;
        QFile notAFolder(dir.filePath(QStringLiteral("downloads")));
        QVERIFY(notAFolder.open(QIODevice::WriteOnly)); // a file where the folder should be
        notAFolder.close();
        Application application(sandboxWith(dir, dir.filePath(QStringLiteral("jobs.sqlite"))));
        QVERIFY(application.start(nullptr));
        application.queue()->addLinks({QUrl(QStringLiteral("https://youtu.be/AbCdEfGhIj0"))});
        BannerArea *banners = application.window()->banners();
        QTRY_VERIFY_WITH_TIMEOUT(banners->isShown(QStringLiteral("folder")), 15000);
        const QString text = banners->text(QStringLiteral("folder"));
        QVERIFY2(text.startsWith(QStringLiteral("Downloads are paused: ")) && text.endsWith(QLatin1Char('.')),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("partial files")), qPrintable(text));
    }

    void storedJobsComeBackAndClearFinishedRemovesThem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jobs.sqlite"));
        {
            JobStore store;
            QVERIFY(store.open(path));
            Job done;
            done.id = 3;
            done.sourceUrl = QUrl(QStringLiteral("https://youtu.be/AbCdEfGhIj0"));
            done.idempotencyKey = "k";
            done.state = JobState::Done;
            done.filePath = dir.filePath(QStringLiteral("clip.mp4"));
            done.addedAt = QDateTime::currentDateTimeUtc();
            QVERIFY(store.insertJobs({&done}));
        }
        Application application(sandboxWith(dir, path));
        // The first frame is drawn before any stored row is loaded (issue 7: start-up).
        int rowsAtFirstPaint = -1;
        PaintSpy spy([&] { rowsAtFirstPaint = application.queue()->count(); });
        qApp->installEventFilter(&spy);
        QVERIFY(application.start(nullptr));
        QAbstractItemModelTester tester(application.window()->jobView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!application.window()->banners()->isShown(QStringLiteral("database")));
        QTRY_COMPARE(application.window()->jobView()->model()->rowCount(), 1);
        qApp->removeEventFilter(&spy);
        QCOMPARE(rowsAtFirstPaint, 0);
        QCOMPARE(application.queue()->at(0).state, JobState::Done);
        application.queue()->clearFinished();
        QCOMPARE(application.window()->jobView()->model()->rowCount(), 0);
        QCOMPARE(application.store()->jobCount(), 0);
    }
};

QTEST_MAIN(TstJobStoreUi)
#include "tst_jobstoreui.moc"
