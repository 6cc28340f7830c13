#include "app/core/storage/settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QStandardPaths>

namespace fetchmedia {

namespace {

const QString kApiBaseKey = QStringLiteral("api/baseUrl");
const QString kDownloadFolderKey = QStringLiteral("downloads/folder");
const QString kConcurrencyKey = QStringLiteral("jobs/concurrency");
constexpr int kDefaultConcurrency = 4;

QString tr(const char *text)
{
    return QCoreApplication::translate("Settings", text);
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QUrl environmentBaseUrl()
{
    const QString value = qEnvironmentVariable("FETCHMEDIA_API_BASE").trimmed();
    return value.isEmpty() ? QUrl() : QUrl(value, QUrl::StrictMode);
}

} // namespace

Settings::Settings() = default;

Settings::Settings(const QString &iniPath) : m_settings(iniPath, QSettings::IniFormat) {}

QUrl Settings::defaultApiBaseUrl()
{
    return QUrl(QStringLiteral("https://api.fetchmedia.io/v1"));
}

std::optional<QString> Settings::validateApiBaseUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return tr("\"%1\" is not a valid URL.").arg(url.toDisplayString());
    if (!url.query().isEmpty() || !url.userInfo().isEmpty())
        return tr("The API base URL must not carry a query or user name.");
    if (url.scheme() == QLatin1String("https"))
        return std::nullopt;
    if (url.scheme() == QLatin1String("http") && isLoopbackHost(url.host()))
        return std::nullopt;
    if (url.scheme() == QLatin1String("http"))
        return tr("Plain http:// is only allowed to this computer (127.0.0.1 or localhost); "
                  "use https:// so the key is not sent in the clear.");
    return tr("The API base URL must start with https://.");
}

bool Settings::apiBaseUrlFromEnvironment() const
{
    const QUrl env = environmentBaseUrl();
    return !env.isEmpty() && !validateApiBaseUrl(env);
}

QUrl Settings::apiBaseUrl() const
{
    if (apiBaseUrlFromEnvironment())
        return environmentBaseUrl();
    const QUrl stored(m_settings.value(kApiBaseKey).toString(), QUrl::StrictMode);
    if (!stored.isEmpty() && !validateApiBaseUrl(stored))
        return stored;
    return defaultApiBaseUrl();
}

std::optional<QString> Settings::setApiBaseUrl(const QUrl &url)
{
    if (auto problem = validateApiBaseUrl(url))
        return problem;
    // Fully encoded: a decoded form ("fetch media") would not parse back in StrictMode.
    m_settings.setValue(kApiBaseKey,
                        url.adjusted(QUrl::StripTrailingSlash).toString(QUrl::FullyEncoded));
    return std::nullopt;
}

QString Settings::defaultDownloadFolder()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (base.isEmpty())
        base = QDir::homePath();
    return QDir(base).filePath(QStringLiteral("FetchMedia"));
}

QString Settings::downloadFolder() const
{
    const QString stored = m_settings.value(kDownloadFolderKey).toString();
    return stored.isEmpty() ? defaultDownloadFolder() : stored;
}

void Settings::setDownloadFolder(const QString &folder)
{
    m_settings.setValue(kDownloadFolderKey, QDir::cleanPath(folder));
}

bool Settings::clipboardWatch() const
{
    return m_settings.value(QStringLiteral("intake/clipboardWatch"), false).toBool();
}

void Settings::setClipboardWatch(bool enabled)
{
    m_settings.setValue(QStringLiteral("intake/clipboardWatch"), enabled);
}

bool Settings::fetchMetadata() const
{
    return m_settings.value(QStringLiteral("intake/fetchMetadata"), true).toBool();
}

void Settings::setFetchMetadata(bool enabled)
{
    m_settings.setValue(QStringLiteral("intake/fetchMetadata"), enabled);
}

int Settings::concurrency() const
{
    bool ok = false;
    const int value = m_settings.value(kConcurrencyKey, kDefaultConcurrency).toInt(&ok);
    return ok ? std::clamp(value, 1, 16) : kDefaultConcurrency;
}

void Settings::setConcurrency(int value)
{
    m_settings.setValue(kConcurrencyKey, std::clamp(value, 1, 16));
}

} // namespace fetchmedia
