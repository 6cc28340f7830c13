// Pasted text → key (C17): trimming, header prefixes, junk refused before any keychain write.

#include "app/core/storage/apikeyinput.h"

#include <QTest>

using namespace fetchmedia;
using Verdict = ApiKeyInput::Verdict;

Q_DECLARE_METATYPE(fetchmedia::ApiKeyInput::Verdict)

class TstApiKeyInput final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromPasted_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<QString>("key");

        const QString key = QStringLiteral("fm_0123456789abcdef");
        QTest::newRow("plain") << key << Verdict::Accepted << key;
        QTest::newRow("C17a spaces and CRLF") << QStringLiteral("  fm_0123456789abcdef\r\n")
                                              << Verdict::Accepted << key;
        QTest::newRow("tabs") << QStringLiteral("\tfm_0123456789abcdef\t") << Verdict::Accepted << key;
        QTest::newRow("C17b X-API-KEY header") << QStringLiteral("X-API-KEY: fm_0123456789abcdef")
                                               << Verdict::Accepted << key;
        QTest::newRow("header lower case, no space") << QStringLiteral("x-api-key:fm_0123456789abcdef")
                                                     << Verdict::Accepted << key;
        QTest::newRow("Bearer") << QStringLiteral("Bearer fm_0123456789abcdef") << Verdict::Accepted << key;
        QTest::newRow("Authorization: Bearer")
            << QStringLiteral("Authorization: Bearer fm_0123456789abcdef\n") << Verdict::Accepted << key;
        QTest::newRow("64 hex digits") << QStringLiteral("fm_") + QString(64, QLatin1Char('a'))
                                       << Verdict::Accepted << QStringLiteral("fm_") + QString(64, QLatin1Char('a'));
        QTest::newRow("unusual shape is only a warning")
            << QStringLiteral("sk_live_ABC123") << Verdict::AcceptedUnusual << QStringLiteral("sk_live_ABC123");
        QTest::newRow("upper-case hex is unusual") << QStringLiteral("fm_0123456789ABCDEF")
                                                   << Verdict::AcceptedUnusual << QStringLiteral("fm_0123456789ABCDEF");
        QTest::newRow("too short hex is unusual") << QStringLiteral("fm_0123") << Verdict::AcceptedUnusual
                                                  << QStringLiteral("fm_0123");
        QTest::newRow("empty") << QString() << Verdict::Empty << QString();
        QTest::newRow("whitespace only") << QStringLiteral(" \r\n\t ") << Verdict::Empty << QString();
        QTest::newRow("prefix only") << QStringLiteral("X-API-KEY: ") << Verdict::Empty << QString();
        QTest::newRow("inner space") << QStringLiteral("fm_0123 456789abcdef") << Verdict::Refused << QString();
        QTest::newRow("two lines") << QStringLiteral("fm_0123456789abcdef\nfm_fedcba9876543210")
                                   << Verdict::Refused << QString();
        QTest::newRow("C17c 3000-character blob")
            << QStringLiteral("Hello, here is my key fm_0123456789abcdef ") + QString(3000, QLatin1Char('x'))
            << Verdict::Refused << QString();
        QTest::newRow("257 characters, no spaces") << QString(257, QLatin1Char('a')) << Verdict::Refused << QString();
        QTest::newRow("256 characters is the limit") << QString(256, QLatin1Char('a'))
                                                     << Verdict::AcceptedUnusual << QString(256, QLatin1Char('a'));
        QTest::newRow("control byte") << QStringLiteral("fm_0123\x01" "456789abcdef") << Verdict::Refused << QString();
        QTest::newRow("non-ASCII") << QStringLiteral("fm_0123456789abcdéf") << Verdict::Refused << QString();
    }

    void fromPasted()
    {
        QFETCH(QString, pasted);
        QFETCH(Verdict, verdict);
        QFETCH(QString, key);
        const ApiKeyInput input = ApiKeyInput::fromPasted(pasted);
        QCOMPARE(input.verdict, verdict);
        QCOMPARE(input.key, key);
        QCOMPARE(input.accepted(), verdict == Verdict::Accepted || verdict == Verdict::AcceptedUnusual);
        // Refused and unusual text says why; a plain key needs no words.
        QCOMPARE(input.hint.isEmpty(), verdict == Verdict::Accepted || verdict == Verdict::Empty);
        // The hint never repeats the text it judges.
        if (!key.isEmpty())
            QVERIFY(!input.hint.contains(key));
    }

    void masked_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("masked");
        QTest::newRow("fm key") << QStringLiteral("fm_0123456789abcdef0123456789abcdef")
                                << QStringLiteral("fm_0123…cdef");
        QTest::newRow("16 characters") << QStringLiteral("fm_0123456789abc") << QStringLiteral("fm_0123…9abc");
        QTest::newRow("short") << QStringLiteral("abcdefghij") << QStringLiteral("abc…ij");
        QTest::newRow("tiny") << QStringLiteral("abc") << QStringLiteral("…");
        QTest::newRow("none") << QString() << QString();
    }

    void masked()
    {
        QFETCH(QString, key);
        QFETCH(QString, masked);
        QCOMPARE(ApiKeyInput::masked(key), masked);
        if (!key.isEmpty())
            QVERIFY(ApiKeyInput::masked(key).size() < key.size() || key.size() <= 3);
    }
};

QTEST_APPLESS_MAIN(TstApiKeyInput)
#include "tst_apikeyinput.moc"
