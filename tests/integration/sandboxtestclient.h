#pragma once

// A plain QNetworkAccessManager client for the sandbox's own integration tests (never the
// client core: the two must stay independent implementations of the contract).

#include "app/sandbox/sandboxoptions.h"
#include "app/sandbox/sandboxserver.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QSignalSpy>

#include <memory>

namespace fetchmedia::sandbox::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct SandboxResponse {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    bool hasHeader(const QByteArray& name) const
    {
        for (const auto& header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject errorObject() const { return json().value(QStringLiteral("error")).toObject(); }
    QString errorCode() const { return errorObject().value(QStringLiteral("code")).toString(); }
};

inline Headers keyHeader(const QString& key = defaultKey())
{
    return {{"X-API-KEY", key.toLatin1()}};
}

class SandboxTestClient final {
public:
    SandboxTestClient()
        : m_nam(std::make_unique<QNetworkAccessManager>())
    {
    }

    QNetworkAccessManager& nam() { return *m_nam; }

    static QUrl apiUrl(const SandboxServer* server, const QString& pathAndQuery)
    {
        return QUrl(server->apiBaseUrl().toString() + pathAndQuery);
    }
    // "/_sandbox/keys" etc. on the API port.
    static QUrl rootUrl(const SandboxServer* server, const QString& path)
    {
        return server->apiBaseUrl().resolved(QUrl(path));
    }

    SandboxResponse send(const QUrl& url, const Headers& headers = {}, const QByteArray& verb = "GET",
                         const QByteArray& body = {})
    {
        QNetworkRequest request(url);
        // Never follow redirects: the tests look at the 302 itself.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        if (verb == "POST")
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        // A custom "HEAD" would wait for the body its Content-Length announces: use head().
        std::unique_ptr<QNetworkReply> reply(verb == "HEAD" ? m_nam->head(request)
                                                            : m_nam->sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        SandboxResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.error = reply->error();
        response.body = reply->readAll();
        response.headers = reply->rawHeaderPairs();
        return response;
    }

    SandboxResponse postFetch(const SandboxServer* server, const QString& url, const Headers& extra = {})
    {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("url"), url}}).toJson();
        return send(apiUrl(server, QStringLiteral("/fetch")), keyHeader() + extra, "POST", body);
    }

    // Creates a fetch on a jobSeconds=0 server (done at once) and returns its signed storage URL.
    QUrl signedUrlFor(const SandboxServer* server, const QString& url)
    {
        const QString id = postFetch(server, url).json().value(QStringLiteral("fetch_id")).toString();
        const QUrl download(send(apiUrl(server, QStringLiteral("/fetch/") + id), keyHeader())
                                .json().value(QStringLiteral("download_url")).toString());
        return QUrl(QString::fromUtf8(send(download, keyHeader()).header("Location")));
    }

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

} // namespace fetchmedia::sandbox::test
