// The sandbox's fault knobs and control endpoints (issues 3 and 4): run-time keys, Retry-After
// formats, early_requests, the token bucket, --flaky, --latency, --drop-after, --stall-after,
// --ignore-range, ETag/If-Range. In-process on 127.0.0.1 over a plain QNetworkAccessManager.

#include "app/sandbox/ratelimiter.h"
#include "app/sandbox/sandboxoptions.h"
#include "app/sandbox/sandboxserver.h"
#include "tests/integration/sandboxtestclient.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonArray>
#include <QtCore/QLocale>
#include <QtCore/QRegularExpression>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QtTest>

#include <memory>
#include <vector>

using namespace fetchmedia::sandbox;
using namespace fetchmedia::sandbox::test;

namespace {

QStringList capturedLog;

void captureMessage(QtMsgType, const QMessageLogContext&, const QString& message)
{
    capturedLog.append(message);
}

QByteArray keyBody(const QString& key)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("key"), key}}).toJson(QJsonDocument::Compact);
}

QDateTime parseHttpDate(const QByteArray& text)
{
    QDateTime time = QLocale::c().toDateTime(QString::fromLatin1(text),
                                             QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    time.setTimeZone(QTimeZone::utc());
    return time;
}

} // namespace

class TstSandboxFaults final : public QObject {
    Q_OBJECT

private slots:
    void init() { m_client = std::make_unique<SandboxTestClient>(); }
    void cleanup()
    {
        m_client.reset();
        m_servers.clear();
    }

    void commandLine_data();
    void commandLine();
    void helpListsEveryKnob();
    void keysAddedAndRevokedAtRunTime();
    void requestsAfter401AreCounted();
    void keyControlValidation();
    void requestLogNeverShowsKeysOrSignatures();
    void retryAfterFormats_data();
    void retryAfterFormats();
    void earlyRequestsCountsComingBackTooSoon();
    void tokenBucketFiveInTen();
    void rateLimitHeadersOverHttp();
    void flakyIsSeededAndRotates();
    void flakyNeverTouchesControlEndpoints();
    void latencyDelaysEachAnswerWithoutBlocking();
    void dropAfterClosesEachResponse();
    void stallAfterKeepsTheSocketOpen();
    void ignoreRangeAnswersWholeFile();
    void bandwidthCapsEachResponse();
    void etagAndIfRange();

private:
    SandboxServer* startServer(SandboxOptions options = {}, bool log = false)
    {
        options.logRequests = log;
        auto server = std::make_unique<SandboxServer>(std::move(options));
        if (!server->start())
            return nullptr;
        m_servers.push_back(std::move(server));
        return m_servers.back().get();
    }
    SandboxResponse send(const QUrl& url, const Headers& headers = {}, const QByteArray& verb = "GET",
                         const QByteArray& body = {})
    {
        return m_client->send(url, headers, verb, body);
    }
    static QUrl api(const SandboxServer* server, const QString& path)
    {
        return SandboxTestClient::apiUrl(server, path);
    }
    static QUrl root(const SandboxServer* server, const QString& path)
    {
        return SandboxTestClient::rootUrl(server, path);
    }
    static qint64 stat(const SandboxServer* server, const char* name)
    {
        return server->stats().value(QLatin1String(name)).toInteger();
    }

    std::unique_ptr<SandboxTestClient> m_client;
    std::vector<std::unique_ptr<SandboxServer>> m_servers;
};

void TstSandboxFaults::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("ok");
    const auto args = [](const char* text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); };
    QTest::newRow("all knobs") << args("--retry-after-format http-date --flaky 0.3 --seed 7 --latency 250 "
                                       "--drop-after 200000 --stall-after 100 --ignore-range --signed-ttl 5 --bandwidth 12")
                               << true;
    QTest::newRow("garbage") << args("--retry-after-format garbage") << true;
    QTest::newRow("none") << args("--retry-after-format none") << true;
    QTest::newRow("zero bytes") << args("--drop-after 0 --stall-after 0") << true;
    QTest::newRow("bad format") << args("--retry-after-format later") << false;
    QTest::newRow("flaky too big") << args("--flaky 1.5") << false;
    QTest::newRow("flaky text") << args("--flaky often") << false;
    QTest::newRow("negative latency") << args("--latency -1") << false;
    QTest::newRow("drop text") << args("--drop-after lots") << false;
    QTest::newRow("negative seed") << args("--seed -1") << false;
    QTest::newRow("ttl text") << args("--signed-ttl soon") << false;
    QTest::newRow("no bandwidth") << args("--bandwidth 0") << false;
}

void TstSandboxFaults::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, ok);
    const CommandLine result = parseCommandLine(QStringList{QStringLiteral("fetchmedia-sandbox")} + arguments);
    QCOMPARE(result.action == CommandLine::Action::Run, ok);
    if (!ok) {
        QCOMPARE(int(result.action), int(CommandLine::Action::Error));
        QVERIFY(result.text.startsWith(QLatin1String("--")));
        return;
    }
    const SandboxOptions& o = result.options;
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    if (tag == QLatin1String("all knobs")) {
        QCOMPARE(int(o.retryAfterFormat), int(RetryAfterFormat::HttpDate));
        QCOMPARE(o.flakyShare, 0.3);
        QCOMPARE(o.seed, quint32(7));
        QCOMPARE(o.latencyMs, 250);
        QCOMPARE(o.dropAfterBytes, qint64(200000));
        QCOMPARE(o.stallAfterBytes, qint64(100));
        QVERIFY(o.ignoreRange);
        QCOMPARE(o.signedUrlSeconds, 5); // --signed-ttl is --signed-url-seconds
        QCOMPARE(o.bandwidthBytesPerSecond, qint64(12) << 20);
    } else if (tag == QLatin1String("garbage")) {
        QCOMPARE(int(o.retryAfterFormat), int(RetryAfterFormat::Garbage));
        QCOMPARE(o.seed, quint32(1)); // the default seed
        QCOMPARE(o.dropAfterBytes, qint64(-1));
        QVERIFY(!o.ignoreRange);
        QCOMPARE(o.bandwidthBytesPerSecond, qint64(0)); // as fast as it can
    } else if (tag == QLatin1String("none")) {
        QCOMPARE(int(o.retryAfterFormat), int(RetryAfterFormat::None));
    } else {
        QCOMPARE(o.dropAfterBytes, qint64(0));
        QCOMPARE(o.stallAfterBytes, qint64(0));
    }
}

void TstSandboxFaults::helpListsEveryKnob()
{
    const CommandLine help = parseCommandLine({QStringLiteral("fetchmedia-sandbox"), QStringLiteral("--help")});
    QCOMPARE(int(help.action), int(CommandLine::Action::Help));
    for (const char* text : {"--retry-after-format", "http-date", "--flaky", "--seed", "--latency",
                             "--drop-after", "--stall-after", "--signed-ttl", "--ignore-range", "If-Range", "--bandwidth",
                             "POST /_sandbox/keys", "DELETE /_sandbox/keys/{key}", "GET /_sandbox/keys",
                             "early_requests", "revoked_key_requests_after_401", "bad_key_requests_after_401"})
        QVERIFY2(help.text.contains(QLatin1String(text)), text);
}

void TstSandboxFaults::keysAddedAndRevokedAtRunTime()
{
    const SandboxServer* server = startServer();
    QVERIFY(server);
    const QString key = QStringLiteral("fm_0123456789abcdef0123456789abcdef");
    const QUrl files = api(server, QStringLiteral("/files"));
    QCOMPARE(send(files, keyHeader(key)).status, 401);

    const SandboxResponse added = send(root(server, QStringLiteral("/_sandbox/keys")), {}, "POST", keyBody(key));
    QCOMPARE(added.status, 201);
    QCOMPARE(added.json().value(QStringLiteral("key")).toString(), QStringLiteral("fm_0123") + QChar(0x2026) + QStringLiteral("cdef"));
    QVERIFY(!added.body.contains(key.toLatin1()));
    QCOMPARE(send(files, keyHeader(key)).status, 200);
    QCOMPARE(send(files, {{"Authorization", "Bearer " + key.toLatin1()}}).status, 200);

    const SandboxResponse listed = send(root(server, QStringLiteral("/_sandbox/keys")));
    QCOMPARE(listed.status, 200);
    const QJsonArray keys = listed.json().value(QStringLiteral("keys")).toArray();
    QCOMPARE(keys.size(), 2); // the default key and the new one
    QVERIFY(!listed.body.contains(key.toLatin1()));
    QVERIFY(!listed.body.contains(defaultKey().toLatin1()));
    QCOMPARE(keys.at(1).toString(), added.json().value(QStringLiteral("key")).toString());

    const SandboxResponse revoked = send(root(server, QStringLiteral("/_sandbox/keys/") + key), {}, "DELETE");
    QCOMPARE(revoked.status, 204);
    QVERIFY(revoked.body.isEmpty());
    const SandboxResponse refused = send(files, keyHeader(key));
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.errorCode(), QStringLiteral("invalid_token"));
    QCOMPARE(send(files, keyHeader()).status, 200); // the other key is untouched
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/keys/") + key), {}, "DELETE").status, 404);
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/keys"))).json().value(QStringLiteral("keys")).toArray().size(), 1);

    // Control requests are not API traffic: the stats only know the /v1 ones.
    const QJsonObject requests = server->stats().value(QStringLiteral("requests")).toObject();
    QCOMPARE(requests.keys(), QStringList{QStringLiteral("GET /v1/files")});
}

void TstSandboxFaults::requestsAfter401AreCounted()
{
    const SandboxServer* server = startServer();
    QVERIFY(server);
    const QString key = QStringLiteral("fm_feedfacefeedfacefeedfacefeedface");
    const QUrl files = api(server, QStringLiteral("/files"));
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/keys")), {}, "POST", keyBody(key)).status, 201);
    QCOMPARE(send(files, keyHeader(key)).status, 200);
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/keys/") + key), {}, "DELETE").status, 204);

    QCOMPARE(send(files, keyHeader(key)).status, 401); // the first 401: what a client needs to see
    QCOMPARE(stat(server, "revoked_key_requests_after_401"), 0);
    QCOMPARE(stat(server, "bad_key_requests_after_401"), 0);
    send(files, keyHeader(key));
    send(api(server, QStringLiteral("/files?key=") + key)); // however the key comes
    QCOMPARE(stat(server, "revoked_key_requests_after_401"), 2);
    QCOMPARE(stat(server, "bad_key_requests_after_401"), 2);

    const QString unknown = QStringLiteral("fm_00000000000000000000000000000000");
    QCOMPARE(send(files, keyHeader(unknown)).status, 401);
    QCOMPARE(stat(server, "bad_key_requests_after_401"), 2);
    send(api(server, QStringLiteral("/fetch")), keyHeader(unknown), "POST", "{}");
    QCOMPARE(stat(server, "bad_key_requests_after_401"), 3);
    QCOMPARE(stat(server, "revoked_key_requests_after_401"), 2);
    send(files); // no key at all is not a key that was refused
    send(files);
    QCOMPARE(stat(server, "bad_key_requests_after_401"), 3);

    // Accepted again: its requests are fine, and a later revocation starts afresh.
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/keys")), {}, "POST", keyBody(key)).status, 201);
    QCOMPARE(send(files, keyHeader(key)).status, 200);
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/keys/") + key), {}, "DELETE").status, 204);
    QCOMPARE(send(files, keyHeader(key)).status, 401);
    QCOMPARE(stat(server, "revoked_key_requests_after_401"), 2);
    const SandboxResponse viaHttp = send(root(server, QStringLiteral("/_sandbox/stats")));
    QCOMPARE(viaHttp.json().value(QStringLiteral("revoked_key_requests_after_401")).toInt(), 2);
    QCOMPARE(viaHttp.json().value(QStringLiteral("bad_key_requests_after_401")).toInt(), 3);
}

void TstSandboxFaults::keyControlValidation()
{
    const SandboxServer* server = startServer();
    QVERIFY(server);
    const QUrl keys = root(server, QStringLiteral("/_sandbox/keys"));
    QCOMPARE(send(keys, {}, "POST", "not json").status, 400);
    QCOMPARE(send(keys, {}, "POST", keyBody(QString())).status, 422);
    QCOMPARE(send(keys, {}, "POST", keyBody(QStringLiteral("fm_a b"))).status, 422);
    QCOMPARE(send(keys, {}, "POST", QJsonDocument(QJsonObject{{QStringLiteral("key"), 42}}).toJson()).status, 422);
    QCOMPARE(send(keys, {}, "POST", keyBody(QString(300, QLatin1Char('a')))).status, 422);
    QCOMPARE(send(keys, {}, "PUT", keyBody(QStringLiteral("fm_1"))).status, 405);
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/nothing"))).status, 404);
    QCOMPARE(send(keys).json().value(QStringLiteral("keys")).toArray().size(), 1);
}

void TstSandboxFaults::requestLogNeverShowsKeysOrSignatures()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    SandboxServer* server = startServer(options, true);
    QVERIFY(server);
    const QString key = QStringLiteral("fm_5ec7e75ec7e75ec7e75ec7e75ec7e75e");
    capturedLog.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    send(root(server, QStringLiteral("/_sandbox/keys")), {}, "POST", keyBody(key));
    send(root(server, QStringLiteral("/_sandbox/keys")));
    const QUrl location = m_client->signedUrlFor(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    send(location);
    send(location, keyHeader(key)); // a leak, logged as such, without the key
    send(root(server, QStringLiteral("/_sandbox/keys/") + key), {}, "DELETE");
    send(api(server, QStringLiteral("/files?key=") + key));
    send(api(server, QStringLiteral("/files")), {{"Authorization", "Bearer " + key.toLatin1()}});
    send(api(server, QStringLiteral("/files")), keyHeader(QStringLiteral("fm_wrongwrongwrongwrongwrong")));
    qInstallMessageHandler(previous);

    const QString log = capturedLog.join(QLatin1Char('\n'));
    QVERIFY2(capturedLog.size() >= 11, qPrintable(log));
    QVERIFY2(log.contains(QLatin1String("DELETE /_sandbox/keys/fm_5ec7")), qPrintable(log));
    QVERIFY(log.contains(QLatin1String("credentials=LEAKED")));
    for (const QString& secret : {key, defaultKey(), QStringLiteral("fm_wrongwrongwrongwrongwrong"),
                                  QUrlQuery(location).queryItemValue(QStringLiteral("sig"))}) {
        QVERIFY(!secret.isEmpty());
        QVERIFY2(!log.contains(secret), qPrintable(secret.left(5)));
    }
}

void TstSandboxFaults::retryAfterFormats_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("seconds") << int(RetryAfterFormat::Seconds);
    QTest::newRow("http-date") << int(RetryAfterFormat::HttpDate);
    QTest::newRow("garbage") << int(RetryAfterFormat::Garbage);
    QTest::newRow("none") << int(RetryAfterFormat::None);
}

void TstSandboxFaults::retryAfterFormats()
{
    QFETCH(int, format);
    SandboxOptions options;
    options.rateLimitCount = 1;
    options.rateLimitSeconds = 60;
    options.retryAfterFormat = RetryAfterFormat(format);
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl files = api(server, QStringLiteral("/files"));
    QCOMPARE(send(files, keyHeader()).status, 200);
    const SandboxResponse limited = send(files, keyHeader());
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.errorCode(), QStringLiteral("rate_limit_exceeded"));
    QCOMPARE(limited.header("X-RateLimit-Remaining"), QByteArrayLiteral("0"));
    const QJsonObject error = limited.errorObject();
    const QByteArray retryAfter = limited.header("Retry-After");

    switch (RetryAfterFormat(format)) {
    case RetryAfterFormat::Seconds:
        QCOMPARE(retryAfter, QByteArrayLiteral("60"));
        QCOMPARE(error.value(QStringLiteral("retry_after")).toInt(), 60);
        QVERIFY(!limited.hasHeader("Date"));
        break;
    case RetryAfterFormat::HttpDate: {
        const QRegularExpression fixdate(QStringLiteral(
            "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
            "\\d{4} \\d\\d:\\d\\d:\\d\\d GMT$"));
        QVERIFY2(fixdate.match(QString::fromLatin1(retryAfter)).hasMatch(), retryAfter.constData());
        const QByteArray date = limited.header("Date");
        QVERIFY2(fixdate.match(QString::fromLatin1(date)).hasMatch(), date.constData());
        const qint64 wait = parseHttpDate(date).secsTo(parseHttpDate(retryAfter));
        QVERIFY2(wait >= 60 && wait <= 61, qPrintable(QString::number(wait)));
        const qint64 skew = QDateTime::currentSecsSinceEpoch() - parseHttpDate(date).toSecsSinceEpoch();
        QVERIFY(skew >= 0 && skew <= 2);
        QVERIFY(!error.contains(QStringLiteral("retry_after")));
        break;
    }
    case RetryAfterFormat::Garbage:
        QCOMPARE(retryAfter, QByteArrayLiteral("soon"));
        QVERIFY(!error.contains(QStringLiteral("retry_after")));
        break;
    case RetryAfterFormat::None:
        QVERIFY(!limited.hasHeader("Retry-After"));
        QVERIFY(!error.contains(QStringLiteral("retry_after")));
        break;
    }
    if (RetryAfterFormat(format) != RetryAfterFormat::Seconds) // the message names no time either
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Too many requests"));
}

void TstSandboxFaults::earlyRequestsCountsComingBackTooSoon()
{
    SandboxOptions options;
    options.rateLimitCount = 1;
    options.rateLimitSeconds = 1;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl files = api(server, QStringLiteral("/files"));
    QCOMPARE(send(files, keyHeader()).status, 200);
    const SandboxResponse limited = send(files, keyHeader());
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArrayLiteral("1"));
    QCOMPARE(stat(server, "early_requests"), 0); // the 429 itself was not early
    QCOMPARE(send(files, keyHeader()).status, 429);   // came straight back
    QCOMPARE(stat(server, "early_requests"), 1);
    QTest::qWait(1100); // what that second 429 asked for
    QCOMPARE(send(files, keyHeader()).status, 200);
    QCOMPARE(stat(server, "early_requests"), 1);

    options.retryAfterFormat = RetryAfterFormat::None; // a 429 that names no time
    const SandboxServer* silent = startServer(options);
    QVERIFY(silent);
    const QUrl silentFiles = api(silent, QStringLiteral("/files"));
    send(silentFiles, keyHeader());
    QCOMPARE(send(silentFiles, keyHeader()).status, 429);
    QCOMPARE(send(silentFiles, keyHeader()).status, 429);
    QCOMPARE(stat(silent, "early_requests"), 0);
}

void TstSandboxFaults::tokenBucketFiveInTen()
{
    // --rate-limit 5/10: capacity 5, one token back every 2 s. Hammered every 100 ms for a
    // minute (a big batch of jobs polling): 5 at once, then exactly 5 per further 10 s.
    RateLimiter limiter(5, 10);
    std::vector<qint64> allowedAt;
    qint64 promisedMs = -1;
    for (qint64 now = 0; now <= 60000; now += 100) {
        const RateLimiter::Decision d = limiter.take(QStringLiteral("k"), now);
        QCOMPARE(d.limit, 5);
        QVERIFY(d.remaining >= 0 && d.remaining <= 4);
        QVERIFY(d.resetSeconds >= 0 && d.resetSeconds <= 10);
        if (d.allowed) {
            // Retry-After is neither early (the token is there) nor more than 1 s late.
            if (promisedMs >= 0)
                QVERIFY2(now <= promisedMs && now > promisedMs - 1000, qPrintable(QString::number(now)));
            promisedMs = -1;
            allowedAt.push_back(now);
        } else {
            QCOMPARE(d.remaining, 0);
            QVERIFY(d.retryAfterSeconds >= 1 && d.retryAfterSeconds <= 2);
            if (promisedMs < 0)
                promisedMs = now + d.retryAfterSeconds * 1000;
        }
    }
    QCOMPARE(allowedAt.size(), size_t(35));
    QCOMPARE(allowedAt.at(4), qint64(400));
    QCOMPARE(allowedAt.at(5), qint64(2000));
    for (qint64 window = 10000; window < 60000; window += 10000) {
        const auto inWindow = std::count_if(allowedAt.begin(), allowedAt.end(),
                                            [window](qint64 t) { return t > window && t <= window + 10000; });
        QCOMPARE(inWindow, 5);
    }

    // Remaining says how many more go through right now; Reset when all 5 are back.
    RateLimiter fresh(5, 10);
    const RateLimiter::Decision first = fresh.take(QStringLiteral("k"), 0);
    QCOMPARE(first.remaining, 4);
    QCOMPARE(first.resetSeconds, 2);
    for (int i = 0; i < 4; ++i)
        QVERIFY(fresh.take(QStringLiteral("k"), 0).allowed);
    const RateLimiter::Decision empty = fresh.take(QStringLiteral("k"), 0);
    QVERIFY(!empty.allowed);
    QCOMPARE(empty.resetSeconds, 10);
    QCOMPARE(empty.retryAfterSeconds, 2);
    const qint64 full = empty.resetSeconds * 1000;
    for (int i = 0; i < 5; ++i)
        QVERIFY(fresh.take(QStringLiteral("k"), full).allowed);
    QVERIFY(!fresh.take(QStringLiteral("k"), full).allowed);
    QVERIFY(fresh.take(QStringLiteral("other"), full).allowed); // per key
}

void TstSandboxFaults::rateLimitHeadersOverHttp()
{
    SandboxOptions options;
    options.rateLimitCount = 5;
    options.rateLimitSeconds = 10;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    for (int i = 0; i < 5; ++i) {
        // Mixed endpoints, as a queue of jobs sends them: every one takes a token.
        const SandboxResponse r = i % 2 == 0
            ? m_client->postFetch(server, QStringLiteral("https://youtu.be/abcdefghij%1").arg(i))
            : send(api(server, QStringLiteral("/files")), keyHeader());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("X-RateLimit-Limit"), QByteArrayLiteral("5"));
        QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray::number(4 - i));
        QCOMPARE(r.header("X-RateLimit-Reset"), QByteArray::number(2 * (i + 1)));
    }
    const SandboxResponse limited = m_client->postFetch(server, QStringLiteral("https://youtu.be/zzzzzzzzzzz"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArrayLiteral("2"));
    QCOMPARE(limited.header("X-RateLimit-Remaining"), QByteArrayLiteral("0"));
    QCOMPARE(limited.header("X-RateLimit-Reset"), QByteArrayLiteral("10"));
    QCOMPARE(stat(server, "fetches_created_total"), 3); // the refused POST created nothing
}

void TstSandboxFaults::flakyIsSeededAndRotates()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    options.flakyShare = 0.5;
    options.seed = 42;
    const auto run = [&](const SandboxServer* server) {
        QList<int> statuses;
        for (int i = 0; i < 40; ++i)
            statuses.append(m_client->postFetch(server, QStringLiteral("https://youtu.be/abcdefghijk")).status);
        return statuses;
    };
    const SandboxServer* first = startServer(options);
    QVERIFY(first);
    const QList<int> statuses = run(first);
    QList<int> failures;
    for (int status : statuses) {
        QVERIFY(status == 200 || status == 500 || status == 502 || status == 503);
        if (status != 200)
            failures.append(status);
    }
    QVERIFY2(failures.size() >= 10 && failures.size() <= 30, qPrintable(QString::number(failures.size())));
    for (qsizetype i = 0; i < failures.size(); ++i)
        QCOMPARE(failures.at(i), (QList<int>{500, 502, 503}).at(i % 3));
    // Before any effect: only the answered POSTs made jobs.
    QCOMPARE(stat(first, "fetches_created_total"), statuses.count(200));
    QCOMPARE(stat(first, "flaky_answers"), failures.size());
    const QJsonObject post = first->stats().value(QStringLiteral("requests")).toObject()
                                 .value(QStringLiteral("POST /v1/fetch")).toObject();
    QCOMPARE(post.value(QStringLiteral("502")).toInt(), failures.count(502));

    const SandboxServer* again = startServer(options);
    QVERIFY(again);
    QCOMPARE(run(again), statuses); // same seed, same run
    options.seed = 43;
    const SandboxServer* other = startServer(options);
    QVERIFY(other);
    QVERIFY(run(other) != statuses);

    // The flaky answer is a proxy page, not the API's JSON.
    options.flakyShare = 1;
    const SandboxServer* always = startServer(options);
    QVERIFY(always);
    const SandboxResponse broken = send(api(always, QStringLiteral("/files")), keyHeader());
    QCOMPARE(broken.status, 500);
    QVERIFY(broken.header("Content-Type").startsWith("text/html"));
    QVERIFY(broken.body.size() < 200);
    QJsonParseError parseError{};
    QJsonDocument::fromJson(broken.body, &parseError);
    QVERIFY(parseError.error != QJsonParseError::NoError);
}

void TstSandboxFaults::flakyNeverTouchesControlEndpoints()
{
    SandboxOptions options;
    options.flakyShare = 1;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(send(root(server, QStringLiteral("/_sandbox/stats"))).status, 200);
        QCOMPARE(send(root(server, QStringLiteral("/_sandbox/keys"))).status, 200);
    }
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/keys")), {}, "POST", keyBody(QStringLiteral("fm_x1234"))).status, 201);
    QCOMPARE(stat(server, "flaky_answers"), 0);
    QVERIFY(send(api(server, QStringLiteral("/files")), keyHeader()).status >= 500);
    QCOMPARE(stat(server, "flaky_answers"), 1);
}

void TstSandboxFaults::latencyDelaysEachAnswerWithoutBlocking()
{
    SandboxOptions options;
    options.latencyMs = 300;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(send(api(server, QStringLiteral("/files")), keyHeader()).status, 200);
    const qint64 one = timer.elapsed();
    QVERIFY2(one >= 300 && one < 2000, qPrintable(QString::number(one)));

    // Three answers at once take one delay, not three; the control endpoint is not delayed
    // and answers while they wait (the event loop is never blocked).
    timer.restart();
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 3; ++i) {
        QNetworkRequest request(api(server, QStringLiteral("/files")));
        request.setRawHeader("X-API-KEY", defaultKey().toLatin1());
        replies.emplace_back(m_client->nam().get(request));
    }
    QCOMPARE(send(root(server, QStringLiteral("/_sandbox/stats"))).status, 200);
    const qint64 control = timer.elapsed();
    QVERIFY2(control < 250, qPrintable(QString::number(control)));
    QVERIFY(!replies.front()->isFinished());
    for (const auto& reply : replies)
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 3000);
    const qint64 three = timer.elapsed();
    QVERIFY2(three >= 300 && three < 900, qPrintable(QString::number(three))); // 900: one after another
    for (const auto& reply : replies)
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    // A client that leaves before its answer does no harm.
    QNetworkRequest request(api(server, QStringLiteral("/files")));
    request.setRawHeader("X-API-KEY", defaultKey().toLatin1());
    std::unique_ptr<QNetworkReply> gone(m_client->nam().get(request));
    QTest::qWait(50);
    gone->abort();
    QTest::qWait(400);
    QCOMPARE(send(api(server, QStringLiteral("/files")), keyHeader()).status, 200);
}

// A line of 4 MiB/s: 2 MiB take at least half a second, and arrive whole.
void TstSandboxFaults::bandwidthCapsEachResponse()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    options.fileBytes = 2 << 20;
    options.bandwidthBytesPerSecond = 4 << 20;
    SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = m_client->signedUrlFor(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    QElapsedTimer clock;
    clock.start();
    const SandboxResponse whole = send(url);
    const qint64 elapsedMs = clock.elapsed();
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body, SandboxServer::payloadBytes(0, 2 << 20));
    QVERIFY2(elapsedMs >= 480, qPrintable(QString::number(elapsedMs))); // 2 MiB at 4 MiB/s, less one chunk
}

void TstSandboxFaults::dropAfterClosesEachResponse()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    options.fileBytes = 500000;
    options.dropAfterBytes = 200000;
    SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = m_client->signedUrlFor(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    QByteArray file;
    int requests = 0;
    while (file.size() < 500000 && requests < 10) {
        ++requests;
        const Headers range = file.isEmpty() ? Headers{} : Headers{{"Range", "bytes=" + QByteArray::number(file.size()) + '-'}};
        const SandboxResponse part = send(url, range);
        QCOMPARE(part.status, file.isEmpty() ? 200 : 206);
        const qint64 left = 500000 - file.size();
        QCOMPARE(part.body.size(), std::min<qint64>(left, 200000));
        // Cut short: the connection closed early. The last piece fits and arrives whole.
        // (QNAM 6.4 does not always report the early close as an error: only the size tells.)
        QCOMPARE(part.header("Content-Length").toLongLong(), left);
        file += part.body;
    }
    QCOMPARE(requests, 3);
    QCOMPARE(file, SandboxServer::payloadBytes(0, 500000));
    // (No exact bytes_served: QNAM sometimes sends a GET cut short once more by itself.)
    QVERIFY(server->stats().value(QStringLiteral("bytes_served")).toInteger() >= 500000);

    // On the wire: the headers, 200000 body bytes, then the server closes the connection.
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), quint16(url.port()));
    QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
    socket.write("GET " + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
                 + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5000);
    const qsizetype headerEnd = received.indexOf("\r\n\r\n");
    QVERIFY(received.startsWith("HTTP/1.1 200"));
    QVERIFY(received.left(headerEnd).contains("Content-Length: 500000"));
    QCOMPARE(received.size() - headerEnd - 4, qsizetype(200000));
}

void TstSandboxFaults::stallAfterKeepsTheSocketOpen()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    options.fileBytes = 300000;
    options.stallAfterBytes = 100000;
    SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = m_client->signedUrlFor(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    for (const qint64 offset : {qint64(0), qint64(150000)}) {
        QNetworkRequest request(url);
        if (offset > 0)
            request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + '-');
        std::unique_ptr<QNetworkReply> reply(m_client->nam().get(request));
        QTRY_COMPARE(reply->bytesAvailable(), qint64(100000)); // counted from this body's start
        QTest::qWait(300); // nothing more arrives, and the connection stays open
        QCOMPARE(reply->bytesAvailable(), qint64(100000));
        QVERIFY(!reply->isFinished());
        QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 300000 - offset);
        QCOMPARE(reply->readAll(), SandboxServer::payloadBytes(offset, 100000));
        reply->abort();
    }
    options.stallAfterBytes = 400000; // beyond the end: the whole file
    const SandboxServer* late = startServer(options);
    QVERIFY(late);
    const SandboxResponse whole = send(m_client->signedUrlFor(late, QStringLiteral("https://youtu.be/abcdefghijk")));
    QCOMPARE(whole.body, SandboxServer::payloadBytes(0, 300000));
}

void TstSandboxFaults::ignoreRangeAnswersWholeFile()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    options.ignoreRange = true;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = m_client->signedUrlFor(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    const QByteArray sample = SandboxServer::sampleMedia();
    for (const QByteArray& range : {QByteArrayLiteral("bytes=100-199"), QByteArrayLiteral("bytes=1000-"),
                                    QByteArray("bytes=" + QByteArray::number(sample.size()) + '-')}) {
        const SandboxResponse response = send(url, {{"Range", range}});
        QCOMPARE(response.status, 200);
        QVERIFY(!response.hasHeader("Content-Range"));
        QCOMPARE(response.header("Accept-Ranges"), QByteArrayLiteral("none"));
        QCOMPARE(response.body, sample);
    }
}

void TstSandboxFaults::etagAndIfRange()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = m_client->signedUrlFor(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    const QByteArray sample = SandboxServer::sampleMedia();
    const SandboxResponse full = send(url);
    const QByteArray etag = full.header("ETag");
    QVERIFY2(QRegularExpression(QStringLiteral("^\"[0-9a-f]{8,}\"$")).match(QString::fromLatin1(etag)).hasMatch(),
             etag.constData());
    QCOMPARE(send(url, {}, "HEAD").header("ETag"), etag);
    QCOMPARE(send(url, {{"Range", "bytes=10-19"}}).header("ETag"), etag);
    const QUrl otherFile = m_client->signedUrlFor(server, QStringLiteral("https://youtu.be/zzzzzzzzzzz"));
    QVERIFY(send(otherFile).header("ETag") != etag);

    const SandboxResponse same = send(url, {{"Range", "bytes=10-19"}, {"If-Range", etag}});
    QCOMPARE(same.status, 206);
    QCOMPARE(same.body, sample.mid(10, 10));
    const QList<QByteArray> stale{QByteArrayLiteral("\"0123456789abcdef0123\""), QByteArray("W/" + etag),
                                  QByteArrayLiteral("Sun, 06 Nov 1994 08:49:37 GMT")};
    for (const QByteArray& ifRange : stale) {
        const SandboxResponse changed = send(url, {{"Range", "bytes=10-19"}, {"If-Range", ifRange}});
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.body, sample);
    }
}

QTEST_GUILESS_MAIN(TstSandboxFaults)
#include "tst_sandbox_faults.moc"
