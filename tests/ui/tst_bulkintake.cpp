// Big pastes and imports (issue 7): read off the UI thread, added a slice at a time, and
// nothing lost on the way, whichever way the text comes in.

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/jobstore.h"
#include "ui/linkbatcher.h"
#include "ui/linkintakecontroller.h"
#include "ui/linkreviewdialog.h"
#include "ui/mainwindow.h"
#include "ui/urlbox.h"
#include "tests/support/pausedwindow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fetchmedia;

namespace {

QUrl videoLink(int i)
{
    return QUrl(QStringLiteral("https://www.tiktok.com/@user/video/7%1").arg(i, 18, 10, QLatin1Char('0')));
}

// count distinct links, one per line, each wrapped in some chat prose.
QString chatLog(int count, int firstNumber = 0)
{
    QString text;
    for (int i = 0; i < count; ++i)
        text += QStringLiteral("look at this one (%1), it's great!\n").arg(videoLink(firstNumber + i).toString());
    return text;
}

using Rig = fetchmedia::test::PausedWindow;

} // namespace

class TstBulkIntake final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void batcherAddsTheFirstSliceAtOnceAndTheRestLater()
    {
        Rig rig;
        QList<QUrl> links;
        for (int i = 0; i < 1200; ++i)
            links << videoLink(i);
        links << videoLink(3); // twice in one list: once
        int added = -1;
        QList<QUrl> alreadyListed;
        LinkBatcher batcher(&rig.queue, links, {});
        connect(&batcher, &LinkBatcher::finished, this, [&](int n, const QList<QUrl> &listed) {
            added = n;
            alreadyListed = listed;
        });
        batcher.start();
        QCOMPARE(rig.queue.count(), int(LinkBatcher::kSliceSize));
        QCOMPARE(rig.store.jobCount(), int(LinkBatcher::kSliceSize)); // committed before shown
        QTRY_VERIFY(batcher.isFinished());
        QCOMPARE(added, 1200);
        QCOMPARE(alreadyListed, QList<QUrl>{videoLink(3)});
        QCOMPARE(rig.queue.count(), 1200);
        QCOMPARE(rig.store.jobCount(), 1200);
    }

    void batcherGoneEarlyStillAddsEverything()
    {
        Rig rig;
        QList<QUrl> links;
        for (int i = 0; i < 1100; ++i)
            links << videoLink(i);
        {
            LinkBatcher batcher(&rig.queue, links, {videoLink(0)});
            batcher.start();
            QVERIFY(rig.queue.count() < 1100);
        } // the window closed mid-way
        QCOMPARE(rig.queue.count(), 1101); // the ticked duplicate too
        QCOMPARE(rig.store.jobCount(), 1101);
    }

    void bigPasteIsReadInTheBackgroundAndReviewed()
    {
        Rig rig;
        QAbstractItemModelTester tester(rig.window->jobView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString text = chatLog(1500);
        QVERIFY(text.size() >= LinkIntakeController::kBackgroundTextChars);
        int found = -1;
        rig.window->addLinksFromText(text, [&](int n) { found = n; });
        QVERIFY(rig.window->intake()->isReading()); // not read on the UI thread
        QVERIFY(rig.window->statusBar()->currentMessage().startsWith(QStringLiteral("Looking for links")));
        QTRY_COMPARE(found, 1500);
        LinkReviewDialog *review = rig.window->intake()->review();
        QVERIFY(review);
        QCOMPARE(review->newCount(), 1500);
        QCOMPARE(review->addButton()->text(), QStringLiteral("Add 1500 links"));
        review->addButton()->click();
        QTRY_COMPARE(rig.window->jobView()->model()->rowCount(), 1500);
        QCOMPARE(rig.store.jobCount(), 1500);
        QTRY_COMPARE(rig.window->statusBar()->currentMessage(), QStringLiteral("Added 1500 links."));
        // The counts beside it, numbered like the filter buttons.
        const QString n = QLocale().toString(1500);
        bool counted = false;
        for (const QLabel *label : rig.window->statusBar()->findChildren<QLabel *>())
            counted = counted || label->text() == QStringLiteral("%1 jobs · %1 queued · paused").arg(n);
        QVERIFY(counted);
        rig.queue.cancel(rig.queue.at(0).id);
        bool cancelled = false;
        for (const QLabel *label : rig.window->statusBar()->findChildren<QLabel *>())
            cancelled = cancelled || label->text().endsWith(QStringLiteral(" · 1 cancelled · paused"));
        QVERIFY(cancelled);
    }

    void aNewerPasteWinsOverOneStillBeingRead()
    {
        Rig rig;
        int calls = 0;
        int lastFound = -1;
        rig.window->addLinksFromText(chatLog(1500), [&](int n) { ++calls; lastFound = n; });
        rig.window->addLinksFromText(chatLog(1200, 5000), [&](int n) { ++calls; lastFound = n; });
        // Both reads run on the pool, in either order; only the newer one is taken.
        QTRY_VERIFY(!rig.window->intake()->isReading());
        QCOMPARE(calls, 1);
        QCOMPARE(lastFound, 1200);
        QVERIFY(rig.window->intake()->review());
        QCOMPARE(rig.window->intake()->review()->newCount(), 1200);
    }

    void bigTextWithoutLinksSaysSo()
    {
        Rig rig;
        QString prose;
        while (prose.size() < LinkIntakeController::kBackgroundTextChars)
            prose += QStringLiteral("no links in this sentence at all. ");
        int found = -1;
        rig.window->addLinksFromText(prose, [&](int n) { found = n; });
        QTRY_COMPARE(found, 0);
        QCOMPARE(rig.window->statusBar()->currentMessage(), QStringLiteral("No link found in that text."));
        QCOMPARE(rig.queue.count(), 0);
    }

    void importIsReadInTheBackground()
    {
        Rig rig;
        const QString path = rig.dir.filePath(QStringLiteral("export.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(chatLog(3).toUtf8());
        file.close();
        int found = -1;
        rig.window->intake()->importFile(path, [&](int n) { found = n; });
        QVERIFY(rig.window->intake()->isReading());
        QCOMPARE(rig.window->statusBar()->currentMessage(), QStringLiteral("Reading export.txt…"));
        QTRY_COMPARE(found, 3);
        QVERIFY(rig.window->intake()->review());
        QCOMPARE(rig.window->intake()->review()->newCount(), 3);

        found = -1;
        rig.window->intake()->importFile(rig.dir.filePath(QStringLiteral("gone.txt")), [&](int n) { found = n; });
        QTRY_COMPARE(found, 0);
        QVERIFY2(rig.window->statusBar()->currentMessage().startsWith(QStringLiteral("No link found in that file.")),
                 qPrintable(rig.window->statusBar()->currentMessage()));
    }

    void bigDropIsReadInTheBackground()
    {
        Rig rig;
        QMimeData mime;
        mime.setText(chatLog(1500));
        rig.window->intake()->takeDrop(mime);
        QVERIFY(rig.window->intake()->isReading());
        QVERIFY(!rig.window->intake()->review());
        QTRY_VERIFY(rig.window->intake()->review());
        QCOMPARE(rig.window->intake()->review()->newCount(), 1500);

        // A small drop is taken at once, as before.
        rig.window->intake()->review()->reject();
        QMimeData small;
        small.setText(videoLink(9000).toString());
        rig.window->intake()->takeDrop(small);
        QCOMPARE(rig.queue.count(), 1);
    }

    void pastingManyLinesIntoTheBoxTakesThemAll()
    {
        Rig rig;
        QLineEdit *box = rig.window->urlBox();
        box->setFocus();
        // Longer than a line edit holds (32,767 characters): none may be cut off.
        const QString text = chatLog(1000);
        QVERIFY(text.size() > 32767);
        QApplication::clipboard()->setText(text);
        QTest::keySequence(box, QKeySequence::Paste);
        QVERIFY(box->text().isEmpty()); // handed to the intake, not squeezed into the box
        QTRY_VERIFY(rig.window->intake()->review());
        QCOMPARE(rig.window->intake()->review()->newCount(), 1000);

        // One link is pasted into the box as usual.
        rig.window->intake()->review()->reject();
        QApplication::clipboard()->setText(videoLink(1).toString());
        QTest::keySequence(box, QKeySequence::Paste);
        QCOMPARE(box->text(), videoLink(1).toString());
    }

    void bulkTextIsRecognised_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("bulk");
        QTest::newRow("one link") << videoLink(1).toString() << false;
        QTest::newRow("two lines") << videoLink(1).toString() + QStringLiteral("\n") + videoLink(2).toString() << true;
        QTest::newRow("carriage return") << QStringLiteral("a\rb") << true;
        QTest::newRow("long line") << QString(UrlBox::kBulkChars + 1, QLatin1Char('a')) << true;
        QTest::newRow("at the limit") << QString(UrlBox::kBulkChars, QLatin1Char('a')) << false;
    }

    void bulkTextIsRecognised()
    {
        QFETCH(QString, text);
        QFETCH(bool, bulk);
        QCOMPARE(UrlBox::isBulkText(text), bulk);
    }
};

QTEST_MAIN(TstBulkIntake)
#include "tst_bulkintake.moc"
