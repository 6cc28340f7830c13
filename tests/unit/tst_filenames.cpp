// File names from titles, Content-Disposition and URLs (C24, C28): safe on every OS, bounded in
// UTF-8 bytes, never outside the download folder.

#include "app/core/jobs/filenames.h"

#include <QtCore/QDir>
#include <QtCore/QStringView>
#include <QtCore/QTextBoundaryFinder>
#include <QtTest/QtTest>

using namespace fetchmedia;

namespace {

const QString kCat = QStringLiteral("\u732b");                        // 猫, 3 UTF-8 bytes
const QString kBlackCat = QStringLiteral("\U0001F408\u200D\u2B1B");  // 🐈‍⬛, 10 bytes, one grapheme

QString repeated(const QString &text, int times)
{
    QString result;
    for (int i = 0; i < times; ++i)
        result += text;
    return result;
}

qsizetype utf8Size(const QString &text)
{
    return text.toUtf8().size();
}

// The grapheme boundaries of text, as Qt's own finder sees them (the test only uses them to
// check that a cut lies on one).
QList<qsizetype> graphemeBoundaries(const QString &text)
{
    QList<qsizetype> boundaries{0};
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    for (qsizetype next = finder.toNextBoundary(); next >= 0; next = finder.toNextBoundary())
        boundaries.append(next);
    return boundaries;
}

} // namespace

class TestFileNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitizeFileName_data();
    void sanitizeFileName();
    void sanitizeTruncatesOnGraphemeBoundary_data();
    void sanitizeTruncatesOnGraphemeBoundary();
    void contentDispositionFileName_data();
    void contentDispositionFileName();
    void fileNameFromUrl_data();
    void fileNameFromUrl();
    void numberedFileName_data();
    void numberedFileName();
    void isInsideFolder_data();
    void isInsideFolder();
};

void TestFileNames::sanitizeFileName_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    // C28: reserved device names, case-insensitive, with any extension, superscript digits.
    QTest::newRow("CON") << QStringLiteral("CON") << QStringLiteral("_CON");
    QTest::newRow("CON.mp4") << QStringLiteral("CON.mp4") << QStringLiteral("_CON.mp4");
    QTest::newRow("nul") << QStringLiteral("nul") << QStringLiteral("_nul");
    QTest::newRow("nul.mp4") << QStringLiteral("nul.mp4") << QStringLiteral("_nul.mp4");
    QTest::newRow("Com1") << QStringLiteral("Com1") << QStringLiteral("_Com1");
    QTest::newRow("COM superscript 1") << QStringLiteral("COM\u00b9") << QStringLiteral("_COM\u00b9");
    QTest::newRow("LPT superscript 3.mp4")
        << QStringLiteral("LPT\u00b3.mp4") << QStringLiteral("_LPT\u00b3.mp4");
    QTest::newRow("LPT9.tar") << QStringLiteral("LPT9.tar") << QStringLiteral("_LPT9.tar");
    QTest::newRow("AUX.tar.gz") << QStringLiteral("AUX.tar.gz") << QStringLiteral("_AUX.tar.gz");
    QTest::newRow("conin$") << QStringLiteral("conin$") << QStringLiteral("_conin$");
    QTest::newRow("CONOUT$.txt") << QStringLiteral("CONOUT$.txt") << QStringLiteral("_CONOUT$.txt");
    QTest::newRow("con. trailing dot") << QStringLiteral("con.") << QStringLiteral("_con");
    QTest::newRow("COM10 is not reserved") << QStringLiteral("COM10.mp4") << QStringLiteral("COM10.mp4");
    QTest::newRow("CONSOLE is not reserved") << QStringLiteral("CONSOLE") << QStringLiteral("CONSOLE");
    QTest::newRow("concert is not reserved") << QStringLiteral("concert.mp4") << QStringLiteral("concert.mp4");

    // C28: trailing dots and spaces.
    QTest::newRow("Part 1.") << QStringLiteral("Part 1.") << QStringLiteral("Part 1");
    QTest::newRow("Part 1..mp4") << QStringLiteral("Part 1..mp4") << QStringLiteral("Part 1.mp4");
    QTest::newRow("trailing space") << QStringLiteral("trailing space ") << QStringLiteral("trailing space");
    QTest::newRow("trailing space .mp4")
        << QStringLiteral("trailing space .mp4") << QStringLiteral("trailing space.mp4");
    QTest::newRow("name.mp4 with trailing dots and spaces")
        << QStringLiteral("name.mp4. . ") << QStringLiteral("name.mp4");

    // C28: forbidden characters. A '/' or '\' is a path separator (C24: last component only),
    // so of this title only "w" survives; without separators every one of <>:"|?* becomes '_'.
    QTest::newRow("What?: with separators")
        << QStringLiteral("What?: A <Test> | \"x\" * y/z\\w") << QStringLiteral("w");
    QTest::newRow("What?: without separators")
        << QStringLiteral("What?: A <Test> | \"x\" * y.mp4")
        << QStringLiteral("What__ A _Test_ _ _x_ _ y.mp4");
    QTest::newRow("bell") << QStringLiteral("bell\x07" "char") << QStringLiteral("bell_char");
    QTest::newRow("newline tab DEL")
        << QStringLiteral("a\nb\tc\x7f" "d.mp4") << QStringLiteral("a_b_c_d.mp4");
    QTest::newRow("NUL character")
        << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b.mp4")) << QStringLiteral("a_b.mp4");

    // Nothing left.
    QTest::newRow("empty") << QString() << QStringLiteral("video");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("video");
    QTest::newRow(".") << QStringLiteral(".") << QStringLiteral("video");
    QTest::newRow("..") << QStringLiteral("..") << QStringLiteral("video");
    QTest::newRow("trailing slash") << QStringLiteral("dir/") << QStringLiteral("video");
    QTest::newRow("?") << QStringLiteral("?") << QStringLiteral("video");

    // C24: traversal and Windows paths, leading dots.
    QTest::newRow("../../.bashrc") << QStringLiteral("../../.bashrc") << QStringLiteral("_.bashrc");
    QTest::newRow("..\\..\\.bashrc") << QStringLiteral("..\\..\\.bashrc") << QStringLiteral("_.bashrc");
    QTest::newRow(".hidden.mp4") << QStringLiteral(".hidden.mp4") << QStringLiteral("_.hidden.mp4");
    QTest::newRow("C:\\Windows\\System32\\evil.mp4")
        << QStringLiteral("C:\\Windows\\System32\\evil.mp4") << QStringLiteral("evil.mp4");
    QTest::newRow("/etc/passwd") << QStringLiteral("/etc/passwd") << QStringLiteral("passwd");
    QTest::newRow("mixed separators")
        << QStringLiteral("a\\b/c\\clip.mp4") << QStringLiteral("clip.mp4");

    // Ordinary names are left alone.
    QTest::newRow("plain") << QStringLiteral("output.mp4") << QStringLiteral("output.mp4");
    QTest::newRow("unicode") << QStringLiteral("\u20ac rates.mp4") << QStringLiteral("\u20ac rates.mp4");
    QTest::newRow("emoji") << (QStringLiteral("cat ") + kBlackCat + QStringLiteral(".mp4"))
                           << (QStringLiteral("cat ") + kBlackCat + QStringLiteral(".mp4"));
}

void TestFileNames::sanitizeFileName()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString result = fetchmedia::sanitizeFileName(input);
    QCOMPARE(result, expected);
    // Sanitising is idempotent: a safe name stays as it is.
    QCOMPARE(fetchmedia::sanitizeFileName(result), result);
}

void TestFileNames::sanitizeTruncatesOnGraphemeBoundary_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    // C28: 120 cats (360 bytes) and a ZWJ emoji: 66 whole cats (198 bytes) fit, the 67th not.
    QTest::newRow("120 cats + black cat")
        << (repeated(kCat, 120) + QLatin1Char(' ') + kBlackCat + QStringLiteral(".mp4"))
        << (repeated(kCat, 66) + QStringLiteral(".mp4"));
    // 189 + 1 + 10 = exactly 200 bytes: kept whole.
    QTest::newRow("exactly 200 bytes")
        << (repeated(kCat, 63) + QLatin1Char(' ') + kBlackCat + QStringLiteral(".mp4"))
        << (repeated(kCat, 63) + QLatin1Char(' ') + kBlackCat + QStringLiteral(".mp4"));
    // 191 + 1 + 10 = 202: the ZWJ sequence does not fit and goes as a whole (never "🐈" or
    // "🐈\u200D" alone); the space before it is then trailing and removed.
    QTest::newRow("cut would land inside ZWJ sequence")
        << (repeated(kCat, 63) + QStringLiteral("ab ") + kBlackCat + QStringLiteral(".mp4"))
        << (repeated(kCat, 63) + QStringLiteral("ab.mp4"));
    // 198 + "e" + U+0301: the base letter is not kept without its accent.
    QTest::newRow("combining accent at the limit")
        << (repeated(kCat, 66) + QStringLiteral("e\u0301.mp4")) << (repeated(kCat, 66) + QStringLiteral(".mp4"));
    // 4-byte characters: 50 × 4 = 200 fit exactly, the 51st does not.
    QTest::newRow("astral characters")
        << (repeated(QStringLiteral("\U0001F600"), 60) + QStringLiteral(".webm"))
        << (repeated(QStringLiteral("\U0001F600"), 50) + QStringLiteral(".webm"));
    QTest::newRow("ascii, no extension")
        << repeated(QStringLiteral("a"), 300) << repeated(QStringLiteral("a"), 200);
}

void TestFileNames::sanitizeTruncatesOnGraphemeBoundary()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QString result = fetchmedia::sanitizeFileName(input);
    QCOMPARE(result, expected);

    // The properties C28 asks for, checked independently of the expected string.
    const qsizetype dot = result.lastIndexOf(QLatin1Char('.'));
    const QString stem = dot > 0 ? result.left(dot) : result;
    QVERIFY2(utf8Size(stem) <= kMaxStemBytes, qPrintable(QString::number(utf8Size(stem))));
    QVERIFY(QStringView(result).isValidUtf16());
    QCOMPARE(QString::fromUtf8(result.toUtf8()), result);
    QVERIFY(input.startsWith(stem));
    QVERIFY2(graphemeBoundaries(input).contains(stem.size()), "stem cut inside a grapheme");
    QVERIFY(!stem.endsWith(QChar(0x200D)));
    QVERIFY(stem.contains(kBlackCat) || !stem.contains(QStringLiteral("\U0001F408")));
}

void TestFileNames::contentDispositionFileName_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("sanitized");

    // C24, header values as QNetworkReply::rawHeader("Content-Disposition") returns them.
    QTest::newRow("traversal")
        << QByteArray(R"(attachment; filename="../../.bashrc")")
        << QStringLiteral("../../.bashrc") << QStringLiteral("_.bashrc");
    QTest::newRow("windows path")
        << QByteArray(R"(attachment; filename="C:\Windows\System32\evil.mp4")")
        << QStringLiteral("C:\\Windows\\System32\\evil.mp4") << QStringLiteral("evil.mp4");
    QTest::newRow("filename* wins over filename")
        << QByteArray(R"(attachment; filename="EURO rates.mp4"; filename*=UTF-8''%e2%82%ac%20rates.mp4)")
        << QStringLiteral("\u20ac rates.mp4") << QStringLiteral("\u20ac rates.mp4");
    QTest::newRow("filename* wins when first")
        << QByteArray(R"(attachment; filename*=UTF-8''%e2%82%ac%20rates.mp4; filename="EURO rates.mp4")")
        << QStringLiteral("\u20ac rates.mp4") << QStringLiteral("\u20ac rates.mp4");
    QTest::newRow("utf8 charset")
        << QByteArray("attachment; filename*=utf8''clip.mp4")
        << QStringLiteral("clip.mp4") << QStringLiteral("clip.mp4");
    QTest::newRow("trailing semicolon")
        << QByteArray("attachment; filename*=UTF-8''clip%20two.mp4;")
        << QStringLiteral("clip two.mp4") << QStringLiteral("clip two.mp4");
    QTest::newRow("no header") << QByteArray() << QString() << QStringLiteral("output.mp4");
    QTest::newRow("attachment only") << QByteArray("attachment") << QString() << QStringLiteral("output.mp4");

    // Neighbours of the same kinds.
    QTest::newRow("token form")
        << QByteArray("inline; filename=clip.mp4") << QStringLiteral("clip.mp4") << QStringLiteral("clip.mp4");
    QTest::newRow("case-insensitive parameter")
        << QByteArray(R"(Attachment; FILENAME="Clip.MP4")") << QStringLiteral("Clip.MP4") << QStringLiteral("Clip.MP4");
    QTest::newRow("no space after semicolon")
        << QByteArray(R"(attachment;filename="a.mp4")") << QStringLiteral("a.mp4") << QStringLiteral("a.mp4");
    QTest::newRow("semicolon inside quotes")
        << QByteArray(R"(attachment; filename="a;b.mp4")") << QStringLiteral("a;b.mp4") << QStringLiteral("a;b.mp4");
    QTest::newRow("quoted pair")
        << QByteArray(R"(attachment; filename="say \"hi\".mp4")")
        << QStringLiteral("say \"hi\".mp4") << QStringLiteral("say _hi_.mp4");
    QTest::newRow("language tag")
        << QByteArray("attachment; filename*=UTF-8'en'%C3%A9t%C3%A9.mp4")
        << QStringLiteral("\u00e9t\u00e9.mp4") << QStringLiteral("\u00e9t\u00e9.mp4");
    QTest::newRow("latin-1 charset")
        << QByteArray("attachment; filename*=ISO-8859-1''%A3%20rates.mp4")
        << QStringLiteral("\u00a3 rates.mp4") << QStringLiteral("\u00a3 rates.mp4");
    QTest::newRow("encoded traversal in filename*")
        << QByteArray("attachment; filename*=UTF-8''..%2F..%2F.bashrc")
        << QStringLiteral("../../.bashrc") << QStringLiteral("_.bashrc");
    QTest::newRow("encoded backslashes in filename*")
        << QByteArray("attachment; filename*=UTF-8''C%3A%5Ctmp%5Cevil.mp4")
        << QStringLiteral("C:\\tmp\\evil.mp4") << QStringLiteral("evil.mp4");
    QTest::newRow("unknown charset falls back to filename")
        << QByteArray(R"(attachment; filename*=KOI8-R''%C1.mp4; filename="fallback.mp4")")
        << QStringLiteral("fallback.mp4") << QStringLiteral("fallback.mp4");
    QTest::newRow("reserved name from the server")
        << QByteArray(R"(attachment; filename="con.mp4")") << QStringLiteral("con.mp4") << QStringLiteral("_con.mp4");
}

void TestFileNames::contentDispositionFileName()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, raw);
    QFETCH(QString, sanitized);

    const QString suggested = fetchmedia::contentDispositionFileName(header);
    QCOMPARE(suggested, raw);

    // C24: without a name in the header, the API's {filename} (last URL segment) is used.
    const QUrl downloadUrl(
        QStringLiteral("https://api.fetchmedia.io/v1/fetch/5b8f1c2e-9a7d-4e31-8c55-0f2b6d9e1a47/output.mp4"));
    const QString name = suggested.isEmpty() ? fetchmedia::fileNameFromUrl(downloadUrl) : suggested;
    QCOMPARE(fetchmedia::sanitizeFileName(name), sanitized);
}

void TestFileNames::fileNameFromUrl_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QUrl(QStringLiteral("https://api.fetchmedia.io/v1/fetch/id/output.mp4"))
                           << QStringLiteral("output.mp4");
    QTest::newRow("percent-decoded")
        << QUrl(QStringLiteral("https://api.fetchmedia.io/v1/fetch/id/%E2%82%AC%20rates.mp4"))
        << QStringLiteral("\u20ac rates.mp4");
    QTest::newRow("query ignored")
        << QUrl(QStringLiteral("https://storage.example.net/f/id/clip.mp4?X-Amz-Signature=abc"))
        << QStringLiteral("clip.mp4");
    QTest::newRow("directory") << QUrl(QStringLiteral("https://example.com/dir/")) << QString();
}

void TestFileNames::fileNameFromUrl()
{
    QFETCH(QUrl, url);
    QFETCH(QString, expected);
    QCOMPARE(fetchmedia::fileNameFromUrl(url), expected);
}

void TestFileNames::numberedFileName_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<int>("number");
    QTest::addColumn<QString>("expected");

    QTest::newRow("0 is the name itself") << QStringLiteral("output.mp4") << 0 << QStringLiteral("output.mp4");
    QTest::newRow("1") << QStringLiteral("output.mp4") << 1 << QStringLiteral("output (1).mp4");
    QTest::newRow("2") << QStringLiteral("output.mp4") << 2 << QStringLiteral("output (2).mp4");
    QTest::newRow("99") << QStringLiteral("output.mp4") << 99 << QStringLiteral("output (99).mp4");
    QTest::newRow("no extension") << QStringLiteral("output") << 1 << QStringLiteral("output (1)");
    QTest::newRow("double extension")
        << QStringLiteral("archive.tar.gz") << 1 << QStringLiteral("archive.tar (1).gz");
    QTest::newRow("unicode") << QStringLiteral("\u20ac rates.mp4") << 3 << QStringLiteral("\u20ac rates (3).mp4");
    // Percent signs are ordinary characters in a name, not placeholders.
    QTest::newRow("percent-two in name")
        << QStringLiteral("100%2 off.mp4") << 1 << QStringLiteral("100%2 off (1).mp4");
    QTest::newRow("percent-one in name") << QStringLiteral("%1.mp4") << 2 << QStringLiteral("%1 (2).mp4");
}

void TestFileNames::numberedFileName()
{
    QFETCH(QString, fileName);
    QFETCH(int, number);
    QFETCH(QString, expected);
    QCOMPARE(fetchmedia::numberedFileName(fileName, number), expected);
}

void TestFileNames::isInsideFolder_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("inside");

    const QString a = QStringLiteral("/tmp/a");
    QTest::newRow("file in folder") << a << QStringLiteral("/tmp/a/x.mp4") << true;
    QTest::newRow("file in subfolder") << a << QStringLiteral("/tmp/a/sub/x.mp4") << true;
    QTest::newRow("part file") << a << QStringLiteral("/tmp/a/./x.mp4.part") << true;
    QTest::newRow("back in again") << a << QStringLiteral("/tmp/a/x/../../a/y.mp4") << true;
    QTest::newRow("traversal to sibling") << a << QStringLiteral("/tmp/a/../b/x.mp4") << false;
    QTest::newRow("traversal to /etc") << a << QStringLiteral("/tmp/a/../../etc/passwd") << false;
    QTest::newRow("sibling with common prefix") << a << QStringLiteral("/tmp/ab/x") << false;
    QTest::newRow("sibling folder itself") << a << QStringLiteral("/tmp/ab") << false;
    QTest::newRow("parent") << a << QStringLiteral("/tmp") << false;
    QTest::newRow("the folder itself") << a << a << false;
    QTest::newRow("the folder with slash") << a << QStringLiteral("/tmp/a/") << false;
    QTest::newRow("the folder with dot") << a << QStringLiteral("/tmp/a/.") << false;
    QTest::newRow("folder with trailing slash") << QStringLiteral("/tmp/a/") << QStringLiteral("/tmp/a/x") << true;
    QTest::newRow("folder not clean") << QStringLiteral("/tmp/a/sub/..") << QStringLiteral("/tmp/a/x") << true;
    QTest::newRow("root folder") << QStringLiteral("/") << QStringLiteral("/tmp/x") << true;
    QTest::newRow("relative inside") << QDir::currentPath() << QStringLiteral("x.mp4") << true;
    QTest::newRow("relative outside") << QDir::currentPath() << QStringLiteral("../x.mp4") << false;
}

void TestFileNames::isInsideFolder()
{
    QFETCH(QString, folder);
    QFETCH(QString, path);
    QFETCH(bool, inside);
    QCOMPARE(fetchmedia::isInsideFolder(folder, path), inside);
}

QTEST_GUILESS_MAIN(TestFileNames)
#include "tst_filenames.moc"
