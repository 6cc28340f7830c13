// Drops on the real MainWindow as real QDragEnterEvent/QDropEvent with the MIME payloads
// browsers and file managers send (C10–C13), the review summary for several links, the
// clipboard watch rules, and links handed over by a second launch (fetchmedia://add).

#include "app/application.h"
#include "app/core/jobs/jobqueue.h"
#include "ui/clipboardwatcher.h"
#include "ui/linkdroptarget.h"
#include "ui/linkintakecontroller.h"
#include "ui/linkreviewdialog.h"
#include "ui/mainwindow.h"
#include "tests/support/platformmimedata.h"

#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTest>

#include <memory>

using namespace fetchmedia;

using Formats = fetchmedia::test::MimeFormats;
using fetchmedia::test::PlatformMimeData;
using fetchmedia::test::utf16le;
Q_DECLARE_METATYPE(Formats)

class TstLinkDrop final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void singleLinkDropIsAddedAtOnce_data();
    void singleLinkDropIsAddedAtOnce();
    void dragWithoutLinkIsRefusedAndDropSaysSo();
    void highlightFollowsTheDrag();
    void severalLinksShowTheSummary();
    void shortcutFileDropReadsTheUrl();
    void oversizedShortcutIsRefused();
    void secondLaunchLinksArrive();
    void clipboardWatchRules();

private:
    // Sends enter, move and drop to widget as Qt's drag manager does; returns whether the
    // drag was accepted on enter.
    bool dragAndDrop(QWidget *widget, const Formats &formats, bool drop = true)
    {
        PlatformMimeData mime(formats);
        const QPointF pos(widget->width() / 2.0, widget->height() / 2.0);
        QDragEnterEvent enter(pos.toPoint(), Qt::CopyAction | Qt::LinkAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(widget, &enter);
        if (!enter.isAccepted())
            return false;
        QDragMoveEvent move(pos.toPoint(), Qt::CopyAction | Qt::LinkAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(widget, &move);
        if (drop) {
            QDropEvent dropEvent(pos, Qt::CopyAction | Qt::LinkAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(widget, &dropEvent);
        }
        return true;
    }
    QList<QWidget *> targets() const
    {
        return {m_window->urlBox(), m_window->jobView()->viewport(), m_window};
    }
    QString statusText() const { return m_window->statusBar()->currentMessage(); }

    QTemporaryDir m_folder;
    std::unique_ptr<Application> m_app;
    MainWindow *m_window = nullptr;
    int m_before = 0;
};

void TstLinkDrop::init()
{
    // No sandbox and no key: the queue stays paused, nothing is in flight, nothing is sent.
    StartOptions options;
    options.apiBase = QUrl(QStringLiteral("http://127.0.0.1:9/v1"));
    options.downloadFolder = m_folder.path();
    static int run = 0; // a store of its own per test row: no duplicates carried over
    options.databasePath = m_folder.filePath(QStringLiteral("jobs-%1.sqlite").arg(++run));
    m_app = std::make_unique<Application>(options);
    QVERIFY(m_app->start(nullptr));
    m_window = m_app->window();
    m_before = m_app->queue()->count();
}

void TstLinkDrop::cleanup()
{
    m_app.reset();
    m_window = nullptr;
}

void TstLinkDrop::singleLinkDropIsAddedAtOnce_data()
{
    QTest::addColumn<Formats>("formats");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("target");

    const QByteArray html = QStringLiteral(
        "<html><body>\r\n<!--StartFragment--><a href=\"https://www.youtube.com/shorts/AbCdEfGhIj0?feature=share&amp;si=x\">"
        "Funny cat compilation \U0001F639</a><!--EndFragment-->\r\n</body></html>").toUtf8();
    for (int target = 0; target < 3; ++target) {
        const QByteArray suffix = QByteArray(" on ") + (target == 0 ? "URL box" : target == 1 ? "job list" : "window");
        QTest::newRow(QByteArray("C12 Chrome link drag" + suffix).constData())
            << Formats{{QStringLiteral("text/plain"), QStringLiteral("Funny cat compilation \U0001F639").toUtf8()},
                       {QStringLiteral("text/html"), html}}
            << QStringLiteral("https://www.youtube.com/shorts/AbCdEfGhIj0") << target;
        QTest::newRow(QByteArray("C11 Firefox x-moz-url" + suffix).constData())
            << Formats{{QStringLiteral("text/x-moz-url"),
                        utf16le(QStringLiteral("https://www.instagram.com/reel/AbCdEfGhIjK/?igsh=MWQ1ZGUxMzBkMA==\nFunny reel"))},
                       {QStringLiteral("text/plain"), QByteArray("Funny reel")}}
            << QStringLiteral("https://www.instagram.com/reel/AbCdEfGhIjK/") << target;
    }
    QTest::newRow("C10 uri-list with comment")
        << Formats{{QStringLiteral("text/uri-list"),
                    QByteArray("# dragged\r\nhttps://www.tiktok.com/@user/video/7000000000000000001?_r=1&_t=8pAbCdEfGhI\r\n")}}
        << QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001") << 0;
    QTest::newRow("C11 odd byte count falls back to text")
        << Formats{{QStringLiteral("text/x-moz-url"), QByteArray("\x68\x00\x74\x00\x74", 5)},
                   {QStringLiteral("text/plain"), QByteArray("https://x.com/user/status/1700000000000000001?s=20")}}
        << QStringLiteral("https://x.com/user/status/1700000000000000001") << 1;
    QTest::newRow("_NETSCAPE_URL")
        << Formats{{QStringLiteral("_NETSCAPE_URL"), QByteArray("https://vimeo.com/123456789\nA film")}}
        << QStringLiteral("https://vimeo.com/123456789") << 2;
}

void TstLinkDrop::singleLinkDropIsAddedAtOnce()
{
    QFETCH(Formats, formats);
    QFETCH(QString, expected);
    QFETCH(int, target);
    QVERIFY(dragAndDrop(targets().at(target), formats));
    QCOMPARE(m_app->queue()->count(), m_before + 1); // no review for one link
    QVERIFY(!m_window->intake()->review());
    QCOMPARE(m_app->queue()->at(m_app->queue()->count() - 1).sourceUrl.toString(QUrl::FullyEncoded), expected);
    QVERIFY(!m_window->intake()->dropTarget()->highlighted());
}

void TstLinkDrop::dragWithoutLinkIsRefusedAndDropSaysSo()
{
    const Formats titleOnly{{QStringLiteral("text/plain"), QStringLiteral("Funny cat compilation \U0001F639").toUtf8()}};
    for (QWidget *target : targets())
        QVERIFY(!dragAndDrop(target, titleOnly)); // the cursor shows "no" before release
    QVERIFY(!m_window->intake()->dropTarget()->highlighted());

    // A drop that seemed promising (a local file) but yields nothing says so.
    QTemporaryDir dir;
    QFile empty(dir.filePath(QStringLiteral("empty.txt")));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.write("no links in here\n");
    empty.close();
    const Formats file{{QStringLiteral("text/uri-list"), QUrl::fromLocalFile(empty.fileName()).toEncoded() + "\r\n"}};
    QVERIFY(dragAndDrop(m_window->urlBox(), file));
    QCOMPARE(m_app->queue()->count(), m_before);
    QVERIFY2(statusText().contains(QStringLiteral("No link found")), qPrintable(statusText()));
}

void TstLinkDrop::highlightFollowsTheDrag()
{
    const Formats link{{QStringLiteral("text/uri-list"), QByteArray("https://youtu.be/AbCdEfGhIj0\r\n")}};
    QVERIFY(dragAndDrop(m_window->jobView()->viewport(), link, false));
    QCOMPARE(m_window->intake()->dropTarget()->highlighted(), m_window->jobView()->viewport());
    QVERIFY(m_window->jobView()->viewport()->findChild<QWidget *>(QStringLiteral("dropHighlight")));
    QDragLeaveEvent leave;
    QApplication::sendEvent(m_window->jobView()->viewport(), &leave);
    QVERIFY(!m_window->intake()->dropTarget()->highlighted());
    QVERIFY(!m_window->jobView()->viewport()->findChild<QWidget *>(QStringLiteral("dropHighlight")));
    QCOMPARE(m_app->queue()->count(), m_before);
}

void TstLinkDrop::severalLinksShowTheSummary()
{
    m_app->queue()->addNewLinks({QUrl(QStringLiteral("https://youtu.be/AbCdEfGhIj0"))});
    const int listed = m_app->queue()->count();
    const Formats list{{QStringLiteral("text/uri-list"),
                        QByteArray("https://www.youtube.com/shorts/AbCdEfGhIj0?feature=share\n"    // already listed
                                   "https://x.com/user/status/1700000000000000001/video/1\n"       // new
                                   "https://www.instagram.com/reel/AbCdEfGhIjK/?igsh=MWQ1ZGUxMzBkMA==\n" // new
                                   "https://example.com/article\n")}};                             // not a video site
    QVERIFY(dragAndDrop(m_window, list));
    LinkReviewDialog *review = m_window->intake()->review();
    QVERIFY(review);
    QCOMPARE(m_app->queue()->count(), listed); // nothing sent before Add
    QCOMPARE(review->summaryText(), QStringLiteral("4 links: 2 new, 1 already in the list, 1 not a video site"));
    QVERIFY(!review->list()->isVisible());
    QCOMPARE(review->list()->count(), 0); // rows are made only when the list is opened
    QCOMPARE(review->addButton()->text(), QStringLiteral("Add 2 links"));
    review->detailsButton()->click();
    QVERIFY(review->list()->isVisibleTo(review));
    QCOMPARE(review->list()->count(), 4);
    // Untick the Instagram reel, tick the other site.
    review->list()->item(2)->setCheckState(Qt::Unchecked);
    review->list()->item(3)->setCheckState(Qt::Checked);
    QCOMPARE(review->addButton()->text(), QStringLiteral("Add 2 links"));
    review->addButton()->click();
    QCOMPARE(m_app->queue()->count(), listed + 2);
    QCOMPARE(m_app->queue()->at(listed).sourceUrl.toString(), QStringLiteral("https://x.com/user/status/1700000000000000001"));
    QCOMPARE(m_app->queue()->at(listed + 1).platform, Platform::Other);
}

void TstLinkDrop::shortcutFileDropReadsTheUrl()
{
    QTemporaryDir dir;
    QFile shortcut(dir.filePath(QStringLiteral("Cat video - YouTube.url")));
    QVERIFY(shortcut.open(QIODevice::WriteOnly));
    shortcut.write("[{000214A0-0000-0000-C000-000000000046}]\r\nProp3=19,0\r\n[InternetShortcut]\r\nIDList=\r\n"
                   "URL=https://www.youtube.com/watch?v=AbCdEfGhIj0&list=RDAbCdEfGhIj0\r\nIconIndex=0\r\n");
    shortcut.close();
    const Formats file{{QStringLiteral("text/uri-list"), QUrl::fromLocalFile(shortcut.fileName()).toEncoded() + "\r\n"}};
    QVERIFY(dragAndDrop(m_window->jobView()->viewport(), file));
    QCOMPARE(m_app->queue()->count(), m_before + 1);
    const QUrl added = m_app->queue()->at(m_before).sourceUrl;
    QCOMPARE(added.toString(), QStringLiteral("https://www.youtube.com/watch?v=AbCdEfGhIj0")); // one video, no list
    QVERIFY(!added.isLocalFile());
}

void TstLinkDrop::oversizedShortcutIsRefused()
{
    QTemporaryDir dir;
    QFile evil(dir.filePath(QStringLiteral("evil.url")));
    QVERIFY(evil.open(QIODevice::WriteOnly));
    evil.write("[InternetShortcut]\r\nURL=https://youtu.be/AbCdEfGhIj0\r\n");
    QVERIFY(evil.resize(50LL * 1024 * 1024));
    evil.close();
    const Formats file{{QStringLiteral("text/uri-list"), QUrl::fromLocalFile(evil.fileName()).toEncoded() + "\r\n"}};
    QVERIFY(dragAndDrop(m_window, file));
    // A file this size is looked at off the UI thread (it is refused by its size, unread).
    QTRY_VERIFY2(statusText().contains(QStringLiteral("too large")), qPrintable(statusText()));
    QCOMPARE(m_app->queue()->count(), m_before);
}

void TstLinkDrop::secondLaunchLinksArrive()
{
    m_window->receiveArguments({QStringLiteral("fetchmedia://add?url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DAbCdEfGhIj0%26t%3D42")});
    QCOMPARE(m_app->queue()->count(), m_before + 1);
    QCOMPARE(m_app->queue()->at(m_before).sourceUrl.toString(), QStringLiteral("https://www.youtube.com/watch?v=AbCdEfGhIj0&t=42"));
    // cmd.exe cut the URL at "&": what is left is still a valid link, and a duplicate here.
    m_window->receiveArguments({QStringLiteral("https://www.youtube.com/watch?v=AbCdEfGhIj0")});
    QCOMPARE(m_app->queue()->count(), m_before + 1);
    // Two links from another launch: the summary, not a silent add.
    m_window->receiveArguments({QStringLiteral("https://vimeo.com/111111"), QStringLiteral("https://vimeo.com/222222")});
    QVERIFY(m_window->intake()->review());
    QCOMPARE(m_window->intake()->review()->newCount(), 2);
}

void TstLinkDrop::clipboardWatchRules()
{
    ClipboardWatcher watcher;
    const QString chat = QStringLiteral("lol https://youtu.be/AbCdEfGhIj0 and https://example.com/x");
    QVERIFY(watcher.takeFrom(chat, false).isEmpty()); // off by default
    watcher.setEnabled(true);
    QVERIFY(watcher.takeFrom(chat, true).isEmpty()); // we put it there ourselves
    const QList<FoundLink> taken = watcher.takeFrom(chat, false);
    QCOMPARE(taken.size(), 1); // only the known video site
    QCOMPARE(taken.first().key, QStringLiteral("youtube:AbCdEfGhIj0"));
    QVERIFY(watcher.takeFrom(QStringLiteral("https://youtu.be/AbCdEfGhIj0?si=1"), false).isEmpty()); // seen already
    QCOMPARE(watcher.takeFrom(QStringLiteral("https://x.com/user/status/1700000000000000001"), false).size(), 1);
}

QTEST_MAIN(TstLinkDrop)
#include "tst_linkdrop.moc"
