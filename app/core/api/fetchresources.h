#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace fetchmedia {

// Status of a fetch on the service, as the contract spells it.
enum class RemoteStatus { Pending, Running, Success, Failed };

struct FetchInfo {
    QString id;
    QUrl url;          // the source URL as the service knows it (may be canonical)
    RemoteStatus status = RemoteStatus::Pending;
    QUrl downloadUrl;  // set on success
    QString error;     // set on failure
};

struct MediaMetadata {
    QString title;
    QString platform;
    double durationSeconds = -1;
    QUrl thumbnail;
};

// Parsers tolerate the documented variants and ignore unknown fields. They return nothing
// when a field the contract requires is missing or malformed; *problem then says which.
std::optional<QString> parseFetchCreated(const QJsonObject &body, QString *problem);
std::optional<FetchInfo> parseFetchInfo(const QJsonObject &body, QString *problem);
MediaMetadata parseMetadata(const QJsonObject &body);

} // namespace fetchmedia
