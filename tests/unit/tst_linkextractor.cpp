// Links in pasted text (C01–C06 link forms, messy separators and punctuation) and the platform
// of a host.

#include "app/core/intake/linkextractor.h"
#include "app/core/intake/platform.h"

#include <QtTest/QtTest>

using namespace fetchmedia;

Q_DECLARE_METATYPE(fetchmedia::Platform)

namespace {

QStringList encoded(const QList<QUrl> &urls)
{
    QStringList result;
    for (const QUrl &url : urls)
        result << url.toString(QUrl::FullyEncoded);
    return result;
}

const QString kYt = QStringLiteral("https://youtu.be/AbCdEfGhIj0");
const QString kX = QStringLiteral("https://x.com/user/status/1700000000000000001");
const QString kTikTokShort = QStringLiteral("https://vm.tiktok.com/ZSAbCdEfG/");

} // namespace

class TestLinkExtractor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extractLinks_data();
    void extractLinks();
    void detectPlatform_data();
    void detectPlatform();
    void knownVideoHost();
    void overlongLinkRefusedNotCut();
    void idnShownInUnicode();
};

void TestLinkExtractor::extractLinks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    const QStringList both{kYt, kX};

    // Separators.
    QTest::newRow("newline") << (kYt + QLatin1Char('\n') + kX) << both;
    QTest::newRow("CRLF") << (kYt + QStringLiteral("\r\n") + kX + QStringLiteral("\r\n")) << both;
    QTest::newRow("CR only") << (kYt + QLatin1Char('\r') + kX) << both;
    QTest::newRow("tab") << (kYt + QLatin1Char('\t') + kX) << both;
    QTest::newRow("no-break space") << (kYt + QChar(0x00a0) + kX) << both;
    QTest::newRow("zero-width space") << (kYt + QChar(0x200b) + kX) << both;
    QTest::newRow("zero-width space and newline")
        << (kYt + QChar(0x200b) + QLatin1Char('\n') + QChar(0x200b) + kX) << both;
    QTest::newRow("ideographic space") << (kYt + QChar(0x3000) + kX) << both;
    QTest::newRow("BOM in front") << (QChar(0xfeff) + kYt) << QStringList{kYt};
    QTest::newRow("blank lines and indentation")
        << (QStringLiteral("\n\n   ") + kYt + QStringLiteral("   \n\n\t") + kX + QStringLiteral("\n\n")) << both;

    // Trailing punctuation, ASCII and CJK, and quotes.
    QTest::newRow("period") << (QStringLiteral("Look: ") + kYt + QLatin1Char('.')) << QStringList{kYt};
    QTest::newRow("comma list") << (kYt + QStringLiteral(", ") + kX + QStringLiteral(", and more")) << both;
    QTest::newRow("exclamation and question")
        << (QStringLiteral("wow ") + kYt + QStringLiteral("!! seen ") + kX + QLatin1Char('?')) << both;
    QTest::newRow("semicolon and colon") << (kYt + QStringLiteral("; ") + kX + QLatin1Char(':')) << both;
    QTest::newRow("ideographic full stop")
        << (QStringLiteral("\u770b\u8fd9\u4e2a ") + kYt + QStringLiteral("\u3002")) << QStringList{kYt};
    QTest::newRow("fullwidth comma")
        << (kYt + QStringLiteral("\uff0c ") + kX + QStringLiteral("\uff01")) << both;
    QTest::newRow("ellipsis") << (kYt + QStringLiteral("\u2026")) << QStringList{kYt};
    QTest::newRow("three dots") << (kYt + QStringLiteral("...")) << QStringList{kYt};
    QTest::newRow("double quotes") << (QLatin1Char('"') + kYt + QStringLiteral("\".")) << QStringList{kYt};
    QTest::newRow("single quotes") << (QLatin1Char('\'') + kYt + QLatin1Char('\'')) << QStringList{kYt};
    QTest::newRow("curly quotes") << (QStringLiteral("\u201c") + kYt + QStringLiteral("\u201d")) << QStringList{kYt};
    QTest::newRow("guillemets") << (QStringLiteral("\u00ab") + kYt + QStringLiteral("\u00bb")) << QStringList{kYt};
    QTest::newRow("CJK corner brackets")
        << (QStringLiteral("\u300c") + kYt + QStringLiteral("\u300d")) << QStringList{kYt};
    QTest::newRow("fullwidth parentheses")
        << (QStringLiteral("\uff08") + kYt + QStringLiteral("\uff09")) << QStringList{kYt};
    QTest::newRow("angle brackets") << (QLatin1Char('<') + kYt + QLatin1Char('>')) << QStringList{kYt};

    // Brackets.
    QTest::newRow("in parentheses") << QStringLiteral("(https://youtu.be/AbCdEfGhIj0)") << QStringList{kYt};
    QTest::newRow("in parentheses with period")
        << QStringLiteral("(see https://youtu.be/AbCdEfGhIj0).") << QStringList{kYt};
    QTest::newRow("wikipedia balanced")
        << QStringLiteral("https://en.wikipedia.org/wiki/Python_(programming_language)")
        << QStringList{QStringLiteral("https://en.wikipedia.org/wiki/Python_(programming_language)")};
    QTest::newRow("wikipedia in parentheses")
        << QStringLiteral("(https://en.wikipedia.org/wiki/Python_(programming_language)).")
        << QStringList{QStringLiteral("https://en.wikipedia.org/wiki/Python_(programming_language)")};
    QTest::newRow("in square brackets") << QStringLiteral("[https://youtu.be/AbCdEfGhIj0]") << QStringList{kYt};

    // Schemes added and upgraded (C01).
    QTest::newRow("C01 five TikTok short links")
        << QStringLiteral("https://vm.tiktok.com/ZSAbCdEfG/\nhttps://vt.tiktok.com/ZSAbCdEfG/\n"
                          "https://www.tiktok.com/t/ZTAbCdEfG/\nhttp://vm.tiktok.com/ZSAbCdEfG\n"
                          "vm.tiktok.com/ZSAbCdEfG/\n")
        << QStringList{kTikTokShort, QStringLiteral("https://vt.tiktok.com/ZSAbCdEfG/"),
                       QStringLiteral("https://www.tiktok.com/t/ZTAbCdEfG/"),
                       QStringLiteral("https://vm.tiktok.com/ZSAbCdEfG")};
    QTest::newRow("bare short link") << QStringLiteral("vm.tiktok.com/ZSAbCdEfG/") << QStringList{kTikTokShort};
    QTest::newRow("http upgraded")
        << QStringLiteral("http://vm.tiktok.com/ZSAbCdEfG")
        << QStringList{QStringLiteral("https://vm.tiktok.com/ZSAbCdEfG")};
    QTest::newRow("www without scheme")
        << QStringLiteral("www.example.com/video") << QStringList{QStringLiteral("https://www.example.com/video")};
    QTest::newRow("bare youtube.com")
        << QStringLiteral("youtube.com/shorts/AbCdEfGhIj0?feature=share")
        << QStringList{QStringLiteral("https://youtube.com/shorts/AbCdEfGhIj0?feature=share")};
    QTest::newRow("http to unknown host kept")
        << QStringLiteral("http://example.com/video") << QStringList{QStringLiteral("http://example.com/video")};
    QTest::newRow("upper-case scheme and host")
        << QStringLiteral("HTTPS://YOUTU.BE/AbCdEfGhIj0") << QStringList{kYt};

    // Not links.
    QTest::newRow("e.g.") << QStringLiteral("e.g.") << QStringList();
    QTest::newRow("3.5") << QStringLiteral("3.5") << QStringList();
    QTest::newRow("plain words") << QStringLiteral("just some plain words, e.g. version 3.5 of it.") << QStringList();
    QTest::newRow("bare unknown host") << QStringLiteral("example.com/video") << QStringList();
    QTest::newRow("scheme only") << QStringLiteral("https:// http://") << QStringList();
    QTest::newRow("other schemes")
        << QStringLiteral("ftp://example.com/a.mp4 file:///home/user/a.mp4 mailto:a@example.com javascript:alert(1)")
        << QStringList();
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("punctuation only") << QStringLiteral("... , ; \u3002 \u2026") << QStringList();
    QTest::newRow("link among words")
        << (QStringLiteral("e.g. see ") + kYt + QStringLiteral(" (v3.5).")) << QStringList{kYt};

    // Duplicates and order.
    QTest::newRow("duplicate") << (kYt + QLatin1Char(' ') + kYt + QLatin1Char('.')) << QStringList{kYt};
    QTest::newRow("duplicate via missing scheme")
        << (QStringLiteral("vm.tiktok.com/ZSAbCdEfG/ ") + kTikTokShort) << QStringList{kTikTokShort};
    QTest::newRow("duplicate via http") << (QStringLiteral("http://youtu.be/AbCdEfGhIj0\n") + kYt) << QStringList{kYt};
    QTest::newRow("order kept") << (kX + QLatin1Char('\n') + kYt + QLatin1Char('\n') + kX) << QStringList{kX, kYt};

    // Encoding kept exactly, queries and fragments intact.
    QTest::newRow("percent-encoded space")
        << QStringLiteral("https://x.com/a%20b") << QStringList{QStringLiteral("https://x.com/a%20b")};
    QTest::newRow("percent-encoded slash and ampersand")
        << QStringLiteral("https://www.youtube.com/results?search_query=a%26b%2Fc")
        << QStringList{QStringLiteral("https://www.youtube.com/results?search_query=a%26b%2Fc")};
    QTest::newRow("percent-encoded UTF-8")
        << QStringLiteral("https://example.com/%E2%82%AC")
        << QStringList{QStringLiteral("https://example.com/%E2%82%AC")};
    QTest::newRow("igsh base64 padding")
        << QStringLiteral("https://www.instagram.com/reel/AbCdEfGhIjK/?igsh=MWQ1ZGUxMzBkMA==")
        << QStringList{QStringLiteral("https://www.instagram.com/reel/AbCdEfGhIjK/?igsh=MWQ1ZGUxMzBkMA==")};
    QTest::newRow("query with ampersands")
        << QStringLiteral("https://www.youtube.com/watch?v=AbCdEfGhIj0&list=RDAbCdEfGhIj0&start_radio=1")
        << QStringList{QStringLiteral("https://www.youtube.com/watch?v=AbCdEfGhIj0&list=RDAbCdEfGhIj0&start_radio=1")};
    QTest::newRow("fragment") << QStringLiteral("https://youtu.be/AbCdEfGhIj0#t=42")
                              << QStringList{QStringLiteral("https://youtu.be/AbCdEfGhIj0#t=42")};
    // Glued to CJK text, Markdown, full-width punctuation with no space after it.
    QTest::newRow("glued after CJK text")
        << (QStringLiteral("\u770b\u8fd9\u4e2a") + kYt) << QStringList{kYt};
    QTest::newRow("glued after CJK, bare host")
        << QStringLiteral("\u770b\u8fd9\u4e2avm.tiktok.com/ZSAbCdEfG/") << QStringList{kTikTokShort};
    QTest::newRow("fullwidth comma, no space")
        << (kYt + QStringLiteral("\uff0c\u770b\u770b")) << QStringList{kYt};
    QTest::newRow("CJK text glued after a video link")
        << (kX + QStringLiteral("\u597d\u7b11")) << QStringList{kX};
    QTest::newRow("chat message, CJK both sides")
        << (QStringLiteral("\u770b\u8fd9\u4e2a") + kYt + QStringLiteral("\uff0c\u8fd8\u6709") + kX
            + QStringLiteral("\u3002"))
        << both;
    QTest::newRow("ideographic comma between links")
        << (kYt + QStringLiteral("\u3001") + kX) << both;
    QTest::newRow("Japanese corner brackets glued")
        << (QStringLiteral("\u52d5\u753b\u300c") + kYt + QStringLiteral("\u300d\u3067\u3059")) << QStringList{kYt};
    QTest::newRow("Markdown link")
        << (QStringLiteral("see [my video](") + kYt + QStringLiteral(") now")) << QStringList{kYt};
    QTest::newRow("Markdown link, title with spaces and period")
        << (QStringLiteral("[a funny cat video](") + kX + QStringLiteral(").")) << QStringList{kX};
    QTest::newRow("Markdown angle target")
        << (QStringLiteral("[v](<") + kYt + QStringLiteral(">)")) << QStringList{kYt};
    QTest::newRow("Markdown with title")
        << (QStringLiteral("[v](") + kYt + QStringLiteral(" \"YouTube\")")) << QStringList{kYt};
    QTest::newRow("Markdown, URL in label too")
        << (QStringLiteral("[") + kYt + QStringLiteral("](") + kYt + QStringLiteral(")")) << QStringList{kYt};
    QTest::newRow("Markdown wikipedia target")
        << QStringLiteral("[py](https://en.wikipedia.org/wiki/Python_(programming_language))")
        << QStringList{QStringLiteral("https://en.wikipedia.org/wiki/Python_(programming_language)")};
    QTest::newRow("raw Unicode path encoded once")
        << QStringLiteral("https://example.com/caf\u00e9/\u20ac")
        << QStringList{QStringLiteral("https://example.com/caf%C3%A9/%E2%82%AC")};
    QTest::newRow("mixed encoded and raw")
        << QStringLiteral("https://example.com/%E2%82%AC/\u20ac?q=a%20b")
        << QStringList{QStringLiteral("https://example.com/%E2%82%AC/%E2%82%AC?q=a%20b")};
    QTest::newRow("IDN host sent as ASCII")
        << QStringLiteral("https://b\u00fccher.de/video")
        << QStringList{QStringLiteral("https://xn--bcher-kva.de/video")};
    QTest::newRow("unknown host keeps CJK path")
        << QStringLiteral("https://ja.example.org/wiki/\u6771\u4eac")
        << QStringList{QStringLiteral("https://ja.example.org/wiki/%E6%9D%B1%E4%BA%AC")};
    QTest::newRow("embedded URL in query not split")
        << QStringLiteral("https://example.com/share?u=https://youtu.be/AbCdEfGhIj0")
        << QStringList{QStringLiteral("https://example.com/share?u=https://youtu.be/AbCdEfGhIj0")};
    // Found by a new user: markup, emoji and direction marks around links.
    QTest::newRow("html attribute") << (QStringLiteral("<a href=\"") + kYt + QStringLiteral("\">watch</a>")) << QStringList{kYt};
    QTest::newRow("key=value") << (QStringLiteral("url=") + kYt) << QStringList{kYt};
    QTest::newRow("spaced attribute") << (QStringLiteral("a =\"") + kYt + QStringLiteral("\"")) << QStringList{kYt};
    QTest::newRow("glued letters stay no link") << (QStringLiteral("seehttps://youtu.be/AbCdEfGhIj0")) << QStringList{};
    QTest::newRow("emoji after") << (kYt + QStringLiteral("\U0001F389")) << QStringList{kYt};
    QTest::newRow("emoji between") << (kYt + QStringLiteral("\U0001F525") + kX) << both;
    QTest::newRow("right-to-left mark after") << (kX + QChar(0x200f)) << QStringList{kX};
    QTest::newRow("TikTok name in kana")
        << QStringLiteral("https://www.tiktok.com/@\u30e6\u30fc\u30b6\u30fc/video/7000000000000099999")
        << QStringList{QStringLiteral("https://www.tiktok.com/@%E3%83%A6%E3%83%BC%E3%82%B6%E3%83%BC/video/7000000000000099999")};
    QTest::newRow("TikTok link then kana")
        << QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001\u3059\u3054\u3044")
        << QStringList{QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001")};
    QTest::newRow("TikTok long link with @user.name")
        << QStringLiteral("https://www.tiktok.com/@user.name_1/video/7000000000000000001.")
        << QStringList{QStringLiteral("https://www.tiktok.com/@user.name_1/video/7000000000000000001")};
}

void TestLinkExtractor::extractLinks()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const QList<QUrl> links = fetchmedia::extractLinks(text);
    QCOMPARE(encoded(links), expected);
    for (const QUrl &link : links) {
        QVERIFY(link.isValid());
        QVERIFY(!link.toString(QUrl::FullyEncoded).contains(QLatin1String("%25")));
    }
}

void TestLinkExtractor::detectPlatform_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<Platform>("platform");

    const auto row = [](const char *name, const char *url, Platform platform) {
        QTest::newRow(name) << QUrl(QString::fromLatin1(url)) << platform;
    };
    row("vm.tiktok.com", "https://vm.tiktok.com/ZSAbCdEfG/", Platform::TikTok);
    row("vt.tiktok.com", "https://vt.tiktok.com/ZSAbCdEfG/", Platform::TikTok);
    row("m.tiktok.com", "https://m.tiktok.com/v/7000000000000000001.html", Platform::TikTok);
    row("www.tiktok.com/t", "https://www.tiktok.com/t/ZTAbCdEfG/", Platform::TikTok);
    row("tiktok.com", "https://tiktok.com/@user/video/7000000000000000001", Platform::TikTok);
    row("upper-case host", "https://WWW.TIKTOK.COM/@user/video/7000000000000000001", Platform::TikTok);
    row("instagram.com", "https://instagram.com/reel/AbCdEfGhIjK", Platform::Instagram);
    row("www.instagram.com", "https://www.instagram.com/reels/AbCdEfGhIjK/", Platform::Instagram);
    row("youtu.be", "https://youtu.be/AbCdEfGhIj0?si=XyZ123abcDEF4567", Platform::YouTube);
    row("music.youtube.com", "https://music.youtube.com/watch?v=AbCdEfGhIj0", Platform::YouTube);
    row("m.youtube.com", "https://m.youtube.com/watch?v=AbCdEfGhIj0&t=42s", Platform::YouTube);
    row("youtube.com", "https://youtube.com/shorts/AbCdEfGhIj0", Platform::YouTube);
    row("x.com", "https://x.com/user/status/1700000000000000001", Platform::X);
    row("twitter.com", "https://twitter.com/i/web/status/1700000000000000001", Platform::X);
    row("mobile.twitter.com", "https://mobile.twitter.com/user/status/1700000000000000001", Platform::X);
    row("fb.watch", "https://fb.watch/AbCdEfGhIj/", Platform::Facebook);
    row("www.facebook.com", "https://www.facebook.com/watch/?v=1", Platform::Facebook);
    row("vimeo.com", "https://vimeo.com/1", Platform::Vimeo);
    row("redd.it", "https://redd.it/abc", Platform::Reddit);
    row("nottiktok.com", "https://nottiktok.com/@user/video/7000000000000000001", Platform::Other);
    row("tiktok.com as subdomain", "https://tiktok.com.evil.example/x", Platform::Other);
    row("notx.com", "https://notx.com/user/status/1", Platform::Other);
    row("youtube-nocookie lookalike", "https://myyoutube.com/watch?v=AbCdEfGhIj0", Platform::Other);
    row("example.com", "https://example.com/video", Platform::Other);
    row("no host", "file:///home/user/a.mp4", Platform::Other);
}

void TestLinkExtractor::detectPlatform()
{
    QFETCH(QUrl, url);
    QFETCH(Platform, platform);
    QCOMPARE(platformDisplayName(fetchmedia::detectPlatform(url)), platformDisplayName(platform));
}

void TestLinkExtractor::knownVideoHost()
{
    QVERIFY(isKnownVideoHost(QStringLiteral("vm.tiktok.com")));
    QVERIFY(isKnownVideoHost(QStringLiteral("fb.watch")));
    QVERIFY(!isKnownVideoHost(QStringLiteral("nottiktok.com")));
    QVERIFY(!isKnownVideoHost(QStringLiteral("www.example.com")));
    QCOMPARE(platformDisplayName(Platform::Other), QStringLiteral("Other site"));
    QCOMPARE(platformDisplayName(Platform::X), QStringLiteral("X"));
}

void TestLinkExtractor::overlongLinkRefusedNotCut()
{
    const QString base = QStringLiteral("https://example.com/watch?v=");
    const QString fits = base + QString(kMaxLinkLength - base.size(), QLatin1Char('a'));
    const QString over = fits + QLatin1Char('a');
    int tooLong = -1;
    QCOMPARE(fetchmedia::extractLinks(fits, &tooLong).size(), 1);
    QCOMPARE(tooLong, 0);
    const QList<QUrl> links = fetchmedia::extractLinks(over + QLatin1Char(' ') + kYt, &tooLong);
    QCOMPARE(encoded(links), QStringList{kYt}); // the long one is not cut down to something else
    QCOMPARE(tooLong, 1);
    QCOMPARE(fetchmedia::extractLinks(QString(kMaxLinkLength + 5, QLatin1Char('x')), &tooLong).size(), 0);
    QCOMPARE(tooLong, 0); // a long run of junk is not reported as a link
}

void TestLinkExtractor::idnShownInUnicode()
{
    const QList<QUrl> links = fetchmedia::extractLinks(QStringLiteral("https://xn--bcher-kva.de/v"));
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().host(), QStringLiteral("b\u00fccher.de"));
}

QTEST_GUILESS_MAIN(TestLinkExtractor)
#include "tst_linkextractor.moc"
