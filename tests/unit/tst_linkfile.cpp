// Shortcut files and link lists (C13: .url with other sections, XML and binary .webloc, a
// 50 MB "shortcut"), the binary plist reader against hostile input, .txt and .csv lists.

#include "app/core/intake/binaryplist.h"
#include "app/core/intake/linkfile.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QVariantMap>
#include <QtTest/QtTest>

using namespace fetchmedia;

namespace {

// Written by Python's plistlib (an independent writer): {"URL": "https://x.com/user/status/1700000000000000001"}.
const QByteArray kBinaryWebloc = QByteArray::fromHex(
    "62706c6973743030d101025355524c5f102d68747470733a2f2f782e636f6d2f757365722f7374617475732f313730303030"
    "30303030303030303030303031080b0f000000000000010100000000000000030000000000000000000000000000003f");
// {"Title": "Ünïcode ✓" (UTF-16 string), "URL": "https://www.tiktok.com/@user/video/7000000000000000001?_r=1"}.
const QByteArray kBinaryPlistTwoKeys = QByteArray::fromHex(
    "62706c6973743030d201020304555469746c655355524c6900dc006e00ef0063006f00640065002027135f103b68747470733a2f2f"
    "7777772e74696b746f6b2e636f6d2f40757365722f766964656f2f373030303030303030303030303030303030313f5f723d3108"
    "0d13172a0000000000000101000000000000000500000000000000000000000000000068");

const QByteArray kInternetShortcut =
    "[{000214A0-0000-0000-C000-000000000046}]\r\nProp3=19,0\r\n[InternetShortcut]\r\nIDList=\r\n"
    "URL=https://www.youtube.com/watch?v=AbCdEfGhIj0&list=RDAbCdEfGhIj0\r\nIconIndex=0\r\n";
const QByteArray kXmlWebloc =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
    "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\"><plist version=\"1.0\"><dict><key>URL</key>"
    "<string>https://x.com/user/status/1700000000000000001</string></dict></plist>";

} // namespace

class TstLinkFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void files_data();
    void files();
    void fiftyMegabyteShortcutIsRefused();
    void urlKeyOutsideTheSectionIsIgnored();
    void binaryPlistValues();
    void binaryPlistSurvivesCorruption();
    void csvCells();

private:
    QString write(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return QString();
        return file.fileName();
    }
    QTemporaryDir m_dir;
};

void TstLinkFile::files_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("links");
    QTest::addColumn<bool>("problem");

    QTest::newRow("C13 .url with other sections, CRLF")
        << QStringLiteral("Cat video - YouTube.url") << kInternetShortcut
        << QStringList{QStringLiteral("https://www.youtube.com/watch?v=AbCdEfGhIj0")} << false;
    QTest::newRow("C13 .url LF, lower-case section") << QStringLiteral("a.URL")
        << QByteArray("[internetshortcut]\nurl=https://vimeo.com/123456\n")
        << QStringList{QStringLiteral("https://vimeo.com/123456")} << false;
    QTest::newRow("C13 .url without URL") << QStringLiteral("b.url") << QByteArray("[InternetShortcut]\nIDList=\n")
        << QStringList() << true;
    QTest::newRow("C13 .url to a local file") << QStringLiteral("c.url")
        << QByteArray("[InternetShortcut]\r\nURL=file:///C:/Windows/notepad.exe\r\n") << QStringList() << true;
    QTest::newRow("C13 XML .webloc") << QStringLiteral("Post.webloc") << kXmlWebloc
        << QStringList{QStringLiteral("https://x.com/user/status/1700000000000000001")} << false;
    QTest::newRow("C13 binary .webloc") << QStringLiteral("Post2.webloc") << kBinaryWebloc
        << QStringList{QStringLiteral("https://x.com/user/status/1700000000000000001")} << false;
    QTest::newRow("C13 binary .webloc two keys") << QStringLiteral("Post3.webloc") << kBinaryPlistTwoKeys
        << QStringList{QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001")} << false;
    QTest::newRow("C13 truncated binary .webloc") << QStringLiteral("Post4.webloc") << kBinaryWebloc.left(40)
        << QStringList() << true;
    QTest::newRow("C13 .webloc that is not a plist") << QStringLiteral("junk.webloc") << QByteArray("\x00\x01garbage", 9)
        << QStringList() << true;
    QTest::newRow(".txt list, CRLF, comments and junk") << QStringLiteral("links.txt")
        << QByteArray("# my list\r\nhttps://youtu.be/AbCdEfGhIj0?si=1\r\nnot a link\r\n\r\nvm.tiktok.com/ZSAbCdEfG/\r\n")
        << QStringList{QStringLiteral("https://youtu.be/AbCdEfGhIj0"), QStringLiteral("https://vm.tiktok.com/ZSAbCdEfG/")}
        << false;
    QTest::newRow(".txt UTF-16 with BOM") << QStringLiteral("u16.txt")
        << QByteArray("\xff\xfeh\0t\0t\0p\0s\0:\0/\0/\0v\0i\0m\0e\0o\0.\0c\0o\0m\0/\0\x31\0\x32\0\x33\0\x34\0", 46)
        << QStringList{QStringLiteral("https://vimeo.com/1234")} << false;
    QTest::newRow(".csv cells without spaces") << QStringLiteral("export.csv")
        << QByteArray("title,url\r\n\"Cat, funny\",https://youtu.be/AbCdEfGhIj0\r\nPost;https://x.com/user/status/1700000000000000001\r\n")
        << QStringList{QStringLiteral("https://youtu.be/AbCdEfGhIj0"), QStringLiteral("https://x.com/user/status/1700000000000000001")}
        << false;
    QTest::newRow("a video file is not read") << QStringLiteral("clip.mp4") << QByteArray("https://youtu.be/AbCdEfGhIj0")
        << QStringList() << true;
}

void TstLinkFile::files()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, links);
    QFETCH(bool, problem);
    const QString path = write(name, content);
    QVERIFY(!path.isEmpty());
    const IntakeResult result = readLinkFile(path);
    QStringList got;
    for (const FoundLink &link : result.links) {
        got << link.url.toString(QUrl::FullyEncoded);
        QVERIFY(!link.url.isLocalFile()); // never the file's own path
    }
    QCOMPARE(got, links);
    QCOMPARE(!result.problems.isEmpty(), problem);
}

void TstLinkFile::fiftyMegabyteShortcutIsRefused()
{
    QFile file(m_dir.filePath(QStringLiteral("evil.url")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kInternetShortcut);
    QVERIFY(file.resize(50LL * 1024 * 1024)); // sparse: the test stays fast
    file.close();
    QElapsedTimer timer;
    timer.start();
    const IntakeResult result = readLinkFile(file.fileName());
    QVERIFY(result.links.isEmpty());
    QCOMPARE(result.problems.size(), 1);
    QVERIFY2(result.problems.first().contains(QStringLiteral("too large")), qPrintable(result.problems.first()));
    QVERIFY(timer.elapsed() < 1000);
    // Just under the cap is still read.
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(kMaxShortcutBytes));
    file.close();
    QCOMPARE(readLinkFile(file.fileName()).links.size(), 1);
}

void TstLinkFile::urlKeyOutsideTheSectionIsIgnored()
{
    const QUrl url = urlFromInternetShortcut(
        "[Other]\nURL=https://evil.example/\n[InternetShortcut]\nURL=https://vimeo.com/42424242\n[Next]\nURL=https://x.example/\n");
    QCOMPARE(url.toString(), QStringLiteral("https://vimeo.com/42424242"));
    QVERIFY(!urlFromInternetShortcut("[Other]\nURL=https://evil.example/\n").isValid());
}

void TstLinkFile::binaryPlistValues()
{
    QString problem;
    const QVariantMap map = readBinaryPlist(kBinaryPlistTwoKeys, &problem).toMap();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(map.value(QStringLiteral("Title")).toString(), QStringLiteral("\u00dcn\u00efcode \u2713"));
    QCOMPARE(map.value(QStringLiteral("URL")).toString(),
             QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001?_r=1"));
    QVERIFY(!readBinaryPlist(QByteArray("bplist00"), &problem).isValid());
    QVERIFY(!problem.isEmpty());
}

void TstLinkFile::binaryPlistSurvivesCorruption()
{
    // Every truncation and thousands of random byte flips: an answer or an error, never a crash.
    int truncatedReadable = 0;
    for (qsizetype n = 0; n < kBinaryWebloc.size(); ++n)
        truncatedReadable += readBinaryPlist(kBinaryWebloc.left(n)).toMap().contains(QStringLiteral("URL"));
    QCOMPARE(truncatedReadable, 0);
    QRandomGenerator random(42);
    int readable = 0;
    for (int i = 0; i < 5000; ++i) {
        QByteArray data = kBinaryPlistTwoKeys;
        for (int flips = 0; flips < 3; ++flips)
            data[qsizetype(random.bounded(int(data.size())))] = char(random.bounded(256));
        if (readBinaryPlist(data).isValid())
            ++readable;
    }
    QVERIFY(readable < 5000);
}

void TstLinkFile::csvCells()
{
    QCOMPARE(csvCellsAsLines(QStringLiteral("a,\"b,c\",\"d\"\"e\"")), QStringLiteral("a\nb,c\nd\"e"));
}

QTEST_GUILESS_MAIN(TstLinkFile)
#include "tst_linkfile.moc"
