#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

class QUrlQuery;

namespace fetchmedia::sandbox {

// Signs storage paths the way object stores do: the query carries an absolute expiry and an
// HMAC-SHA256 over path and expiry, keyed by a secret that never leaves the process.
class SignedUrls final {
public:
    enum class Verdict { Valid, Expired, BadSignature };

    // secret: empty picks a random one (a restarted sandbox invalidates old links, as it should).
    explicit SignedUrls(int lifetimeSeconds, QByteArray secret = {});

    // Query string "expires=UNIX&sig=HEX" for `path`, valid for the lifetime from nowSecs.
    QString signQuery(const QString& path, qint64 nowSecs) const;
    // A tampered or missing signature is BadSignature even when the expiry has also passed.
    Verdict verify(const QString& path, const QUrlQuery& query, qint64 nowSecs) const;

private:
    QByteArray signature(const QString& path, const QString& expires) const;

    int m_lifetimeSeconds = 0;
    QByteArray m_secret;
};

} // namespace fetchmedia::sandbox
