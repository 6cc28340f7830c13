// The de-duplication key and the normalised link for every URL form of C01–C06, and the
// intake layer that merges spellings of one video (C29 at intake).

#include "app/core/intake/linkintake.h"
#include "app/core/intake/linknormalizer.h"
#include "app/core/intake/platform.h"

#include <QtTest/QtTest>

using namespace fetchmedia;

namespace {

QUrl url(const char *text)
{
    return QUrl(QString::fromUtf8(text), QUrl::TolerantMode);
}

const QString kTikTok = QStringLiteral("tiktok:7000000000000000001");
const QString kInstagram = QStringLiteral("instagram:AbCdEfGhIjK");
const QString kYouTube = QStringLiteral("youtube:AbCdEfGhIj0");
const QString kX = QStringLiteral("x:1700000000000000001");

} // namespace

class TstLinkNormalizer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyAndNormalForm_data();
    void keyAndNormalForm();
    void normalisingTwiceChangesNothing_data() { keyAndNormalForm_data(); }
    void normalisingTwiceChangesNothing();
    void platformSlugs();
    void intakeMergesSpellingsOfOneVideo();
    void intakeKeepsShortLinksApart();
};

void TstLinkNormalizer::keyAndNormalForm_data()
{
    QTest::addColumn<QUrl>("input");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("normalised");
    QTest::addColumn<QString>("platform");

    const auto row = [](const char *name, const char *in, const QString &key, const char *out, const char *platform) {
        QTest::newRow(name) << url(in) << key << QString::fromUtf8(out) << QString::fromLatin1(platform);
    };

    // C01: share links carry no id and are left exactly as given.
    row("C01 vm", "https://vm.tiktok.com/ZSAbCdEfG/", QString(), "https://vm.tiktok.com/ZSAbCdEfG/", "tiktok");
    row("C01 vt", "https://vt.tiktok.com/ZSAbCdEfG/", QString(), "https://vt.tiktok.com/ZSAbCdEfG/", "tiktok");
    row("C01 /t/", "https://www.tiktok.com/t/ZTAbCdEfG/", QString(), "https://www.tiktok.com/t/ZTAbCdEfG/", "tiktok");
    row("C01 no slash", "https://vm.tiktok.com/ZSAbCdEfG", QString(), "https://vm.tiktok.com/ZSAbCdEfG", "tiktok");

    // C02: long links, tracking junk, alternate hosts, user names with . and _.
    row("C02 webapp junk",
        "https://www.tiktok.com/@user/video/7000000000000000001?is_from_webapp=1&sender_device=pc&web_id=7000000000000000009",
        kTikTok, "https://www.tiktok.com/@user/video/7000000000000000001", "tiktok");
    row("C02 _r _t", "https://www.tiktok.com/@user/video/7000000000000000001?_r=1&_t=8pAbCdEfGhI", kTikTok,
        "https://www.tiktok.com/@user/video/7000000000000000001", "tiktok");
    row("C02 user.name_1", "https://www.tiktok.com/@user.name_1/video/7000000000000000001", kTikTok,
        "https://www.tiktok.com/@user.name_1/video/7000000000000000001", "tiktok");
    row("C02 m /v/ .html", "https://m.tiktok.com/v/7000000000000000001.html", kTikTok,
        "https://m.tiktok.com/v/7000000000000000001.html", "tiktok");
    row("C02 embed v2", "https://www.tiktok.com/embed/v2/7000000000000000001", kTikTok,
        "https://www.tiktok.com/embed/v2/7000000000000000001", "tiktok");
    row("C02 lang is_copy_url", "https://www.tiktok.com/@user/video/7000000000000000001?lang=en&is_copy_url=1", kTikTok,
        "https://www.tiktok.com/@user/video/7000000000000000001", "tiktok");
    row("C02 unknown param kept", "https://www.tiktok.com/@user/video/7000000000000000001?q=a%26b&lang=en", kTikTok,
        "https://www.tiktok.com/@user/video/7000000000000000001?q=a%26b", "tiktok");
    row("TikTok profile has no key", "https://www.tiktok.com/@user", QString(), "https://www.tiktok.com/@user", "tiktok");

    // C04: Instagram paths and parameters.
    row("C04 reel igsh", "https://www.instagram.com/reel/AbCdEfGhIjK/?igsh=MWQ1ZGUxMzBkMA==", kInstagram,
        "https://www.instagram.com/reel/AbCdEfGhIjK/", "instagram");
    row("C04 reels", "https://www.instagram.com/reels/AbCdEfGhIjK/", kInstagram,
        "https://www.instagram.com/reels/AbCdEfGhIjK/", "instagram");
    row("C04 p utm igsh", "https://www.instagram.com/p/AbCdEfGhIjK/?utm_source=ig_web_copy_link&igsh=MWQ1ZGUxMzBkMA==",
        kInstagram, "https://www.instagram.com/p/AbCdEfGhIjK/", "instagram");
    row("C04 tv", "https://www.instagram.com/tv/AbCdEfGhIjK/", kInstagram, "https://www.instagram.com/tv/AbCdEfGhIjK/",
        "instagram");
    row("C04 no www no slash", "https://instagram.com/reel/AbCdEfGhIjK", kInstagram,
        "https://instagram.com/reel/AbCdEfGhIjK", "instagram");
    row("C04 igshid", "https://www.instagram.com/reel/AbCdEfGhIjK/?igshid=abc", kInstagram,
        "https://www.instagram.com/reel/AbCdEfGhIjK/", "instagram");
    row("C04 shortcode with _ and -", "https://www.instagram.com/reel/Ab_dEf-hIjK/", QStringLiteral("instagram:Ab_dEf-hIjK"),
        "https://www.instagram.com/reel/Ab_dEf-hIjK/", "instagram");
    row("C04 share", "https://www.instagram.com/share/BAbCdEfGhI", QString(), "https://www.instagram.com/share/BAbCdEfGhI",
        "instagram");
    row("C04 stories", "https://www.instagram.com/stories/user/3000000000000000001/", QString(),
        "https://www.instagram.com/stories/user/3000000000000000001/", "instagram");

    // C05: YouTube forms; list/index/start_radio/si/feature/pp dropped, t kept.
    row("C05 shorts feature", "https://youtube.com/shorts/AbCdEfGhIj0?feature=share", kYouTube,
        "https://youtube.com/shorts/AbCdEfGhIj0", "youtube");
    row("C05 youtu.be si", "https://youtu.be/AbCdEfGhIj0?si=XyZ123abcDEF4567", kYouTube, "https://youtu.be/AbCdEfGhIj0",
        "youtube");
    row("C05 mix list", "https://www.youtube.com/watch?v=AbCdEfGhIj0&list=RDAbCdEfGhIj0&start_radio=1", kYouTube,
        "https://www.youtube.com/watch?v=AbCdEfGhIj0", "youtube");
    row("C05 playlist index", "https://www.youtube.com/watch?v=AbCdEfGhIj0&list=PL0000000000000000000000000000000A&index=2",
        kYouTube, "https://www.youtube.com/watch?v=AbCdEfGhIj0", "youtube");
    row("C05 m t kept", "https://m.youtube.com/watch?v=AbCdEfGhIj0&t=42s", kYouTube,
        "https://m.youtube.com/watch?v=AbCdEfGhIj0&t=42s", "youtube");
    row("C05 music", "https://music.youtube.com/watch?v=AbCdEfGhIj0&feature=share", kYouTube,
        "https://music.youtube.com/watch?v=AbCdEfGhIj0", "youtube");
    row("C05 live", "https://www.youtube.com/live/AbCdEfGhIj0?si=XyZ123abcDEF4567", kYouTube,
        "https://www.youtube.com/live/AbCdEfGhIj0", "youtube");
    row("C05 list first", "https://www.youtube.com/watch?list=RDAbCdEfGhIj0&v=AbCdEfGhIj0&pp=ygU", kYouTube,
        "https://www.youtube.com/watch?v=AbCdEfGhIj0", "youtube");
    row("C05 embed", "https://www.youtube.com/embed/AbCdEfGhIj0", kYouTube, "https://www.youtube.com/embed/AbCdEfGhIj0",
        "youtube");
    row("C05 playlist page has no key", "https://www.youtube.com/playlist?list=PL0000000000000000000000000000000A",
        QString(), "https://www.youtube.com/playlist", "youtube");
    row("C05 id of wrong length", "https://youtu.be/AbCdEf", QString(), "https://youtu.be/AbCdEf", "youtube");
    row("C05 fragment kept", "https://youtu.be/AbCdEfGhIj0#t=42", kYouTube, "https://youtu.be/AbCdEfGhIj0#t=42", "youtube");

    // C06: X/Twitter hosts, /i/ forms, media suffixes; s and t are tracking here.
    row("C06 x.com", "https://x.com/user/status/1700000000000000001", kX, "https://x.com/user/status/1700000000000000001",
        "x");
    row("C06 twitter s t", "https://twitter.com/user/status/1700000000000000001?s=20&t=AbCdEfGhIjKlMnOp", kX,
        "https://twitter.com/user/status/1700000000000000001", "x");
    row("C06 mobile", "https://mobile.twitter.com/user/status/1700000000000000001", kX,
        "https://mobile.twitter.com/user/status/1700000000000000001", "x");
    row("C06 video suffix", "https://x.com/user/status/1700000000000000001/video/1", kX,
        "https://x.com/user/status/1700000000000000001", "x");
    row("C06 photo suffix", "https://x.com/user/status/1700000000000000001/photo/2", kX,
        "https://x.com/user/status/1700000000000000001", "x");
    row("C06 i web", "https://twitter.com/i/web/status/1700000000000000001", kX,
        "https://twitter.com/i/web/status/1700000000000000001", "x");
    row("C06 i status", "https://x.com/i/status/1700000000000000001", kX, "https://x.com/i/status/1700000000000000001", "x");
    row("C06 profile has no key", "https://x.com/user", QString(), "https://x.com/user", "x");

    // Other platforms.
    row("facebook videos", "https://www.facebook.com/user/videos/1234567890/?mibextid=abc", QStringLiteral("facebook:1234567890"),
        "https://www.facebook.com/user/videos/1234567890/", "facebook");
    row("facebook watch", "https://www.facebook.com/watch/?v=1234567890&rdid=x", QStringLiteral("facebook:1234567890"),
        "https://www.facebook.com/watch/?v=1234567890", "facebook");
    row("facebook reel", "https://www.facebook.com/reel/1234567890", QStringLiteral("facebook:1234567890"),
        "https://www.facebook.com/reel/1234567890", "facebook");
    row("fb.watch short", "https://fb.watch/AbCdEfGhIj/", QString(), "https://fb.watch/AbCdEfGhIj/", "facebook");
    row("vimeo", "https://vimeo.com/123456789?share=copy", QStringLiteral("vimeo:123456789"), "https://vimeo.com/123456789",
        "vimeo");
    row("vimeo player", "https://player.vimeo.com/video/123456789", QStringLiteral("vimeo:123456789"),
        "https://player.vimeo.com/video/123456789", "vimeo");
    row("reddit comments", "https://www.reddit.com/r/videos/comments/abc123/some_title/?utm_source=share&share_id=x",
        QStringLiteral("reddit:abc123"), "https://www.reddit.com/r/videos/comments/abc123/some_title/", "reddit");
    row("redd.it", "https://redd.it/abc123", QStringLiteral("reddit:abc123"), "https://redd.it/abc123", "reddit");
    row("reddit share link", "https://www.reddit.com/r/videos/s/AbCdEfGhIj", QString(),
        "https://www.reddit.com/r/videos/s/AbCdEfGhIj", "reddit");
    row("other site keeps its query", "https://example.com/watch?v=1&t=2&utm_source=x&fbclid=y", QString(),
        "https://example.com/watch?v=1&t=2", "other");
    row("other site percent kept", "https://example.com/a%20b?q=%E2%82%AC%2F", QString(),
        "https://example.com/a%20b?q=%E2%82%AC%2F", "other");
    row("lookalike host", "https://nottiktok.com/@user/video/7000000000000000001", QString(),
        "https://nottiktok.com/@user/video/7000000000000000001", "other");
}

void TstLinkNormalizer::keyAndNormalForm()
{
    QFETCH(QUrl, input);
    QFETCH(QString, key);
    QFETCH(QString, normalised);
    QFETCH(QString, platform);
    QVERIFY(input.isValid());
    QCOMPARE(dedupeKey(input), key);
    const QUrl out = normalizeLink(input);
    QCOMPARE(out.toString(QUrl::FullyEncoded), normalised);
    QCOMPARE(dedupeKey(out), key); // normalising never loses the id
    QCOMPARE(platformSlug(detectPlatform(out)), platform);
}

void TstLinkNormalizer::normalisingTwiceChangesNothing()
{
    QFETCH(QUrl, input);
    const QUrl once = normalizeLink(input);
    QCOMPARE(normalizeLink(once).toString(QUrl::FullyEncoded), once.toString(QUrl::FullyEncoded));
}

void TstLinkNormalizer::platformSlugs()
{
    QCOMPARE(platformSlug(Platform::TikTok), QStringLiteral("tiktok"));
    QCOMPARE(platformSlug(Platform::X), QStringLiteral("x"));
    QCOMPARE(platformSlug(Platform::Other), QStringLiteral("other"));
}

void TstLinkNormalizer::intakeMergesSpellingsOfOneVideo()
{
    const IntakeResult result = linksFromText(QStringLiteral(
        "https://youtu.be/AbCdEfGhIj0?si=a\n"
        "https://www.youtube.com/shorts/AbCdEfGhIj0\n"
        "https://www.tiktok.com/@user/video/7000000000000000001?_r=1\n"
        "https://m.tiktok.com/v/7000000000000000001.html\n"
        "https://x.com/user/status/1700000000000000001/video/1 https://twitter.com/i/web/status/1700000000000000001"));
    QCOMPARE(result.links.size(), 3);
    QCOMPARE(result.links.at(0).key, kYouTube);
    QCOMPARE(result.links.at(0).url.toString(), QStringLiteral("https://youtu.be/AbCdEfGhIj0")); // first spelling wins
    QCOMPARE(result.links.at(1).key, kTikTok);
    QCOMPARE(result.links.at(2).key, kX);
    QCOMPARE(result.links.at(2).platform, Platform::X);
}

void TstLinkNormalizer::intakeKeepsShortLinksApart()
{
    // Short links are never resolved locally: two different codes stay two jobs, the same one merges.
    const IntakeResult result = linksFromText(QStringLiteral(
        "https://vm.tiktok.com/ZSAbCdEfG/ vm.tiktok.com/ZSAbCdEfG/ https://vm.tiktok.com/ZSOtherCod/"));
    QCOMPARE(result.links.size(), 2);
    QVERIFY(result.links.at(0).key.isEmpty());
    QCOMPARE(result.links.at(1).url.toString(), QStringLiteral("https://vm.tiktok.com/ZSOtherCod/"));
}

QTEST_GUILESS_MAIN(TstLinkNormalizer)
#include "tst_linknormalizer.moc"
