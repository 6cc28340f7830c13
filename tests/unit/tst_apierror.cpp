// mapApiError(): every HTTP status, error body shape and network error to one ErrorKind (C20,
// C21 and the API contract's two error shapes).

#include "app/core/api/apierror.h"

#include <QtTest/QtTest>

using namespace fetchmedia;

Q_DECLARE_METATYPE(fetchmedia::ErrorKind)

class TestApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapApiError_data();
    void mapApiError();
    void errorBodyMessage_data();
    void errorBodyMessage();
    void summary();
};

void TestApiError::mapApiError_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("networkError");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("cancelledByUser");
    QTest::addColumn<bool>("timedOut");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("code");
    // Exact message; a null string means "a default message of our own" (checked loosely).
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("retryAfter");

    const auto none = QNetworkReply::NoError;

    // Shape A: nested {"error":{code, message, …}}.
    QTest::newRow("401 nested invalid_token")
        << none << 401
        << QByteArray(R"({"error":{"code":"invalid_token","message":"The API key is invalid or has been revoked."}})")
        << false << false << ErrorKind::Auth << QStringLiteral("invalid_token")
        << QStringLiteral("The API key is invalid or has been revoked.") << -1;
    QTest::newRow("429 nested retry_after 60")
        << none << 429
        << QByteArray(R"({"error":{"code":"rate_limit_exceeded","message":"Too many requests. Retry after 60 seconds","retry_after":60}})")
        << false << false << ErrorKind::RateLimited << QStringLiteral("rate_limit_exceeded")
        << QStringLiteral("Too many requests. Retry after 60 seconds") << 60;
    QTest::newRow("429 nested without retry_after")
        << none << 429
        << QByteArray(R"({"error":{"code":"rate_limit_exceeded","message":"Slow down"}})")
        << false << false << ErrorKind::RateLimited << QStringLiteral("rate_limit_exceeded")
        << QStringLiteral("Slow down") << -1;
    QTest::newRow("429 negative retry_after ignored")
        << none << 429
        << QByteArray(R"({"error":{"code":"rate_limit_exceeded","message":"Slow down","retry_after":-3}})")
        << false << false << ErrorKind::RateLimited << QStringLiteral("rate_limit_exceeded")
        << QStringLiteral("Slow down") << -1;
    QTest::newRow("429 no body") << none << 429 << QByteArray() << false << false
                                 << ErrorKind::RateLimited << QStringLiteral("http_429") << QString() << -1;
    QTest::newRow("404 nested not_found")
        << none << 404 << QByteArray(R"({"error":{"code":"not_found","message":"Fetch not found"}})")
        << false << false << ErrorKind::NotFound << QStringLiteral("not_found")
        << QStringLiteral("Fetch not found") << -1;
    QTest::newRow("502 nested") << none << 502
        << QByteArray(R"({"error":{"code":"upstream_error","message":"Upstream failed"}})")
        << false << false << ErrorKind::Transient << QStringLiteral("upstream_error")
        << QStringLiteral("Upstream failed") << -1;
    QTest::newRow("400 with invalid_token code is Auth")
        << none << 400 << QByteArray(R"({"error":{"code":"invalid_token","message":"Bad key"}})")
        << false << false << ErrorKind::Auth << QStringLiteral("invalid_token") << QStringLiteral("Bad key") << -1;

    // Shape B: flat {"error": "<reason>", "message", "code": <int>, "details"}.
    QTest::newRow("422 flat")
        << none << 422
        << QByteArray(R"({"error":"Unprocessable Entity","message":"Invalid URL","code":422,"details":["url: not a supported link"]})")
        << false << false << ErrorKind::InvalidInput << QStringLiteral("http_422")
        << QStringLiteral("Invalid URL") << -1;
    QTest::newRow("401 flat")
        << none << 401
        << QByteArray(R"({"error":"Unauthorized","message":"Missing X-API-KEY header","code":401})")
        << false << false << ErrorKind::Auth << QStringLiteral("http_401")
        << QStringLiteral("Missing X-API-KEY header") << -1;
    QTest::newRow("429 flat retry_after 30")
        << none << 429
        << QByteArray(R"({"error":"Too Many Requests","message":"Slow down","code":429,"retry_after":30})")
        << false << false << ErrorKind::RateLimited << QStringLiteral("http_429") << QStringLiteral("Slow down") << 30;
    QTest::newRow("400 errors array") << none << 400 << QByteArray(R"({"errors":["a","b"]})")
                                      << false << false << ErrorKind::InvalidInput
                                      << QStringLiteral("http_400") << QStringLiteral("a; b") << -1;

    // Bodies that are no help.
    QTest::newRow("500 HTML") << none << 500
        << QByteArray("<html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1></body></html>")
        << false << false << ErrorKind::Transient << QStringLiteral("http_500") << QString() << -1;
    QTest::newRow("503 empty") << none << 503 << QByteArray() << false << false
                               << ErrorKind::Transient << QStringLiteral("http_503") << QString() << -1;
    QTest::newRow("400 not JSON") << none << 400 << QByteArray("Bad Request") << false << false
                                  << ErrorKind::InvalidInput << QStringLiteral("http_400") << QString() << -1;
    QTest::newRow("403 empty is Auth") << none << 403 << QByteArray() << false << false
                                       << ErrorKind::Auth << QStringLiteral("http_403") << QString() << -1;
    QTest::newRow("410 gone") << none << 410 << QByteArray() << false << false
                              << ErrorKind::NotFound << QStringLiteral("http_410") << QString() << -1;
    QTest::newRow("408 request timeout") << none << 408 << QByteArray() << false << false
                                         << ErrorKind::Transient << QStringLiteral("http_408") << QString() << -1;

    // No HTTP answer.
    QTest::newRow("connection refused") << QNetworkReply::ConnectionRefusedError << 0 << QByteArray()
                                        << false << false << ErrorKind::Transient
                                        << QStringLiteral("network") << QString() << -1;
    QTest::newRow("host not found") << QNetworkReply::HostNotFoundError << 0 << QByteArray()
                                    << false << false << ErrorKind::Transient
                                    << QStringLiteral("network") << QString() << -1;
    QTest::newRow("remote host closed") << QNetworkReply::RemoteHostClosedError << 0 << QByteArray()
                                        << false << false << ErrorKind::Transient
                                        << QStringLiteral("network") << QString() << -1;
    QTest::newRow("TLS handshake failed is not retried")
        << QNetworkReply::SslHandshakeFailedError << 0 << QByteArray() << false << false
        << ErrorKind::Protocol << QStringLiteral("network") << QString() << -1;
    QTest::newRow("no error and no answer") << none << 0 << QByteArray() << false << false
                                            << ErrorKind::Protocol << QStringLiteral("no_answer")
                                            << QString() << -1;

    // C21: Qt's transfer timeout is OperationCanceledError; only a tagged cancel is a cancel.
    QTest::newRow("canceled, not by user: timeout")
        << QNetworkReply::OperationCanceledError << 0 << QByteArray() << false << false
        << ErrorKind::Transient << QStringLiteral("timeout") << QString() << -1;
    QTest::newRow("canceled after headers, not by user: timeout")
        << QNetworkReply::OperationCanceledError << 200 << QByteArray("partial") << false << false
        << ErrorKind::Transient << QStringLiteral("timeout") << QString() << -1;
    QTest::newRow("canceled, tagged timed out")
        << QNetworkReply::OperationCanceledError << 0 << QByteArray() << false << true
        << ErrorKind::Transient << QStringLiteral("timeout") << QString() << -1;
    QTest::newRow("TimeoutError") << QNetworkReply::TimeoutError << 0 << QByteArray() << false << false
                                  << ErrorKind::Transient << QStringLiteral("timeout") << QString() << -1;
    QTest::newRow("canceled by user")
        << QNetworkReply::OperationCanceledError << 0 << QByteArray() << true << false
        << ErrorKind::Cancelled << QStringLiteral("cancelled") << QString() << -1;
    QTest::newRow("canceled by user mid-download")
        << QNetworkReply::OperationCanceledError << 200 << QByteArray("partial") << true << false
        << ErrorKind::Cancelled << QStringLiteral("cancelled") << QString() << -1;

    // Success.
    QTest::newRow("200") << none << 200 << QByteArray(R"({"id":"5b8f1c2e","status":"queued"})")
                         << false << false << ErrorKind::None << QString() << QString() << -1;
    QTest::newRow("204") << none << 204 << QByteArray() << false << false
                         << ErrorKind::None << QString() << QString() << -1;
}

void TestApiError::mapApiError()
{
    QFETCH(QNetworkReply::NetworkError, networkError);
    QFETCH(int, httpStatus);
    QFETCH(QByteArray, body);
    QFETCH(bool, cancelledByUser);
    QFETCH(bool, timedOut);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(int, retryAfter);

    ReplyFacts facts;
    facts.networkError = networkError;
    facts.networkErrorString = QStringLiteral("Qt says: %1").arg(int(networkError));
    facts.httpStatus = httpStatus;
    facts.body = body;
    facts.requestId = QByteArrayLiteral("req-") + QByteArray::number(httpStatus) + QByteArrayLiteral("-7f3a");
    facts.cancelledByUser = cancelledByUser;
    facts.timedOut = timedOut;

    const ApiError error = fetchmedia::mapApiError(facts);
    QCOMPARE(errorKindName(error.kind), errorKindName(kind));
    QCOMPARE(error.isError(), kind != ErrorKind::None);
    QCOMPARE(error.isRetryable(), kind == ErrorKind::Transient || kind == ErrorKind::RateLimited);
    QCOMPARE(error.httpStatus, httpStatus);
    QCOMPARE(error.requestId, QString::fromLatin1(facts.requestId));
    QCOMPARE(error.retryAfterSeconds, retryAfter);
    if (kind == ErrorKind::None) {
        QVERIFY(error.message.isEmpty());
        return;
    }
    QCOMPARE(error.code, code);
    if (!message.isNull()) {
        QCOMPARE(error.message, message);
    } else {
        // A message of our own: present, and never raw markup or the HTML title.
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(!error.message.contains(QLatin1Char('<')), qPrintable(error.message));
        QVERIFY(!error.message.contains(QLatin1String("Oops")));
        if (code == QLatin1String("network"))
            QVERIFY2(error.message.contains(facts.networkErrorString), qPrintable(error.message));
    }
}

void TestApiError::errorBodyMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");

    QTest::newRow("nested") << QByteArray(R"({"error":{"code":"not_found","message":"Fetch not found"}})")
                            << QStringLiteral("Fetch not found");
    QTest::newRow("flat") << QByteArray(R"({"error":"Unprocessable Entity","message":"Invalid URL","code":422,"details":["x"]})")
                          << QStringLiteral("Invalid URL");
    QTest::newRow("nested wins over flat")
        << QByteArray(R"({"error":{"message":"nested"},"message":"flat"})") << QStringLiteral("nested");
    QTest::newRow("nested without message, flat message")
        << QByteArray(R"({"error":{"code":"x"},"message":"flat"})") << QStringLiteral("flat");
    QTest::newRow("error string only") << QByteArray(R"({"error":"Unprocessable Entity"})")
                                       << QStringLiteral("Unprocessable Entity");
    QTest::newRow("errors strings") << QByteArray(R"({"errors":["a","b"]})") << QStringLiteral("a; b");
    QTest::newRow("errors objects")
        << QByteArray(R"({"errors":[{"message":"url is required"},{"message":"format is unknown"}]})")
        << QStringLiteral("url is required; format is unknown");
    QTest::newRow("errors with junk entries")
        << QByteArray(R"({"errors":["a","",{"message":"b"},{"field":"url"},3,null]})") << QStringLiteral("a; b");
    QTest::newRow("empty errors") << QByteArray(R"({"errors":[]})") << QString();
    QTest::newRow("empty object") << QByteArray("{}") << QString();
    QTest::newRow("empty body") << QByteArray() << QString();
    QTest::newRow("HTML") << QByteArray("<html><body>502 Bad Gateway</body></html>") << QString();
    QTest::newRow("top-level array") << QByteArray(R"(["a","b"])") << QString();
    QTest::newRow("truncated JSON") << QByteArray(R"({"error":{"message":"cut)") << QString();
}

void TestApiError::errorBodyMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(fetchmedia::errorBodyMessage(body), message);
}

void TestApiError::summary()
{
    ReplyFacts facts;
    facts.httpStatus = 422;
    facts.body = QByteArray(R"({"error":"Unprocessable Entity","message":"Invalid URL","code":422})");
    const ApiError httpError = fetchmedia::mapApiError(facts);
    QVERIFY(httpError.summary().contains(QLatin1String("Invalid URL")));
    QVERIFY(httpError.summary().contains(QLatin1String("422")));

    ReplyFacts network;
    network.networkError = QNetworkReply::ConnectionRefusedError;
    network.networkErrorString = QStringLiteral("Connection refused");
    const ApiError networkError = fetchmedia::mapApiError(network);
    QVERIFY(networkError.summary().contains(QLatin1String("Connection refused")));
    QVERIFY(!networkError.summary().contains(QLatin1String("HTTP")));
}

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
