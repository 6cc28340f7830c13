// The sandbox's synthetic file bytes: any slice, at any alignment, equals the same bytes of
// the whole sequence, so resumed and ranged downloads can be compared byte for byte.

#include "app/sandbox/payloaddevice.h"

#include <QTest>

using namespace fetchmedia::sandbox;

class TstPayload final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsWithTheSplitmixBlocksInLittleEndianOrder()
    {
        QByteArray head(20, '\0');
        fillPayload(head.data(), 0, head.size());
        // Computed apart from this code, from the splitmix64 finaliser over block indexes 0-2.
        QCOMPARE(head.toHex(), QByteArray("aaae4d5664cab66dba0269774705c65c7f7de96a"));
    }

    void anySliceMatchesTheWhole_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");
        QTest::newRow("aligned") << qint64(64) << qint64(128);
        QTest::newRow("odd start") << qint64(3) << qint64(29);
        QTest::newRow("inside one block") << qint64(9) << qint64(5);
        QTest::newRow("one byte") << qint64(15) << qint64(1);
        QTest::newRow("odd end") << qint64(16) << qint64(13);
        QTest::newRow("empty") << qint64(40) << qint64(0);
        QTest::newRow("long, misaligned") << qint64(1001) << qint64(2047);
    }

    void anySliceMatchesTheWhole()
    {
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        QByteArray whole(4096, '\0');
        fillPayload(whole.data(), 0, whole.size());
        QByteArray slice(length + 2, '#'); // guard bytes on the right stay untouched
        fillPayload(slice.data(), offset, length);
        QCOMPARE(slice.left(length), whole.mid(offset, length));
        QCOMPARE(slice.right(2), QByteArray("##"));
    }

    void deviceReadsLikeTheSequence()
    {
        PayloadDevice device(1000);
        QVERIFY(device.open(QIODevice::ReadOnly));
        QVERIFY(device.seek(997));
        const QByteArray tail = device.readAll();
        QCOMPARE(tail.size(), 3);
        QByteArray expected(3, '\0');
        fillPayload(expected.data(), 997, 3);
        QCOMPARE(tail, expected);
    }
};

QTEST_APPLESS_MAIN(TstPayload)
#include "tst_payload.moc"
