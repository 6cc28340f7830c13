// Retry-After parsing and the rate gate, with an injected clock: no test sleeps.

#include "app/core/api/rategate.h"
#include "app/core/api/retryafter.h"

#include <QSignalSpy>
#include <QTimeZone>
#include <QTest>

using namespace fetchmedia;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 10, 21), QTime(7, 27, 0), QTimeZone::utc());

RateLimitFacts tooMany(int bodyRetryAfter, const QByteArray &header = {}, const QByteArray &date = {})
{
    RateLimitFacts facts;
    facts.httpStatus = 429;
    facts.bodyRetryAfter = bodyRetryAfter;
    facts.retryAfter = header;
    facts.date = date;
    return facts;
}

RateLimitFacts fine(const QByteArray &remaining = {}, const QByteArray &reset = {})
{
    RateLimitFacts facts;
    facts.httpStatus = 200;
    facts.remaining = remaining;
    facts.reset = reset;
    return facts;
}

} // namespace

class TstRateGate final : public QObject
{
    Q_OBJECT

private:
    QDateTime m_now;
    void useFakeClock(RateGate &gate)
    {
        m_now = kNow;
        gate.setClock([this] { return m_now; });
    }

private Q_SLOTS:
    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("date");
        QTest::addColumn<qint64>("expected"); // -1: not a value
        QTest::newRow("delta seconds") << QByteArray("60") << QByteArray() << qint64(60);
        QTest::newRow("padded") << QByteArray(" 30 ") << QByteArray() << qint64(30);
        QTest::newRow("zero") << QByteArray("0") << QByteArray() << qint64(0);
        QTest::newRow("negative") << QByteArray("-3") << QByteArray() << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << QByteArray() << qint64(-1);
        QTest::newRow("word") << QByteArray("soon") << QByteArray() << qint64(-1);
        QTest::newRow("absent") << QByteArray() << QByteArray() << qint64(-1);
        QTest::newRow("huge digits") << QByteArray("99999999999999999999") << QByteArray() << qint64(-1);
        QTest::newRow("IMF-fixdate against Date")
            << QByteArray("Wed, 21 Oct 2026 07:28:00 GMT") << QByteArray("Wed, 21 Oct 2026 07:27:00 GMT") << qint64(60);
        // The server's clock decides: ours is an hour off, the wait stays 60 s.
        QTest::newRow("IMF-fixdate, server clock differs")
            << QByteArray("Wed, 21 Oct 2026 08:28:00 GMT") << QByteArray("Wed, 21 Oct 2026 08:27:00 GMT") << qint64(60);
        QTest::newRow("IMF-fixdate without Date uses now")
            << QByteArray("Wed, 21 Oct 2026 07:27:45 GMT") << QByteArray() << qint64(45);
        QTest::newRow("RFC 850") << QByteArray("Wednesday, 21-Oct-26 07:28:00 GMT")
                                 << QByteArray("Wed, 21 Oct 2026 07:27:00 GMT") << qint64(60);
        QTest::newRow("asctime") << QByteArray("Wed Oct 21 07:28:00 2026")
                                 << QByteArray("Wed, 21 Oct 2026 07:27:00 GMT") << qint64(60);
        QTest::newRow("date in the past") << QByteArray("Wed, 21 Oct 2026 07:00:00 GMT")
                                          << QByteArray("Wed, 21 Oct 2026 07:27:00 GMT") << qint64(0);
        QTest::newRow("date without zone") << QByteArray("Wed, 21 Oct 2026 07:28:00") << QByteArray() << qint64(-1);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, date);
        QFETCH(qint64, expected);
        const std::optional<qint64> seconds = parseRetryAfter(value, date, kNow);
        QCOMPARE(seconds.value_or(-1), expected);
    }

    void waitIsTheLargerOfHeaderAndBody_data()
    {
        QTest::addColumn<int>("body");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("wait");
        QTest::newRow("a: both 60") << 60 << QByteArray("60") << qint64(60);
        QTest::newRow("d: header 30, body 60") << 60 << QByteArray("30") << qint64(60);
        QTest::newRow("header 90, body 60") << 60 << QByteArray("90") << qint64(90);
        QTest::newRow("body only") << 12 << QByteArray() << qint64(12);
        QTest::newRow("garbage header, body") << 20 << QByteArray("soon") << qint64(20);
        QTest::newRow("clamped low") << 0 << QByteArray("0") << qint64(1);
        QTest::newRow("clamped high") << 999999 << QByteArray() << qint64(3600);
    }

    void waitIsTheLargerOfHeaderAndBody()
    {
        QFETCH(int, body);
        QFETCH(QByteArray, header);
        QFETCH(qint64, wait);
        RateGate gate;
        useFakeClock(gate);
        gate.observe(tooMany(body, header));
        QVERIFY(gate.isClosed());
        QCOMPARE(gate.reason(), RateGate::Reason::RateLimited);
        QVERIFY(!gate.mayStart());
        // Never before the server's time, and only a small margin after it.
        const qint64 ms = kNow.msecsTo(gate.opensAt());
        QVERIFY2(ms >= wait * 1000 && ms <= wait * 1000 + 1000, qPrintable(QString::number(ms)));
    }

    void noUsableValueBacksOffExponentially()
    {
        RateGate gate;
        useFakeClock(gate);
        QList<qint64> waits;
        for (int i = 0; i < 4; ++i) {
            gate.observe(tooMany(-1, "soon"));
            waits << kNow.msecsTo(gate.opensAt()) / 1000;
            m_now = gate.opensAt().addMSecs(1);
            gate.recheck();
            QVERIFY(!gate.isClosed());
            m_now = kNow;
        }
        QVERIFY2(waits[0] >= RateGate::kDefaultWaitSeconds && waits[0] <= RateGate::kDefaultWaitSeconds * 1.25,
                 qPrintable(QString::number(waits[0])));
        for (int i = 1; i < waits.size(); ++i)
            QVERIFY2(waits[i] >= 2 * RateGate::kDefaultWaitSeconds << (i - 1), qPrintable(QString::number(waits[i])));
        QCOMPARE(gate.consecutiveLimits(), 4);
        gate.observe(fine());
        QCOMPARE(gate.consecutiveLimits(), 0);
    }

    void afterTheWaitOneRequestProbesAlone()
    {
        RateGate gate;
        useFakeClock(gate);
        QSignalSpy opened(&gate, &RateGate::opened);
        gate.observe(tooMany(60, "60"));
        m_now = kNow.addSecs(30);
        gate.recheck();
        QVERIFY(gate.isClosed());
        QCOMPARE(gate.secondsLeft(), qint64(31)); // 30 s and the safety margin, rounded up
        m_now = kNow.addSecs(61);
        gate.recheck();
        QCOMPARE(opened.size(), 1);
        QVERIFY(gate.mayStart());
        gate.requestStarted();
        QVERIFY(!gate.mayStart()); // the probe is alone
        gate.observe(fine());
        QVERIFY(gate.mayStart());
        gate.requestStarted();
        QVERIFY(gate.mayStart()); // open for all again
        QCOMPARE(opened.size(), 2);
    }

    void aProbeThatHitsTheLimitClosesAgain()
    {
        RateGate gate;
        useFakeClock(gate);
        gate.observe(tooMany(10));
        m_now = kNow.addSecs(11);
        gate.recheck();
        gate.requestStarted();
        gate.observe(tooMany(10));
        QVERIFY(gate.isClosed());
        QVERIFY(!gate.mayStart());
    }

    // C20 e: the machine slept through the deadline; the first tick after wake opens the gate.
    void aSuspendedMachineOpensOnTheWallClock()
    {
        RateGate gate;
        useFakeClock(gate);
        gate.observe(tooMany(60));
        m_now = kNow.addSecs(15);
        QCOMPARE(gate.secondsLeft(), qint64(46));
        m_now = kNow.addSecs(15 + 300); // five minutes asleep
        QCOMPARE(gate.secondsLeft(), qint64(0));
        QVERIFY(!gate.isClosed());
        gate.recheck();
        QVERIFY(gate.mayStart());
    }

    void remainingZeroPacesWithoutA429()
    {
        RateGate gate;
        useFakeClock(gate);
        gate.observe(fine("3", "20"));
        QVERIFY(!gate.isClosed());
        QCOMPARE(gate.remainingRequests(), 3);
        gate.observe(fine("0", "20"));
        QVERIFY(gate.isClosed());
        QCOMPARE(gate.reason(), RateGate::Reason::Pacing);
        QCOMPARE(gate.secondsLeft(), qint64(21));
        QCOMPARE(gate.consecutiveLimits(), 0);
        gate.observe(fine("0", "garbage"));
        QVERIFY(gate.isClosed()); // an unreadable reset never shortens a wait
    }

    void requestsInFlightSpendTheAllowance()
    {
        RateGate gate;
        useFakeClock(gate);
        gate.observe(fine("2", "10"));
        QVERIFY(gate.mayStart());
        gate.requestStarted();
        gate.requestStarted();
        QVERIFY(!gate.mayStart()); // two left, two in flight
        gate.observe(fine("1", "10"));
        QVERIFY(!gate.mayStart()); // one left, one still in flight
        gate.observe(fine("5", "10"));
        QVERIFY(gate.mayStart());
        QVERIFY(!gate.isClosed());
    }

    // An older request's answer that arrives after a newer one's has an out-of-date count.
    void anOvertakenAnswerNeverRaisesTheAllowance()
    {
        RateGate gate;
        useFakeClock(gate);
        const quint64 first = gate.requestStarted();
        const quint64 second = gate.requestStarted();
        QVERIFY(second > first);
        RateLimitFacts newer = fine("1", "10");
        newer.requestTicket = second;
        gate.observe(newer);
        RateLimitFacts older = fine("5", "10");
        older.requestTicket = first;
        gate.observe(older);
        QCOMPARE(gate.remainingRequests(), 1);
        // A lower count from an older answer still counts: spending less than allowed is safe.
        const quint64 third = gate.requestStarted();
        RateLimitFacts next = fine("3", "10");
        next.requestTicket = third;
        gate.observe(next);
        QCOMPARE(gate.remainingRequests(), 3);
        older.remaining = "2";
        gate.observe(older);
        QCOMPARE(gate.remainingRequests(), 2);
    }

    void pacingWaitsOneTokenWhenTheLimitIsKnown()
    {
        RateGate gate;
        useFakeClock(gate);
        RateLimitFacts facts = fine("0", "60");
        facts.limit = "60";
        gate.observe(facts);
        QCOMPARE(gate.reason(), RateGate::Reason::Pacing);
        QCOMPARE(gate.secondsLeft(), qint64(2)); // one token of 60 per 60 s, and the margin
        facts.limit = "7";
        facts.reset = "20";
        m_now = gate.opensAt();
        gate.recheck();
        gate.observe(facts);
        const qint64 waitMs = m_now.msecsTo(gate.opensAt()); // ceil(20 / 7) = 3 s and the margin
        QVERIFY2(waitMs >= 3000 && waitMs < 4000, qPrintable(QString::number(waitMs)));
    }

    void noHeadersMeansNoKnowledge()
    {
        RateGate gate;
        useFakeClock(gate);
        gate.observe(fine());
        QCOMPARE(gate.remainingRequests(), -1);
        QVERIFY(gate.mayStart());
        QVERIFY(!gate.isClosed());
    }
};

QTEST_GUILESS_MAIN(TstRateGate)
#include "tst_rategate.moc"
