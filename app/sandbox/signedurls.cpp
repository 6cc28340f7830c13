#include "app/sandbox/signedurls.h"

#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QRandomGenerator>
#include <QtCore/QUrlQuery>

namespace fetchmedia::sandbox {

namespace {

// Comparison time independent of where the first difference is.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace

SignedUrls::SignedUrls(int lifetimeSeconds, QByteArray secret)
    : m_lifetimeSeconds(lifetimeSeconds)
    , m_secret(std::move(secret))
{
    if (m_secret.isEmpty()) {
        m_secret.resize(32);
        QRandomGenerator::system()->generate(m_secret.begin(), m_secret.end());
    }
}

QByteArray SignedUrls::signature(const QString& path, const QString& expires) const
{
    const QByteArray message = path.toUtf8() + '\n' + expires.toLatin1();
    return QMessageAuthenticationCode::hash(message, m_secret, QCryptographicHash::Sha256).toHex();
}

QString SignedUrls::signQuery(const QString& path, qint64 nowSecs) const
{
    const QString expires = QString::number(nowSecs + m_lifetimeSeconds);
    return QStringLiteral("expires=") + expires + QStringLiteral("&sig=")
        + QString::fromLatin1(signature(path, expires));
}

SignedUrls::Verdict SignedUrls::verify(const QString& path, const QUrlQuery& query,
                                       qint64 nowSecs) const
{
    const QString expires = query.queryItemValue(QStringLiteral("expires"));
    const QByteArray sig = query.queryItemValue(QStringLiteral("sig")).toLatin1().toLower();
    bool ok = false;
    const qint64 expiresSecs = expires.toLongLong(&ok);
    if (!ok || sig.isEmpty() || !constantTimeEquals(sig, signature(path, expires)))
        return Verdict::BadSignature;
    // Valid strictly before the expiry second, so a lifetime of 0 is expired at once.
    return nowSecs < expiresSecs ? Verdict::Valid : Verdict::Expired;
}

} // namespace fetchmedia::sandbox
