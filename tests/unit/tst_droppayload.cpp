// Drop payloads as browsers and file managers produce them (C10 uri-list, C11 x-moz-url and
// _NETSCAPE_URL, C12 title in text/plain with the URL only in text/html).

#include "app/core/intake/droppayload.h"
#include "tests/support/platformmimedata.h"

#include <QMimeData>
#include <QtTest/QtTest>

using namespace fetchmedia;

using Formats = fetchmedia::test::MimeFormats;
using fetchmedia::test::PlatformMimeData;
using fetchmedia::test::utf16le;
Q_DECLARE_METATYPE(Formats)

namespace {

QStringList urlsOfContent(const DropContent &content)
{
    QStringList out;
    for (const FoundLink &link : content.links)
        out << link.url.toString(QUrl::FullyEncoded);
    return out;
}

const QString kReel = QStringLiteral("https://www.instagram.com/reel/AbCdEfGhIjK/?igsh=MWQ1ZGUxMzBkMA==");
const QString kReelClean = QStringLiteral("https://www.instagram.com/reel/AbCdEfGhIjK/");

} // namespace

class TstDropPayload final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drop_data();
    void drop();
    void longTextIsNotReadThroughOnDragEnter();
    void uriListRules();
    void mozUrlTitleIsAHintOnly();
    void entities_data();
    void entities();
    void htmlAttributes();
};

void TstDropPayload::drop_data()
{
    QTest::addColumn<Formats>("formats");
    QTest::addColumn<QStringList>("links");
    QTest::addColumn<QStringList>("files");

    const QString tiktok = QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001");
    QTest::newRow("C10 payload 1 CRLF, comment, fragment, file")
        << Formats{{QStringLiteral("text/uri-list"),
                    QByteArray("# dragged from a browser\r\nhttps://www.tiktok.com/@user/video/7000000000000000001\r\n"
                               "https://youtu.be/AbCdEfGhIj0#t=42\r\nfile:///home/user/Downloads/links.txt\r\n\r\n")}}
        << QStringList{tiktok, QStringLiteral("https://youtu.be/AbCdEfGhIj0#t=42")}
        << QStringList{QStringLiteral("/home/user/Downloads/links.txt")};
    QTest::newRow("C10 payload 2 LF only")
        << Formats{{QStringLiteral("text/uri-list"),
                    QByteArray("https://x.com/user/status/1700000000000000001\nhttps://www.instagram.com/reel/AbCdEfGhIjK/\n")}}
        << QStringList{QStringLiteral("https://x.com/user/status/1700000000000000001"), kReelClean} << QStringList();
    QTest::newRow("C10 CR only, indented, blank lines")
        << Formats{{QStringLiteral("text/uri-list"),
                    QByteArray("\r  https://x.com/user/status/1700000000000000001  \r\r#c\rhttps://youtu.be/AbCdEfGhIj0\r")}}
        << QStringList{QStringLiteral("https://x.com/user/status/1700000000000000001"),
                       QStringLiteral("https://youtu.be/AbCdEfGhIj0")}
        << QStringList();
    QTest::newRow("C10 only a local file")
        << Formats{{QStringLiteral("text/uri-list"), QByteArray("file:///tmp/Cat%20video.url\r\n")}} << QStringList()
        << QStringList{QStringLiteral("/tmp/Cat video.url")};

    QTest::newRow("C11 A UTF-16LE, LF")
        << Formats{{QStringLiteral("text/x-moz-url"), utf16le(kReel + QStringLiteral("\nFunny reel"))}}
        << QStringList{kReelClean} << QStringList();
    QTest::newRow("C11 B BOM and CRLF")
        << Formats{{QStringLiteral("text/x-moz-url"), utf16le(kReel + QStringLiteral("\r\nFunny reel"), true)}}
        << QStringList{kReelClean} << QStringList();
    QTest::newRow("C11 C odd byte count, nothing else")
        << Formats{{QStringLiteral("text/x-moz-url"), QByteArray("\x68\x00\x74\x00\x74", 5)}} << QStringList()
        << QStringList();
    QTest::newRow("C11 C odd byte count falls back to text/plain")
        << Formats{{QStringLiteral("text/x-moz-url"), QByteArray("\x68\x00\x74\x00\x74", 5)},
                   {QStringLiteral("text/plain"), QByteArray("see https://youtu.be/AbCdEfGhIj0")}}
        << QStringList{QStringLiteral("https://youtu.be/AbCdEfGhIj0")} << QStringList();
    QTest::newRow("C11 title only in moz-url is no link")
        << Formats{{QStringLiteral("text/x-moz-url"), utf16le(QStringLiteral("Funny reel\nhttps://youtu.be/AbCdEfGhIj0"))}}
        << QStringList() << QStringList();
    QTest::newRow("C11 _NETSCAPE_URL")
        << Formats{{QStringLiteral("_NETSCAPE_URL"), QByteArray("https://x.com/user/status/1700000000000000001\nA post")}}
        << QStringList{QStringLiteral("https://x.com/user/status/1700000000000000001")} << QStringList();

    const QByteArray html = QStringLiteral(
        "<html><body>\r\n<!--StartFragment--><a href=\"https://www.youtube.com/shorts/AbCdEfGhIj0?feature=share&amp;si=x\">"
        "Funny cat compilation \U0001F639</a><!--EndFragment-->\r\n</body></html>").toUtf8();
    // The API gets the normalised link: feature and si are tracking on YouTube (C05).
    const QString shorts = QStringLiteral("https://www.youtube.com/shorts/AbCdEfGhIj0");
    QTest::newRow("C12 title in text/plain, URL in html")
        << Formats{{QStringLiteral("text/plain"), QStringLiteral("Funny cat compilation \U0001F639").toUtf8()},
                   {QStringLiteral("text/html"), html}}
        << QStringList{shorts} << QStringList();
    QTest::newRow("C12 html in UTF-16 (Firefox on X11)")
        << Formats{{QStringLiteral("text/plain"), QByteArray("Funny cat compilation")},
                   {QStringLiteral("text/html"), utf16le(QString::fromUtf8(html), true)}}
        << QStringList{shorts} << QStringList();
    QTest::newRow("C12 title only, no html: nothing")
        << Formats{{QStringLiteral("text/plain"), QStringLiteral("Funny cat compilation \U0001F639").toUtf8()}}
        << QStringList() << QStringList();
    QTest::newRow("uri-list wins over html and text")
        << Formats{{QStringLiteral("text/uri-list"), QByteArray("https://x.com/user/status/1700000000000000001\r\n")},
                   {QStringLiteral("text/html"), html},
                   {QStringLiteral("text/plain"), QByteArray("https://vimeo.com/123456")}}
        << QStringList{QStringLiteral("https://x.com/user/status/1700000000000000001")} << QStringList();
    QTest::newRow("moz-url wins over html")
        << Formats{{QStringLiteral("text/x-moz-url"), utf16le(kReel + QStringLiteral("\nFunny reel"))},
                   {QStringLiteral("text/html"), html}}
        << QStringList{kReelClean} << QStringList();
    QTest::newRow("chat text in text/plain")
        << Formats{{QStringLiteral("text/plain"),
                    QStringLiteral("\u770b\u8fd9\u4e2ahttps://youtu.be/AbCdEfGhIj0\uff0c\u770b\u770b vm.tiktok.com/ZSAbCdEfG/").toUtf8()}}
        << QStringList{QStringLiteral("https://youtu.be/AbCdEfGhIj0"), QStringLiteral("https://vm.tiktok.com/ZSAbCdEfG/")}
        << QStringList();
    QTest::newRow("nothing at all") << Formats{} << QStringList() << QStringList();
    QTest::newRow("image bytes only")
        << Formats{{QStringLiteral("image/png"), QByteArray("\x89PNG\r\n", 6)}} << QStringList() << QStringList();
}

void TstDropPayload::drop()
{
    QFETCH(Formats, formats);
    QFETCH(QStringList, links);
    QFETCH(QStringList, files);
    const PlatformMimeData mime(formats);
    const DropContent content = parseDrop(mime);
    QCOMPARE(urlsOfContent(content), links);
    QCOMPARE(content.localFiles, files);
    // The highlight accepts a drag exactly when it can yield a link (here: links, or files).
    if (!links.isEmpty())
        QVERIFY(mayHoldLinks(mime));
    if (links.isEmpty() && files.isEmpty())
        QVERIFY(!mayHoldLinks(mime));
    // The copy a big drop is read from on another thread reads the same as the drop.
    const IntakeResult direct = readDrop(mime);
    const IntakeResult copied = readDrop(snapshotDrop(mime));
    QCOMPARE(urlsOf(copied.links), urlsOf(direct.links));
    QCOMPARE(copied.problems, direct.problems);
}

void TstDropPayload::longTextIsNotReadThroughOnDragEnter()
{
    QString prose;
    while (prose.size() < 40000)
        prose += QStringLiteral("Words without any address in them. ");
    const PlatformMimeData without({{QStringLiteral("text/plain"), prose.toUtf8()}});
    QVERIFY(!mayHoldLinks(without));
    const PlatformMimeData with({{QStringLiteral("text/plain"), (prose + QStringLiteral(" https://youtu.be/AbCdEfGhIj0")).toUtf8()}});
    QVERIFY(mayHoldLinks(with));
    QVERIFY(dropWeight(snapshotDrop(with)) > 80000); // big enough to be read off the UI thread
}

void TstDropPayload::uriListRules()
{
    // '#' is a comment only at the start of a line; inside a URL it is the fragment.
    const QList<QUrl> urls = parseUriList("#comment\nhttps://example.com/a#b\n  # indented comment\n");
    QCOMPARE(urls.size(), 1);
    QCOMPARE(urls.first().fragment(), QStringLiteral("b"));
}

void TstDropPayload::mozUrlTitleIsAHintOnly()
{
    const auto titled = parseMozUrl(utf16le(kReel + QStringLiteral("\r\nFunny reel"), true));
    QVERIFY(titled.has_value());
    QCOMPARE(titled->url.toString(QUrl::FullyEncoded), kReel);
    QCOMPARE(titled->title, QStringLiteral("Funny reel"));
    QMimeData mime;
    mime.setData(QStringLiteral("text/x-moz-url"), utf16le(kReel + QStringLiteral("\nFunny reel")));
    QCOMPARE(parseDrop(mime).links.first().titleHint, QStringLiteral("Funny reel"));
    QVERIFY(!parseMozUrl(QByteArray()).has_value());
    QVERIFY(!parseMozUrl(QByteArray("\xff\xfe", 2)).has_value());
}

void TstDropPayload::entities_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("amp") << QStringLiteral("a&amp;b") << QStringLiteral("a&b");
    QTest::newRow("decimal") << QStringLiteral("&#38;&#60;") << QStringLiteral("&<");
    QTest::newRow("hex") << QStringLiteral("&#x26;&#X3D;") << QStringLiteral("&=");
    QTest::newRow("astral") << QStringLiteral("&#x1F639;") << QStringLiteral("\U0001F639");
    QTest::newRow("quot apos") << QStringLiteral("&quot;&apos;") << QStringLiteral("\"'");
    QTest::newRow("unknown kept") << QStringLiteral("&bogus;&") << QStringLiteral("&bogus;&");
    QTest::newRow("out of range kept") << QStringLiteral("&#x110000;") << QStringLiteral("&#x110000;");
    QTest::newRow("not double-decoded") << QStringLiteral("&amp;amp;") << QStringLiteral("&amp;");
}

void TstDropPayload::entities()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(decodeHtmlEntities(in), out);
}

void TstDropPayload::htmlAttributes()
{
    const QList<QUrl> links = linksFromHtml(QStringLiteral(
        "<img src='https://i.example.com/t.jpg'><a href=/relative>x</a>"
        "<A HREF=https://vimeo.com/123456>v</A><a href=\"javascript:alert(1)\">j</a>"
        "<a href=\"https://vimeo.com/123456\">again</a>"));
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().toString(), QStringLiteral("https://vimeo.com/123456"));
    const QList<QUrl> images = linksFromHtml(QStringLiteral("<img src=\"https://i.example.com/t.jpg\">"));
    QCOMPARE(images.size(), 1);
}

QTEST_GUILESS_MAIN(TstDropPayload)
#include "tst_droppayload.moc"
