// The GUI as a person uses it, offscreen: the real Application wiring in sandbox mode.

#include "app/application.h"
#include "app/core/jobs/jobqueue.h"
#include "ui/joblistmodel.h"
#include "ui/linkintakecontroller.h"
#include "ui/linkreviewdialog.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fetchmedia;

class TstMainWindow final : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_home;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Each test gets a home of its own: no settings, database or files from another test.
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        qputenv("HOME", m_home->path().toUtf8());
        qputenv("XDG_DATA_HOME", (m_home->path() + QStringLiteral("/data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home->path() + QStringLiteral("/config")).toUtf8());
    }

    void typedLinkAndEnterPutsTheFileInTheFolder()
    {
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        StartOptions options;
        options.sandbox = true;
        options.downloadFolder = folder.path();
        Application application(options);
        QString problem;
        QVERIFY2(application.start(&problem), qPrintable(problem));

        MainWindow *window = application.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        // The icon follows the first frame, in the sizes a window uses.
        QTRY_VERIFY(!window->windowIcon().isNull());
        QVERIFY(window->windowIcon().availableSizes().contains(QSize(16, 16)));
        QVERIFY(window->windowIcon().availableSizes().contains(QSize(128, 128)));
        QAbstractItemModelTester tester(window->jobView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(QApplication::focusWidget(), window->urlBox());

        QTest::keyClicks(window->urlBox(), QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001"));
        QTest::keyClick(window->urlBox(), Qt::Key_Return);
        QVERIFY(window->urlBox()->text().isEmpty());
        QCOMPARE(window->jobView()->model()->rowCount(), 1);

        const QModelIndex status = window->jobView()->model()->index(0, JobListModel::StatusColumn);
        QTRY_COMPARE_WITH_TIMEOUT(JobState(status.data(JobListModel::StateRole).toInt()), JobState::Done, 15000);
        const QStringList files = QDir(folder.path()).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        QVERIFY(files.first().endsWith(QStringLiteral(".mp4")));
        const QModelIndex file = window->jobView()->model()->index(0, JobListModel::FileColumn);
        QCOMPARE(file.data().toString(), files.first());
    }

    void multiLinePasteAddsEachLinkAndNonsenseAddsNone()
    {
        QTemporaryDir folder;
        StartOptions options;
        options.sandbox = true;
        options.downloadFolder = folder.path();
        options.databasePath = folder.filePath(QStringLiteral("jobs.sqlite")); // no jobs of earlier runs
        Application application(options);
        QVERIFY(application.start(nullptr));
        MainWindow *window = application.window();

        const int before = application.queue()->count(); // the job store may restore some
        window->urlBox()->setText(QStringLiteral(
            "look: https://youtu.be/AbCdEfGhIj0, and\nhttps://x.com/user/status/1700000000000000001!"));
        QTest::keyClick(window->urlBox(), Qt::Key_Return);
        // More than one link: the review summary first (issue 6), then Add.
        LinkReviewDialog *review = window->intake()->review();
        QVERIFY(review);
        QCOMPARE(review->newCount(), 2);
        review->addButton()->click();
        QCOMPARE(application.queue()->count(), before + 2);

        window->urlBox()->setText(QStringLiteral("Funny cat compilation"));
        QTest::keyClick(window->urlBox(), Qt::Key_Return);
        QCOMPARE(application.queue()->count(), before + 2);
        QCOMPARE(window->urlBox()->text(), QStringLiteral("Funny cat compilation")); // nothing lost
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
