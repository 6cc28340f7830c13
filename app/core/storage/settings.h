#pragma once

#include <QSettings>
#include <QString>
#include <QUrl>

#include <optional>

namespace fetchmedia {

// Typed facade over QSettings. Holds no secret: the key lives in the keychain only.
class Settings final
{
public:
    Settings();
    explicit Settings(const QString &iniPath); // for tests: a file of their own

    static QUrl defaultApiBaseUrl(); // https://api.fetchmedia.io/v1

    // FETCHMEDIA_API_BASE wins over the stored value; an invalid value falls back.
    QUrl apiBaseUrl() const;
    bool apiBaseUrlFromEnvironment() const;
    // Stores url when it is acceptable; returns the reason it is not otherwise.
    std::optional<QString> setApiBaseUrl(const QUrl &url);

    QString downloadFolder() const; // default: the user's Downloads/FetchMedia
    void setDownloadFolder(const QString &folder);
    static QString defaultDownloadFolder();

    int concurrency() const; // 1…16, default 4
    void setConcurrency(int value);

    // Intake (issue 6): take video links copied elsewhere (off by default); ask the service
    // for title and thumbnail when a job is added (on by default).
    bool clipboardWatch() const;
    void setClipboardWatch(bool enabled);
    bool fetchMetadata() const;
    void setFetchMetadata(bool enabled);

    // https always; http only to a loopback host (the sandbox, a local proxy).
    static std::optional<QString> validateApiBaseUrl(const QUrl &url);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace fetchmedia
