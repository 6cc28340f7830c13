// The GUI as a person uses it, offscreen: the real Application wiring in sandbox mode.

#include "app/application.h"
#include "app/core/jobs/jobqueue.h"
#include "ui/joblistmodel.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace fetchmedia;

class TstMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

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
        Application application(options);
        QVERIFY(application.start(nullptr));
        MainWindow *window = application.window();

        window->urlBox()->setText(QStringLiteral(
            "look: https://youtu.be/AbCdEfGhIj0, and\nhttps://x.com/user/status/1700000000000000001!"));
        QTest::keyClick(window->urlBox(), Qt::Key_Return);
        QCOMPARE(application.queue()->count(), 2);

        window->urlBox()->setText(QStringLiteral("Funny cat compilation"));
        QTest::keyClick(window->urlBox(), Qt::Key_Return);
        QCOMPARE(application.queue()->count(), 2);
        QCOMPARE(window->urlBox()->text(), QStringLiteral("Funny cat compilation")); // nothing lost
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
