// The sandbox against a plain QNetworkAccessManager (never the client core: the two must stay
// independent implementations of the contract), in-process on 127.0.0.1 with free ports.

#include "app/sandbox/sandboxoptions.h"
#include "app/sandbox/sandboxserver.h"
#include "app/sandbox/sourceinfo.h"
#include "tests/integration/sandboxtestclient.h"

#include "fetchmedia_version.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QtTest>

#include <memory>
#include <vector>

using namespace fetchmedia::sandbox;
using namespace fetchmedia::sandbox::test;

namespace {

using Response = SandboxResponse;

QStringList capturedLog;

void captureMessage(QtMsgType, const QMessageLogContext&, const QString& message)
{
    capturedLog.append(message);
}

} // namespace

class TstSandbox final : public QObject {
    Q_OBJECT

private slots:
    void init() { m_client = std::make_unique<SandboxTestClient>(); }
    void cleanup()
    {
        m_client.reset();
        m_servers.clear();
    }

    void auth_data();
    void auth();
    void validationUsesFlatShape_data();
    void validationUsesFlatShape();
    void unknownIdsAndPathsAre404();
    void lifecycleGoesPendingRunningSuccess();
    void downloadRedirectsToSignedStorageUrl();
    void signedDownloadServesSampleMedia();
    void fileBytesModeServesPayload();
    void rangeRequests();
    void tamperedOrExpiredSignatureIs403();
    void rateLimitAnswers429WithHeaders();
    void failureTriggers_data();
    void failureTriggers();
    void http500AndMalformedTriggers();
    void stallTriggerStopsHalfway();
    void storageCountsLeakedCredentials();
    void idempotencyKeyReturnsSameFetch();
    void metadataIsSynchronous();
    void statsEndpointMatchesStats();
    void requestLogRedactsSecrets();
    void fileNameRule_data();
    void fileNameRule();
    void commandLine_data();
    void commandLine();

private:
    SandboxServer* startServer(SandboxOptions options = {})
    {
        options.logRequests = false;
        auto server = std::make_unique<SandboxServer>(std::move(options));
        if (!server->start())
            return nullptr;
        m_servers.push_back(std::move(server));
        return m_servers.back().get();
    }

    static QUrl apiUrl(const SandboxServer* server, const QString& pathAndQuery)
    {
        return SandboxTestClient::apiUrl(server, pathAndQuery);
    }
    Response send(const QUrl& url, const Headers& headers = {}, const QByteArray& verb = "GET",
                  const QByteArray& body = {})
    {
        return m_client->send(url, headers, verb, body);
    }
    Response postFetch(const SandboxServer* server, const QString& url, const Headers& extra = {})
    {
        return m_client->postFetch(server, url, extra);
    }
    QUrl signedUrlFor(const SandboxServer* server, const QString& url)
    {
        return m_client->signedUrlFor(server, url);
    }

    std::unique_ptr<SandboxTestClient> m_client;
    std::vector<std::unique_ptr<SandboxServer>> m_servers;
};

void TstSandbox::auth_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("status");
    const QByteArray key = defaultKey().toLatin1();
    const QString keyQuery = QStringLiteral("&key=") + defaultKey();
    QTest::newRow("header") << QString() << Headers{{"X-API-KEY", key}} << 200;
    QTest::newRow("bearer") << QString() << Headers{{"Authorization", "Bearer " + key}} << 200;
    QTest::newRow("query") << keyQuery << Headers{} << 200;
    QTest::newRow("missing") << QString() << Headers{} << 401;
    QTest::newRow("wrong header") << QString() << Headers{{"X-API-KEY", "fm_0000"}} << 401;
    QTest::newRow("wrong bearer") << QString() << Headers{{"Authorization", "Bearer fm_0000"}} << 401;
    QTest::newRow("wrong query") << QStringLiteral("&key=fm_0000") << Headers{} << 401;
    QTest::newRow("basic scheme") << QString() << Headers{{"Authorization", "Basic " + key}} << 401;
    // Precedence X-API-KEY > Bearer > ?key=: the first present decides.
    QTest::newRow("wrong header beats good query") << keyQuery << Headers{{"X-API-KEY", "fm_0"}} << 401;
    QTest::newRow("good header beats wrong bearer")
        << QString() << Headers{{"X-API-KEY", key}, {"Authorization", "Bearer fm_0"}} << 200;
    QTest::newRow("wrong bearer beats good query") << keyQuery << Headers{{"Authorization", "Bearer x"}} << 401;
}

void TstSandbox::auth()
{
    QFETCH(QString, query);
    QFETCH(Headers, headers);
    QFETCH(int, status);
    const SandboxServer* server = startServer();
    QVERIFY(server);
    const Response response = send(apiUrl(server, QStringLiteral("/files?limit=1") + query), headers);
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Content-Type"), QByteArrayLiteral("application/json"));
    QVERIFY(!QUuid::fromString(QString::fromLatin1(response.header("X-Request-Id"))).isNull());
    if (status == 200) {
        QCOMPARE(response.json(), (QJsonObject{{QStringLiteral("data"), QJsonArray()},
                                               {QStringLiteral("page"), 1}, {QStringLiteral("limit"), 1},
                                               {QStringLiteral("total"), 0},
                                               {QStringLiteral("has_more"), false}}));
    } else {
        const QJsonObject error = response.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_token"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Invalid or expired API key"));
    }
}

void TstSandbox::validationUsesFlatShape_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("not a url") << QByteArray(R"({"url":"not a url"})") << 422 << QStringLiteral("Invalid URL");
    QTest::newRow("ftp") << QByteArray(R"({"url":"ftp://example.com/a.mp4"})") << 422 << QStringLiteral("Invalid URL");
    QTest::newRow("no host") << QByteArray(R"({"url":"https:///path"})") << 422 << QStringLiteral("Invalid URL");
    QTest::newRow("missing") << QByteArray(R"({"webhook":"https://example.org/h"})") << 422 << QStringLiteral("Invalid URL");
    QTest::newRow("number") << QByteArray(R"({"url":42})") << 422 << QStringLiteral("Invalid URL");
    QTest::newRow("malformed json") << QByteArray(R"({"url": "https://youtu.be/x)") << 400
                                    << QStringLiteral("Malformed JSON body");
}

void TstSandbox::validationUsesFlatShape()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, message);
    const SandboxServer* server = startServer();
    QVERIFY(server);
    const Response response = send(apiUrl(server, QStringLiteral("/fetch")), keyHeader(), "POST", body);
    QCOMPARE(response.status, status);
    const QJsonObject json = response.json();
    QCOMPARE(json.value(QStringLiteral("error")).toString(),
             status == 422 ? QStringLiteral("Unprocessable Entity") : QStringLiteral("Bad Request"));
    QCOMPARE(json.value(QStringLiteral("message")).toString(), message);
    QCOMPARE(json.value(QStringLiteral("code")).toInt(), status);
    const QJsonArray details = json.value(QStringLiteral("details")).toArray();
    QVERIFY(!details.isEmpty());
    QVERIFY(details.first().isString());
    if (status == 422)
        QVERIFY(details.first().toString().startsWith(QLatin1String("url: ")));
    QCOMPARE(server->stats().value(QStringLiteral("fetches_created_total")).toInt(), 0);
}

void TstSandbox::unknownIdsAndPathsAre404()
{
    const SandboxServer* server = startServer();
    QVERIFY(server);
    const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QStringList paths{QStringLiteral("/fetch/") + unknown,
                            QStringLiteral("/fetch/") + unknown + QStringLiteral("/output.mp4"),
                            QStringLiteral("/nothing-here")};
    for (const QString& path : paths) {
        const Response response = send(apiUrl(server, path), keyHeader());
        QCOMPARE(response.status, 404);
        QCOMPARE(response.errorCode(), QStringLiteral("not_found"));
    }
    const Response outside = send(QUrl(server->storageBaseUrl().toString() + QStringLiteral("/elsewhere")));
    QCOMPARE(outside.status, 404);
    const QUrl root(server->apiBaseUrl().resolved(QUrl(QStringLiteral("/robots.txt"))));
    QCOMPARE(send(root).errorCode(), QStringLiteral("not_found"));
}

void TstSandbox::lifecycleGoesPendingRunningSuccess()
{
    SandboxOptions options;
    options.jobSeconds = 1;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QString source = QStringLiteral("https://www.tiktok.com/@someone/video/7000000000000000001");
    const Response created = postFetch(server, source);
    QCOMPARE(created.status, 200);
    const QString id = created.json().value(QStringLiteral("fetch_id")).toString();
    QVERIFY(!QUuid::fromString(id).isNull());
    QCOMPARE(created.json().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(created.json().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

    const QUrl statusUrl = apiUrl(server, QStringLiteral("/fetch/") + id);
    const QJsonObject pending = send(statusUrl, keyHeader()).json();
    QCOMPARE(pending.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QVERIFY(pending.value(QStringLiteral("download_url")).isNull());
    QVERIFY(pending.value(QStringLiteral("error")).isNull());
    QCOMPARE(pending.value(QStringLiteral("url")).toString(), source);
    const QUrl fileUrl = apiUrl(server, QStringLiteral("/fetch/%1/tiktok-7000000000000000001.mp4").arg(id));
    const Response early = send(fileUrl, keyHeader());
    QCOMPARE(early.status, 409);
    QCOMPARE(early.errorCode(), QStringLiteral("not_ready"));

    const auto status = [&] { return send(statusUrl, keyHeader()).json().value(QStringLiteral("status")).toString(); };
    QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("running"), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("success"), 2000);
    const QJsonObject done = send(statusUrl, keyHeader()).json();
    QCOMPARE(done.value(QStringLiteral("download_url")).toString(), fileUrl.toString());
    QVERIFY(done.value(QStringLiteral("error")).isNull());
}

void TstSandbox::downloadRedirectsToSignedStorageUrl()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QString id = postFetch(server, QStringLiteral("https://youtu.be/abcdefghijk"))
                           .json().value(QStringLiteral("fetch_id")).toString();
    const Response redirect = send(apiUrl(server, QStringLiteral("/fetch/%1/youtube-abcdefghijk.mp4").arg(id)), keyHeader());
    QCOMPARE(redirect.status, 302);
    QVERIFY(redirect.body.isEmpty());
    const QUrl location(QString::fromUtf8(redirect.header("Location")));
    QCOMPARE(location.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(location.port() != server->apiBaseUrl().port()); // another origin
    QCOMPARE(location.port(), server->storageBaseUrl().port());
    QCOMPARE(location.path(), QStringLiteral("/f/%1/youtube-abcdefghijk.mp4").arg(id));
    const QUrlQuery query(location);
    QVERIFY(query.queryItemValue(QStringLiteral("expires")).toLongLong() > QDateTime::currentSecsSinceEpoch() + 800);
    QCOMPARE(query.queryItemValue(QStringLiteral("sig")).size(), 64);
    QVERIFY(!location.toString().contains(defaultKey()));
}

void TstSandbox::signedDownloadServesSampleMedia()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = signedUrlFor(server, QStringLiteral("https://vimeo.com/76979871"));
    QVERIFY(url.isValid());
    const Response download = send(url);
    QCOMPARE(download.status, 200);
    const QByteArray sample = SandboxServer::sampleMedia();
    QVERIFY(sample.size() > 10000);
    QCOMPARE(sample.mid(4, 4), QByteArrayLiteral("ftyp")); // an MP4
    QCOMPARE(download.body, sample);
    QCOMPARE(download.header("Content-Type"), QByteArrayLiteral("video/mp4"));
    QCOMPARE(download.header("Content-Length").toLongLong(), sample.size());
    QCOMPARE(download.header("Accept-Ranges"), QByteArrayLiteral("bytes"));
    QCOMPARE(download.header("Content-Disposition"), QByteArrayLiteral("attachment; filename=\"vimeo-76979871.mp4\""));
    const QJsonObject stats = server->stats();
    QCOMPARE(stats.value(QStringLiteral("downloads_served")).toInt(), 1);
    QCOMPARE(stats.value(QStringLiteral("bytes_served")).toInteger(), sample.size());
}

void TstSandbox::fileBytesModeServesPayload()
{
    QCOMPARE(SandboxServer::payloadBytes(1000, 37), SandboxServer::payloadBytes(0, 1037).mid(1000));
    QVERIFY(SandboxServer::payloadBytes(0, 64) != SandboxServer::payloadBytes(64, 64));
    SandboxOptions options;
    options.jobSeconds = 0;
    options.fileBytes = 300001; // not a multiple of any chunk size
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const Response download = send(signedUrlFor(server, QStringLiteral("https://x.com/a/status/1234567890")));
    QCOMPARE(download.status, 200);
    QCOMPARE(download.body.size(), 300001);
    QCOMPARE(download.body, SandboxServer::payloadBytes(0, 300001));
}

void TstSandbox::rangeRequests()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = signedUrlFor(server, QStringLiteral("https://www.instagram.com/reel/Cabc123/"));
    const QByteArray sample = SandboxServer::sampleMedia();
    const QByteArray total = QByteArray::number(sample.size());

    const Response middle = send(url, {{"Range", "bytes=100-199"}});
    QCOMPARE(middle.status, 206);
    QCOMPARE(middle.header("Content-Range"), "bytes 100-199/" + total);
    QCOMPARE(middle.body, sample.mid(100, 100));

    const Response tail = send(url, {{"Range", "bytes=1000-"}});
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.header("Content-Range"), "bytes 1000-" + QByteArray::number(sample.size() - 1) + '/' + total);
    QCOMPARE(tail.body, sample.mid(1000));

    const Response beyond = send(url, {{"Range", "bytes=" + total + '-'}});
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("Content-Range"), "bytes */" + total);
}

void TstSandbox::tamperedOrExpiredSignatureIs403()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = signedUrlFor(server, QStringLiteral("https://www.reddit.com/r/v/comments/abc123/x/"));
    QCOMPARE(send(url).status, 200);

    QUrlQuery query(url);
    QString sig = query.queryItemValue(QStringLiteral("sig"));
    sig[0] = sig.at(0) == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    query.removeQueryItem(QStringLiteral("sig"));
    query.addQueryItem(QStringLiteral("sig"), sig);
    QUrl tampered = url;
    tampered.setQuery(query);
    const Response badSig = send(tampered);
    QCOMPARE(badSig.status, 403);
    QCOMPARE(badSig.errorCode(), QStringLiteral("signature_invalid"));

    QUrlQuery longer(url); // a later expiry with the old signature
    const qint64 expires = longer.queryItemValue(QStringLiteral("expires")).toLongLong();
    longer.removeQueryItem(QStringLiteral("expires"));
    longer.addQueryItem(QStringLiteral("expires"), QString::number(expires + 3600));
    QUrl extended = url;
    extended.setQuery(longer);
    QCOMPARE(send(extended).status, 403);

    SandboxOptions expiring = options;
    expiring.signedUrlSeconds = 0; // born expired
    const SandboxServer* expiredServer = startServer(expiring);
    QVERIFY(expiredServer);
    const Response expired = send(signedUrlFor(expiredServer, QStringLiteral("https://youtu.be/abcdefghijk")));
    QCOMPARE(expired.status, 403);
    QCOMPARE(expired.errorCode(), QStringLiteral("signature_expired"));
}

void TstSandbox::rateLimitAnswers429WithHeaders()
{
    SandboxOptions options;
    options.rateLimitCount = 2;
    options.rateLimitSeconds = 60;
    options.keys = {QStringLiteral("fm_aaaa"), QStringLiteral("fm_bbbb")};
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = apiUrl(server, QStringLiteral("/files"));
    const Headers a{{"X-API-KEY", "fm_aaaa"}};
    const Response first = send(url, a);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("X-RateLimit-Limit"), QByteArrayLiteral("2"));
    QCOMPARE(first.header("X-RateLimit-Remaining"), QByteArrayLiteral("1"));
    QCOMPARE(first.header("X-RateLimit-Reset"), QByteArrayLiteral("30"));
    QCOMPARE(send(url, a).header("X-RateLimit-Remaining"), QByteArrayLiteral("0"));

    const Response limited = send(url, a);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArrayLiteral("30"));
    QCOMPARE(limited.header("X-RateLimit-Remaining"), QByteArrayLiteral("0"));
    const QJsonObject error = limited.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("rate_limit_exceeded"));
    QCOMPARE(error.value(QStringLiteral("retry_after")).toInt(), 30);
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Too many requests. Retry after 30 seconds"));
    QCOMPARE(send(url, {{"X-API-KEY", "fm_bbbb"}}).status, 200); // buckets are per key
}

void TstSandbox::failureTriggers_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("unsupported host") << QStringLiteral("https://example.com/watch?v=1") << QStringLiteral("failed") << QStringLiteral("Unsupported URL");
    QTest::newRow("lookalike host") << QStringLiteral("https://notyoutube.com/watch?v=1") << QStringLiteral("failed") << QStringLiteral("Unsupported URL");
    QTest::newRow("fail") << QStringLiteral("https://www.youtube.com/watch?v=abc&fm_sandbox=fail") << QStringLiteral("failed")
                          << QStringLiteral("Video unavailable: it may be private or removed");
    QTest::newRow("expired short link") << QStringLiteral("https://vm.tiktok.com/ZSexpired/") << QStringLiteral("failed") << QStringLiteral("Video not found");
    QTest::newRow("stuck") << QStringLiteral("https://fb.watch/abc/?fm_sandbox=stuck") << QStringLiteral("running") << QString();
    QTest::newRow("direct media") << QStringLiteral("https://cdn.example.com/clip.mp4") << QStringLiteral("success") << QString();
}

void TstSandbox::failureTriggers()
{
    QFETCH(QString, url);
    QFETCH(QString, status);
    QFETCH(QString, error);
    SandboxOptions options;
    options.jobSeconds = 0; // terminal at once (except stuck)
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const Response created = postFetch(server, url);
    QCOMPARE(created.status, 200); // job-level failures are not HTTP errors
    const QString id = created.json().value(QStringLiteral("fetch_id")).toString();
    const QJsonObject job = send(apiUrl(server, QStringLiteral("/fetch/") + id), keyHeader()).json();
    QCOMPARE(job.value(QStringLiteral("status")).toString(), status);
    if (error.isEmpty())
        QVERIFY(job.value(QStringLiteral("error")).isNull());
    else
        QCOMPARE(job.value(QStringLiteral("error")).toString(), error);
    QCOMPARE(job.value(QStringLiteral("download_url")).isNull(), status != QLatin1String("success"));
}

void TstSandbox::http500AndMalformedTriggers()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const Response broken = postFetch(server, QStringLiteral("https://youtu.be/abc?fm_sandbox=http500"));
    QCOMPARE(broken.status, 500);
    QVERIFY(broken.header("Content-Type").startsWith("text/html"));
    QJsonParseError parseError{};
    QJsonDocument::fromJson(broken.body, &parseError);
    QVERIFY(parseError.error != QJsonParseError::NoError);
    QCOMPARE(server->stats().value(QStringLiteral("fetches_created_total")).toInt(), 0);

    const Response created = postFetch(server, QStringLiteral("https://youtu.be/abc?fm_sandbox=malformed"));
    QCOMPARE(created.status, 200);
    const Response status = send(apiUrl(server, QStringLiteral("/fetch/") + created.json().value(QStringLiteral("fetch_id")).toString()), keyHeader());
    QCOMPARE(status.status, 200);
    QCOMPARE(status.header("Content-Type"), QByteArrayLiteral("application/json"));
    QJsonDocument::fromJson(status.body, &parseError);
    QVERIFY(parseError.error != QJsonParseError::NoError);
}

void TstSandbox::stallTriggerStopsHalfway()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    QNetworkRequest request(signedUrlFor(server, QStringLiteral("https://youtu.be/abcdefghijk?fm_sandbox=stall")));
    std::unique_ptr<QNetworkReply> reply(m_client->nam().get(request));
    const qint64 total = SandboxServer::sampleMedia().size();
    QTRY_COMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), total);
    QTRY_COMPARE(reply->bytesAvailable(), total / 2);
    QTest::qWait(300); // nothing more arrives, and the connection stays open
    QCOMPARE(reply->bytesAvailable(), total / 2);
    QVERIFY(!reply->isFinished());
    QCOMPARE(reply->readAll(), SandboxServer::sampleMedia().left(total / 2));
    reply->abort();
}

void TstSandbox::storageCountsLeakedCredentials()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    const SandboxServer* server = startServer(options);
    QVERIFY(server);
    const QUrl url = signedUrlFor(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    QCOMPARE(send(url).status, 200);
    QCOMPARE(server->stats().value(QStringLiteral("leaked_credentials")).toInt(), 0);
    QCOMPARE(send(url, keyHeader()).status, 200); // served anyway, but counted
    QCOMPARE(server->stats().value(QStringLiteral("leaked_credentials")).toInt(), 1);
    send(url, {{"Authorization", "Bearer " + defaultKey().toLatin1()}});
    QUrl withKey = url;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("key"), defaultKey());
    withKey.setQuery(query);
    send(withKey);
    const QJsonObject stats = server->stats();
    QCOMPARE(stats.value(QStringLiteral("leaked_credentials")).toInt(), 3);
    QCOMPARE(stats.value(QStringLiteral("storage_requests")).toObject().value(QStringLiteral("total")).toInt(), 4);
}

void TstSandbox::idempotencyKeyReturnsSameFetch()
{
    const SandboxServer* server = startServer();
    QVERIFY(server);
    const QString url = QStringLiteral("https://www.youtube.com/watch?v=abcdEFGhijk");
    const Headers idem{{"Idempotency-Key", "job-1"}};
    const Response first = postFetch(server, url, idem);
    const Response again = postFetch(server, url, idem);
    QCOMPARE(first.status, 200);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json().value(QStringLiteral("fetch_id")), first.json().value(QStringLiteral("fetch_id")));
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArrayLiteral("true"));
    const Response other = postFetch(server, url, {{"Idempotency-Key", "job-2"}});
    QVERIFY(other.json().value(QStringLiteral("fetch_id")) != first.json().value(QStringLiteral("fetch_id")));
    const Response conflict = postFetch(server, QStringLiteral("https://youtu.be/zzzzzzzzzzz"), idem);
    QCOMPARE(conflict.status, 409);
    QCOMPARE(conflict.errorCode(), QStringLiteral("idempotency_conflict"));
    QCOMPARE(server->stats().value(QStringLiteral("fetches_created")).toObject().value(url).toInt(), 2);
}

void TstSandbox::metadataIsSynchronous()
{
    const SandboxServer* server = startServer();
    QVERIFY(server);
    const QString url = QStringLiteral("https://www.tiktok.com/@a/video/7000000000000000001");
    const Response viaGet = send(apiUrl(server, QStringLiteral("/fetch/metadata?url=") + QString::fromLatin1(QUrl::toPercentEncoding(url))), keyHeader());
    QCOMPARE(viaGet.status, 200);
    const QJsonObject meta = viaGet.json();
    QCOMPARE(meta.value(QStringLiteral("url")).toString(), url);
    QCOMPARE(meta.value(QStringLiteral("platform")).toString(), QStringLiteral("tiktok"));
    for (const char* field : {"title", "description", "duration", "thumbnail", "uploader", "width", "height"})
        QVERIFY2(meta.contains(QLatin1String(field)), field);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("url"), url}}).toJson();
    const Response viaPost = send(apiUrl(server, QStringLiteral("/fetch/metadata")), keyHeader(), "POST", body);
    QCOMPARE(viaPost.json(), meta);
    QCOMPARE(send(apiUrl(server, QStringLiteral("/fetch/metadata")), keyHeader()).status, 422);
    QCOMPARE(send(apiUrl(server, QStringLiteral("/fetch/metadata")), keyHeader(), "POST", "{}").status, 422);
    QCOMPARE(server->stats().value(QStringLiteral("fetches_created_total")).toInt(), 0);
}

void TstSandbox::statsEndpointMatchesStats()
{
    const SandboxServer* server = startServer();
    QVERIFY(server);
    postFetch(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    postFetch(server, QStringLiteral("https://youtu.be/abcdefghijk"));
    send(apiUrl(server, QStringLiteral("/fetch")), keyHeader(), "POST", R"({"url":"nope"})");
    send(apiUrl(server, QStringLiteral("/fetch")), {}, "POST", "{}");
    const Response viaHttp = send(server->apiBaseUrl().resolved(QUrl(QStringLiteral("/_sandbox/stats")))); // no key needed
    QCOMPARE(viaHttp.status, 200);
    const QJsonObject stats = viaHttp.json();
    QCOMPARE(stats, server->stats());
    const QJsonObject fetch = stats.value(QStringLiteral("requests")).toObject().value(QStringLiteral("POST /v1/fetch")).toObject();
    QCOMPARE(fetch, (QJsonObject{{QStringLiteral("200"), 2}, {QStringLiteral("401"), 1}, {QStringLiteral("422"), 1}}));
    QCOMPARE(stats.value(QStringLiteral("fetches_created")).toObject().value(QStringLiteral("https://youtu.be/abcdefghijk")).toInt(), 2);
    QCOMPARE(stats.value(QStringLiteral("leaked_credentials")).toInt(), 0);
}

void TstSandbox::requestLogRedactsSecrets()
{
    SandboxOptions options;
    options.jobSeconds = 0;
    options.logRequests = true;
    auto server = std::make_unique<SandboxServer>(options);
    QVERIFY(server->start());
    capturedLog.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    const QString id = postFetch(server.get(), QStringLiteral("https://youtu.be/abcdefghijk")).json().value(QStringLiteral("fetch_id")).toString();
    send(apiUrl(server.get(), QStringLiteral("/fetch/%1?key=%2").arg(id, defaultKey())));
    const Response redirect = send(apiUrl(server.get(), QStringLiteral("/fetch/%1/youtube-abcdefghijk.mp4").arg(id)),
                                   {{"Authorization", "Bearer " + defaultKey().toLatin1()}});
    const QUrl location(QString::fromUtf8(redirect.header("Location")));
    send(location);
    qInstallMessageHandler(previous);

    const QString log = capturedLog.join(QLatin1Char('\n'));
    QCOMPARE(capturedLog.size(), 4);
    QVERIFY2(log.contains(QLatin1String("POST /v1/fetch -> 200 auth=header")), qPrintable(log));
    QVERIFY(log.contains(QLatin1String("auth=query")));
    QVERIFY(log.contains(QLatin1String("auth=bearer")));
    QVERIFY(log.contains(QLatin1String("storage GET /f/")));
    QVERIFY(!log.contains(defaultKey()));
    QVERIFY(!log.contains(QUrlQuery(location).queryItemValue(QStringLiteral("sig"))));
}

void TstSandbox::fileNameRule_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("fileName");
    QTest::newRow("tiktok") << QStringLiteral("https://www.tiktok.com/@a/video/7000000000000000001?lang=en") << QStringLiteral("tiktok-7000000000000000001.mp4");
    QTest::newRow("tiktok short") << QStringLiteral("https://vm.tiktok.com/ZSabc123/") << QStringLiteral("tiktok-ZSabc123.mp4");
    QTest::newRow("youtube watch") << QStringLiteral("https://m.youtube.com/watch?v=abcdEFGhijk") << QStringLiteral("youtube-abcdEFGhijk.mp4");
    QTest::newRow("youtube shorts") << QStringLiteral("https://www.youtube.com/shorts/abcdEFGhijk") << QStringLiteral("youtube-abcdEFGhijk.mp4");
    QTest::newRow("x") << QStringLiteral("https://twitter.com/u/status/1234567890123") << QStringLiteral("x-1234567890123.mp4");
    QTest::newRow("instagram") << QStringLiteral("https://www.instagram.com/reel/C1a2B3c4D5e/") << QStringLiteral("instagram-C1a2B3c4D5e.mp4");
    QTest::newRow("no id") << QStringLiteral("https://www.instagram.com/someone/") << QStringLiteral("output.mp4");
    QTest::newRow("direct") << QStringLiteral("https://cdn.example.com/media/My%20Clip.webm") << QStringLiteral("MyClip.mp4");
}

void TstSandbox::fileNameRule()
{
    QFETCH(QString, url);
    QFETCH(QString, fileName);
    QCOMPARE(classifySource(QUrl(url)).fileName, fileName);
}

void TstSandbox::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("action");
    QTest::newRow("defaults") << QStringList{} << int(CommandLine::Action::Run);
    QTest::newRow("all") << QStringList{QStringLiteral("--port"), QStringLiteral("8080"), QStringLiteral("--key"), QStringLiteral("fm_1"),
                                        QStringLiteral("--key"), QStringLiteral("fm_2"), QStringLiteral("--job-seconds"), QStringLiteral("5"),
                                        QStringLiteral("--file-bytes"), QStringLiteral("1073741824"), QStringLiteral("--rate-limit"),
                                        QStringLiteral("10/60"), QStringLiteral("--signed-url-seconds"), QStringLiteral("30"), QStringLiteral("--quiet")}
                         << int(CommandLine::Action::Run);
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << int(CommandLine::Action::Help);
    QTest::newRow("version") << QStringList{QStringLiteral("--version")} << int(CommandLine::Action::Version);
    QTest::newRow("bad port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")} << int(CommandLine::Action::Error);
    QTest::newRow("bad rate") << QStringList{QStringLiteral("--rate-limit"), QStringLiteral("10")} << int(CommandLine::Action::Error);
    QTest::newRow("negative bytes") << QStringList{QStringLiteral("--file-bytes"), QStringLiteral("-5")} << int(CommandLine::Action::Error);
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << int(CommandLine::Action::Error);
}

void TstSandbox::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, action);
    const CommandLine result = parseCommandLine(QStringList{QStringLiteral("fetchmedia-sandbox")} + arguments);
    QCOMPARE(int(result.action), action);
    if (result.action == CommandLine::Action::Error)
        QVERIFY(!result.text.isEmpty());
    if (result.action == CommandLine::Action::Help) {
        for (const char* trigger : {"fm_sandbox=fail", "fm_sandbox=stuck", "fm_sandbox=http500", "fm_sandbox=malformed", "fm_sandbox=stall"})
            QVERIFY2(result.text.contains(QLatin1String(trigger)), trigger);
    }
    if (result.action == CommandLine::Action::Version)
        QCOMPARE(result.text, QStringLiteral("fetchmedia-sandbox " FETCHMEDIA_VERSION));
    if (QTest::currentDataTag() == QLatin1String("all")) {
        const SandboxOptions& o = result.options;
        QCOMPARE(o.port, quint16(8080));
        QCOMPARE(o.keys, (QStringList{QStringLiteral("fm_1"), QStringLiteral("fm_2")}));
        QCOMPARE(o.jobSeconds, 5);
        QCOMPARE(o.fileBytes, qint64(1) << 30);
        QCOMPARE(o.rateLimitCount, 10);
        QCOMPARE(o.rateLimitSeconds, 60);
        QCOMPARE(o.signedUrlSeconds, 30);
        QVERIFY(!o.logRequests);
    }
}

QTEST_GUILESS_MAIN(TstSandbox)
#include "tst_sandbox.moc"
